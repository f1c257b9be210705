import Logging
import MutasiDomain
import MutasiRepositories
import PostgresNIO

/// The `Store` on PostgreSQL: each unit of work is one transaction on one pooled connection,
/// with the scope set transaction-locally (`SET LOCAL mutasi.tenant_id`), never on the session, so a
/// pooled connection carries no scope from one request to the next. A connection whose ROLLBACK
/// failed has died, and the pool does not hand it out again.
public struct PostgresStore: Store {
    public let client: PostgresClient
    let logger: Logger
    /// How long a unit of work waits for a connection before asking the probe whether the
    /// database is up at all (see `ConnectionWait`); without a probe, 503 after that long.
    let connectionWait: Duration
    let probe: DatabaseProbe?

    public init(client: PostgresClient, logger: Logger, probe: DatabaseProbe? = nil, connectionWait: Duration = .seconds(1)) {
        self.client = client
        self.logger = logger
        self.probe = probe
        self.connectionWait = connectionWait
    }

    public func transaction<T: Sendable>(
        in scope: ScopeID,
        _ body: @Sendable (any StoreTransaction) async throws -> T
    ) async throws -> T {
        let logger = self.logger, client = self.client, wait = connectionWait, probe = self.probe
        // The wait for a connection is bounded (`ConnectionWait`); `body` is done before this returns.
        return try await withoutActuallyEscaping(body) { body in
            try await ConnectionWait.withConnection(client, limit: wait, probe: probe) { connection in
                // BEGIN is sent without waiting for its answer: the scope follows it on the same
                // connection, in order, and one wait covers both.
                let begun: EventLoopFuture<PostgresQueryResult> = connection.query("BEGIN", logger: logger)
                do {
                    let tx = PostgresTransaction(connection: connection, logger: logger)
                    try await tx.enter(scope)
                    _ = try await begun.get()
                    let result = try await body(tx)
                    try await connection.query("COMMIT", logger: logger)
                    return result
                } catch {
                    do {
                        try await connection.query("ROLLBACK", logger: logger)
                    } catch {
                        // A ROLLBACK fails when the connection died; the pool drops a closed
                        // connection by itself. (Closing a leased connection here stalls the pool.)
                        logger.warning("rollback failed", metadata: ["error": "\(String(reflecting: type(of: error)))",
                                                                     "connectionClosed": "\(connection.isClosed)"])
                    }
                    throw PostgresErrorMapping.map(error)
                }
            }
        }
    }

    public func unscoped<T: Sendable>(_ body: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        let logger = self.logger
        return try await withoutActuallyEscaping(body) { body in
            try await ConnectionWait.withConnection(client, limit: connectionWait, probe: probe) { connection in
                do {
                    return try await body(PostgresTransaction(connection: connection, logger: logger))
                } catch {
                    throw PostgresErrorMapping.map(error)
                }
            }
        }
    }

    /// Whether the database answers; a database that is down is told within about a second.
    public func isReachable() async -> Bool {
        let logger = self.logger
        do {
            _ = try await ConnectionWait.withConnection(client, limit: .milliseconds(400), probe: probe) { connection in
                try await connection.query("SELECT 1", logger: logger)
            }
            return true
        } catch {
            return false
        }
    }
}

/// One open transaction and the repositories bound to it.
struct PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    let logger: Logger

    func enter(_ scope: ScopeID) async throws {
        // SET LOCAL rather than set_config(..., true), which is the same on one server: Citus
        // passes SET LOCAL on to the workers that run the transaction's statements (with
        // citus.propagate_set_commands = 'local'), set_config not. SET takes no parameters; the
        // value is the text of a UUID, so the literal is safe.
        try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL mutasi.tenant_id = '\(scope.description)'"), logger: logger)
    }

    var offices: any BknOfficeRepository { PostgresBknOfficeRepository(db: self) }
    var tenants: any TenantRepository { PostgresTenantRepository(db: self) }
    var agencies: any AgencyRepository { PostgresAgencyRepository(db: self) }
    var users: any UserRepository { PostgresUserRepository(db: self) }
    var sessions: any SessionRepository { PostgresSessionRepository(db: self) }
    var loginThrottle: any LoginThrottleRepository { PostgresLoginThrottleRepository(db: self) }
    var audit: any AuditTrailRepository { PostgresAuditTrailRepository(db: self) }
    var needs: any NeedsAnalysisRepository { PostgresNeedsAnalysisRepository(db: self) }
    var needsSettings: any NeedsSettingsRepository { PostgresNeedsSettingsRepository(db: self) }
    var balance: any BalanceRepository { PostgresBalanceRepository(db: self) }
    var idempotency: any IdempotencyRepository { PostgresIdempotencyRepository(db: self) }
    var units: any WorkUnitRepository { PostgresWorkUnitRepository(db: self) }
    var slots: any SlotRepository { PostgresSlotRepository(db: self) }
    var employees: any EmployeeRepository { PostgresEmployeeRepository(db: self) }
    var retirementAges: any RetirementAgeRepository { PostgresRetirementAgeRepository(db: self) }
    var workforceBulk: any WorkforceBulkRepository { PostgresWorkforceBulkRepository(db: self) }
    var plans: any PlanRepository { PostgresPlanRepository(db: self) }
    var planReview: any PlanReviewRepository { PostgresPlanRepository(db: self) }
    var planHistory: any PlanHistoryRepository { PostgresPlanHistoryRepository(db: self) }
    var jobs: any JobRepository { PostgresJobRepository(db: self) }
    var planningData: any PlanningDataRepository { PostgresPlanningDataRepository(db: self) }
    var campaigns: any CampaignRepository { PostgresCampaignRepository(db: self) }
    var pointContests: any PointContestRepository { PostgresPointContestRepository(db: self) }
    var planSettings: any PlanSettingsRepository { PostgresPlanSettingsRepository(db: self) }
    var planComments: any PlanCommentRepository { PostgresPlanCommentRepository(db: self) }
    var planDecisions: any PlanDecisionRepository { PostgresPlanRepository(db: self) }
    var planExecution: any PlanExecutionRepository { PostgresPlanExecutionRepository(db: self) }
    var decrees: any DecreeRepository { PostgresDecreeRepository(db: self) }

    /// Runs a statement and returns its rows, collected.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        var result: [PostgresRow] = []
        for try await row in try await connection.query(query, logger: logger) {
            result.append(row)
        }
        return result
    }

    /// Runs a statement prepared under `name` on this connection (see `NamedStatement`): for the
    /// statements of nearly every request, whose text never varies.
    @discardableResult
    func rows(prepared name: String, _ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.preparedRows(name, query, logger: logger)
    }

    /// The single integer a `count(*)` returns; with `name`, the statement is prepared under it.
    func count(prepared name: String? = nil, _ query: PostgresQuery) async throws -> Int {
        let found = if let name { try await rows(prepared: name, query) } else { try await rows(query) }
        guard let row = found.first else { return 0 }
        return Int(try row.decode(Int64.self))
    }
}

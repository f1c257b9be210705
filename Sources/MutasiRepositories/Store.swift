import MutasiDomain

/// The unit of work services run in: one database transaction, scoped to one tenant (or the
/// platform) so that row-level security sees only that scope's rows.
public protocol Store: Sendable {
    /// Runs `body` in one transaction entered in `scope`; commits when it returns, rolls back
    /// when it throws (rethrowing the same error).
    func transaction<T: Sendable>(
        in scope: ScopeID,
        _ body: @Sendable (any StoreTransaction) async throws -> T
    ) async throws -> T

    /// Runs `body` on a pooled connection outside any explicit transaction and with no scope
    /// entered, so row-level security shows it no tenant's rows: for the one statement that enters
    /// its scope by itself (`SessionRepository.identity`), which then costs one round trip.
    func unscoped<T: Sendable>(_ body: @Sendable (any StoreTransaction) async throws -> T) async throws -> T

    /// Whether the database answers.
    func isReachable() async -> Bool
}

/// The repositories available inside one transaction.
public protocol StoreTransaction: Sendable {
    /// Moves the transaction to another scope (a BKN admin creating a tenant's first admin).
    func enter(_ scope: ScopeID) async throws
    var offices: any BknOfficeRepository { get }
    var tenants: any TenantRepository { get }
    var agencies: any AgencyRepository { get }
    var users: any UserRepository { get }
    var sessions: any SessionRepository { get }
    var loginThrottle: any LoginThrottleRepository { get }
    var audit: any AuditTrailRepository { get }
    var needs: any NeedsAnalysisRepository { get }
    var needsSettings: any NeedsSettingsRepository { get }
    var balance: any BalanceRepository { get }
    var idempotency: any IdempotencyRepository { get }
    var units: any WorkUnitRepository { get }
    var slots: any SlotRepository { get }
    var employees: any EmployeeRepository { get }
    var retirementAges: any RetirementAgeRepository { get }
    var workforceBulk: any WorkforceBulkRepository { get }
    var plans: any PlanRepository { get }
    var planReview: any PlanReviewRepository { get }
    var planHistory: any PlanHistoryRepository { get }
    var jobs: any JobRepository { get }
    var planningData: any PlanningDataRepository { get }
    var campaigns: any CampaignRepository { get }
    var pointContests: any PointContestRepository { get }
    var planSettings: any PlanSettingsRepository { get }
    var planComments: any PlanCommentRepository { get }
    var planDecisions: any PlanDecisionRepository { get }
    var planExecution: any PlanExecutionRepository { get }
    var decrees: any DecreeRepository { get }
}

import MutasiDomain
import PostgresNIO
import Synchronization

/// Waiting for a pooled connection without waiting for a database that is down. While PostgreSQL
/// is down the pool keeps trying to connect and a lease would wait indefinitely. So each time
/// `limit` passes without a connection, the probe asks whether the database accepts connections
/// at all: if not, the caller gets 503 `database.unavailable` at once (the pool reconnects by
/// itself when the database is back); if it does, the pool is only busy or slow to connect,
/// and the wait goes on. Work that has its connection runs to its end.
enum ConnectionWait {
    static let unavailable = DomainError(.unavailable, code: "database.unavailable",
                                         "The database cannot be reached; try again shortly.", field: "retryAfter=5")

    static func withConnection<T: Sendable>(
        _ client: PostgresClient, limit: Duration, probe: DatabaseProbe?, _ body: @escaping @Sendable (PostgresConnection) async throws -> T
    ) async throws -> T {
        let leased = Flag()
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        leased.set()
                        return try await body(connection)
                    }
                }
                group.addTask {
                    while true {
                        try await Task.sleep(for: limit)
                        if leased.isSet { return nil }   // working: let it finish
                        if let probe, await probe.acceptsRecently() { continue }   // up, only busy
                        throw unavailable
                    }
                }
                while let result = try await group.next() {
                    if let value = result {
                        group.cancelAll()
                        return value
                    }
                }
                throw unavailable   // unreachable: the work's task always yields a value or throws
            }
        } catch let error as PSQLError where lostConnection(error) {
            throw unavailable
        }
    }

    /// Failures that mean the database went away or is not accepting work, rather than a bad
    /// statement: connecting failed, the connection closed, or the server is shutting down or
    /// starting up (SQLSTATE class 08, 57P01-57P03).
    static func lostConnection(_ error: PSQLError) -> Bool {
        switch error.code {
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .poolClosed: return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state)
        default: return false
        }
    }

    /// Set once the work has its connection.
    final class Flag: Sendable {
        private let value = Mutex(false)
        var isSet: Bool { value.withLock { $0 } }
        func set() { value.withLock { $0 = true } }
    }
}

import MutasiDomain
import NIOCore
import NIOPosix
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
        let state = LeaseState()
        // The lease runs as a task of its own so that a timer on an event loop (cheaper than a
        // sleeping task per lease) can cancel it while it still waits for a connection.
        let lease = Task {
            try await client.withConnection { connection in
                guard state.leased() else { throw CancellationError() }
                return try await body(connection)
            }
        }
        let timer = Timer(limit: limit, probe: probe, state: state, cancelLease: { lease.cancel() })
        timer.arm()
        defer { timer.disarm() }
        do {
            return try await withTaskCancellationHandler { try await lease.value } onCancel: { lease.cancel() }
        } catch let error as PSQLError where lostConnection(error) {
            throw unavailable
        } catch {
            if state.refused { throw unavailable }
            throw error
        }
    }

    /// Each time `limit` passes while the lease still waits: asks the probe, and refuses the
    /// lease when the database does not accept connections.
    struct Timer: Sendable {
        let limit: Duration, probe: DatabaseProbe?, state: LeaseState
        let cancelLease: @Sendable () -> Void
        let loop = MultiThreadedEventLoopGroup.singleton.any()

        func arm() {
            let scheduled = loop.scheduleTask(in: TimeAmount(limit)) { fire() }
            state.timer(scheduled)
        }

        func disarm() { state.timer(nil)?.cancel() }

        private func fire() {
            guard state.waiting else { return }
            Task {
                if let probe, await probe.acceptsRecently() {
                    arm()   // up, only busy: wait on
                } else if state.refuse() {
                    cancelLease()
                }
            }
        }
    }

    /// Whether the lease got its connection or was refused (whichever comes first wins), and the
    /// timer to cancel once it is over.
    final class LeaseState: Sendable {
        private enum Phase { case waiting, leased, refused }
        private let value = Mutex<(phase: Phase, timer: Scheduled<Void>?)>((.waiting, nil))

        var waiting: Bool { value.withLock { $0.phase == .waiting } }
        var refused: Bool { value.withLock { $0.phase == .refused } }
        /// The connection came: true unless the lease was refused a moment before.
        func leased() -> Bool { change(to: .leased) }
        /// The wait is over: true unless the connection came a moment before.
        func refuse() -> Bool { change(to: .refused) }

        private func change(to phase: Phase) -> Bool {
            value.withLock { state in
                guard state.phase == .waiting else { return false }
                state.phase = phase
                return true
            }
        }

        /// Sets the pending timer; returns the one it replaces.
        @discardableResult
        func timer(_ timer: Scheduled<Void>?) -> Scheduled<Void>? {
            value.withLock { state in
                let old = state.timer
                state.timer = timer
                return old
            }
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
}

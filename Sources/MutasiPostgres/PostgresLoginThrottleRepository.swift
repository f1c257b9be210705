import Foundation
import MutasiRepositories
import PostgresNIO

struct PostgresLoginThrottleRepository: LoginThrottleRepository {
    let db: PostgresTransaction

    func lockedUntil(key: String, now: Date) async throws -> Date? {
        try await db.rows("""
            SELECT locked_until FROM login_throttle WHERE login_key = \(key) AND locked_until > \(now)
            """).first.map { try $0.decode(Date.self) }
    }

    func recordFailure(key: String, now: Date, maxFailures: Int, window: Duration, lockFor: Duration) async throws -> Date? {
        let windowStart = now.addingTimeInterval(-Double(window.components.seconds))
        let lockEnd = now.addingTimeInterval(Double(lockFor.components.seconds))
        // A failure older than the window starts the count again.
        let rows = try await db.rows("""
            INSERT INTO login_throttle AS t (login_key, failures, last_failure)
            VALUES (\(key), 1, \(now))
            ON CONFLICT (login_key) DO UPDATE SET
                failures = CASE WHEN t.last_failure < \(windowStart) THEN 1 ELSE t.failures + 1 END,
                last_failure = \(now)
            RETURNING failures
            """)
        let failures = Int(try rows[0].decode(Int32.self))
        guard failures >= maxFailures else { return nil }
        try await db.rows("""
            UPDATE login_throttle SET locked_until = \(lockEnd), failures = 0 WHERE login_key = \(key)
            """)
        return lockEnd
    }

    func reset(key: String) async throws {
        try await db.rows("DELETE FROM login_throttle WHERE login_key = \(key)")
    }
}

import Foundation
import MutasiRepositories
import PostgresNIO

/// One statement per attempt: the upsert takes the row's lock, so parallel attempts on one key
/// count one after the other, exactly as if they came in sequence.
struct PostgresLoginThrottleRepository: LoginThrottleRepository {
    let db: PostgresTransaction

    func reserve(key: String, now: Date, limit: Int, window: Duration, lockFor: Duration) async throws -> LoginReservation {
        let windowStart = now.addingTimeInterval(-Double(window.components.seconds))
        let lockEnd = now.addingTimeInterval(Double(lockFor.components.seconds))
        let limit = Int32(clamping: limit)
        // `fresh`: the old lock ran out or the window passed, so counting starts again.
        let rows = try await db.rows("""
            INSERT INTO login_throttle AS t (login_key, failures, last_failure, locked_until)
            VALUES (\(key), 1, \(now), CASE WHEN 1 > \(limit) THEN \(lockEnd)::timestamptz END)
            ON CONFLICT (login_key) DO UPDATE SET
                failures = CASE
                    WHEN t.locked_until > \(now) THEN t.failures
                    WHEN t.locked_until IS NOT NULL OR t.last_failure < \(windowStart) THEN 1
                    ELSE t.failures + 1 END,
                last_failure = CASE WHEN t.locked_until > \(now) THEN t.last_failure ELSE \(now) END,
                locked_until = CASE
                    WHEN t.locked_until > \(now) THEN t.locked_until
                    WHEN t.locked_until IS NULL AND t.last_failure >= \(windowStart) AND t.failures + 1 > \(limit)
                        THEN \(lockEnd)::timestamptz
                    END
            RETURNING failures, locked_until
            """)
        let (attempts, lockedUntil) = try rows[0].decode((Int32, Date?).self)
        return LoginReservation(attempts: Int(attempts), lockedUntil: lockedUntil)
    }

    func release(key: String) async throws {
        try await db.rows("""
            UPDATE login_throttle SET failures = greatest(failures - 1, 0)
            WHERE login_key = \(key) AND locked_until IS NULL
            """)
    }

    func reset(key: String) async throws {
        try await db.rows("DELETE FROM login_throttle WHERE login_key = \(key)")
    }
}

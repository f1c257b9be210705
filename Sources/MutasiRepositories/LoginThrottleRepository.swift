import Foundation

/// Failed-login counts kept in the database, so throttling holds across server instances.
public protocol LoginThrottleRepository: Sendable {
    /// When the key is locked, until when.
    func lockedUntil(key: String, now: Date) async throws -> Date?
    /// Counts one failure; locks the key for `lockFor` once `maxFailures` are reached within
    /// `window`. Returns the lock's end if it is now locked.
    func recordFailure(key: String, now: Date, maxFailures: Int, window: Duration, lockFor: Duration) async throws -> Date?
    func reset(key: String) async throws
}

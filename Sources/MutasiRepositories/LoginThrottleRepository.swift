import Foundation

/// One counted login attempt: how many attempts the key has in its window, and until when it is
/// locked (nil: this attempt may go on to the password check).
public struct LoginReservation: Sendable, Equatable {
    public var attempts: Int
    public var lockedUntil: Date?
    public init(attempts: Int, lockedUntil: Date?) { self.attempts = attempts; self.lockedUntil = lockedUntil }
    public var allowed: Bool { lockedUntil == nil }
}

/// Login attempts counted in the database, per login name and per client address, so that
/// throttling holds across any number of server instances and parallel requests.
public protocol LoginThrottleRepository: Sendable {
    /// Counts one attempt for `key` atomically, before the password is checked: a key with more
    /// than `limit` attempts within `window` (a window starts again `window` after the last
    /// attempt) is locked for `lockFor`, and attempts while locked are refused uncounted.
    func reserve(key: String, now: Date, limit: Int, window: Duration, lockFor: Duration) async throws -> LoginReservation
    /// Gives back one counted attempt (it succeeded, or was never checked).
    func release(key: String) async throws
    /// Forgets the key's attempts (a successful login's name).
    func reset(key: String) async throws
}

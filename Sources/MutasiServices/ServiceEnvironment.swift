import Foundation
import MutasiRepositories

/// What every service needs: the store, the password hasher, the clock and the settings.
public struct ServiceEnvironment: Sendable {
    public var store: any Store
    public var hasher: PasswordHasher
    public var tokenLifetime: Duration
    public var login: LoginPolicy
    public var now: @Sendable () -> Date

    public init(store: any Store, hasher: PasswordHasher = PasswordHasher(), tokenLifetime: Duration = .seconds(8 * 3600),
                login: LoginPolicy = LoginPolicy(), now: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store; self.hasher = hasher; self.tokenLifetime = tokenLifetime
        self.login = login; self.now = now
    }
}

/// How failed logins are throttled: after `maxFailures` within `window`, the login name is
/// locked for `lockFor`.
public struct LoginPolicy: Sendable {
    public var maxFailures: Int
    public var window: Duration
    public var lockFor: Duration
    public init(maxFailures: Int = 5, window: Duration = .seconds(900), lockFor: Duration = .seconds(900)) {
        self.maxFailures = maxFailures; self.window = window; self.lockFor = lockFor
    }
}

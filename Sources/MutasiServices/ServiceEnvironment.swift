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

/// How login attempts are throttled. Each attempt is counted before its password is checked,
/// per login name (tenant and username) and per client address; more than `maxFailures` for a
/// name, or `maxFailuresPerAddress` for an address, within `window` lock it for `lockFor`. A
/// successful login clears its name's count and gives its address's attempt back.
public struct LoginPolicy: Sendable {
    public var maxFailures: Int
    public var maxFailuresPerAddress: Int
    public var window: Duration
    public var lockFor: Duration
    public init(maxFailures: Int = 5, maxFailuresPerAddress: Int = 50, window: Duration = .seconds(900),
                lockFor: Duration = .seconds(900)) {
        self.maxFailures = maxFailures; self.maxFailuresPerAddress = maxFailuresPerAddress
        self.window = window; self.lockFor = lockFor
    }
}

import HummingbirdBcrypt

/// Hashes and checks passwords (bcrypt). Cost is configurable: production keeps the default,
/// tests lower it to stay fast.
public struct PasswordHasher: Sendable {
    public var cost: UInt8

    public init(cost: UInt8 = 12) { self.cost = cost }

    public func hash(_ password: String) -> String { Bcrypt.hash(password, cost: cost) }
    public func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A hash to check against when the user does not exist, so a miss costs the same time
    /// as a wrong password and does not reveal whether the user exists.
    public var decoyHash: String { Bcrypt.hash("decoy-password", cost: cost) }
}

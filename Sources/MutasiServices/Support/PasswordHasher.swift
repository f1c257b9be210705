import HummingbirdBcrypt
import MutasiDomain

/// Hashes and checks passwords (bcrypt) on a bounded pool of its own threads. Cost is
/// configurable: production keeps the default, tests lower it to stay fast.
///
/// bcrypt reads only the first 72 bytes of a password, so longer ones are never hashed (they
/// are refused when set) and never match at login: a 73-byte password must not open an account
/// whose password is its first 72 bytes.
public struct PasswordHasher: Sendable {
    public var cost: UInt8
    public let pool: BcryptPool
    /// Bytes of UTF-8 that bcrypt reads.
    public static let maxBytes = 72

    public init(cost: UInt8 = 12, threads: Int = 2, maxWaiting: Int = 64) {
        self.cost = cost
        self.pool = BcryptPool(threads: threads, maxWaiting: maxWaiting)
    }

    /// The hash of a password of at most `maxBytes` bytes, computed on the pool.
    public func hash(_ password: String) async throws -> String {
        guard password.utf8.count <= Self.maxBytes else {
            throw DomainError.invalid("password.too_long", "The password must be at most \(Self.maxBytes) bytes (UTF-8).",
                                      field: "password")
        }
        let cost = self.cost
        return try await pool.run { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether the password matches, computed on the pool; false without hashing for a password
    /// bcrypt would cut.
    public func verify(_ password: String, hash: String) async throws -> Bool {
        guard password.utf8.count <= Self.maxBytes else { return false }
        return try await pool.run { Bcrypt.verify(password, hash: hash) }
    }

    /// A hash to check against when the user does not exist, so a miss costs the same time
    /// as a wrong password and does not reveal whether the user exists.
    public var decoyHash: String { Bcrypt.hash("decoy-password", cost: cost) }
}

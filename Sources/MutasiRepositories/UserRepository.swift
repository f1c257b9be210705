import Foundation
import MutasiDomain

/// Fields of a new user, the password already hashed.
public struct NewUser: Sendable {
    public var scope: ScopeID
    public var username: String
    public var fullName: String
    public var role: Role
    public var bknOfficeID: UUID?
    public var agencyIDs: [UUID]
    public var passwordHash: String
    public init(scope: ScopeID, username: String, fullName: String, role: Role, bknOfficeID: UUID?,
                agencyIDs: [UUID], passwordHash: String) {
        self.scope = scope; self.username = username; self.fullName = fullName; self.role = role
        self.bknOfficeID = bknOfficeID; self.agencyIDs = agencyIDs; self.passwordHash = passwordHash
    }
}

/// Changes to a user; nil leaves a field as it is.
public struct UserChanges: Sendable {
    public var fullName: String?
    public var active: Bool?
    public var agencyIDs: [UUID]?
    public init(fullName: String? = nil, active: Bool? = nil, agencyIDs: [UUID]? = nil) {
        self.fullName = fullName; self.active = active; self.agencyIDs = agencyIDs
    }
}

/// Storage of users, within the transaction's scope.
public protocol UserRepository: Sendable {
    /// Throws `user.username_taken`.
    func create(_ user: NewUser) async throws -> User
    func find(scope: ScopeID, id: UUID) async throws -> User?
    /// The user and its password hash, for login.
    func findCredentials(scope: ScopeID, username: String) async throws -> (user: User, passwordHash: String)?
    func list(scope: ScopeID, role: Role?, _ page: PageRequest) async throws -> Page<User>
    /// Nil when absent; throws `user.version_mismatch` when it changed meanwhile.
    func update(scope: ScopeID, id: UUID, _ changes: UserChanges, expectedVersion: Int) async throws -> User?
    func setPasswordHash(scope: ScopeID, id: UUID, _ hash: String) async throws
    func countAll(scope: ScopeID) async throws -> Int
}

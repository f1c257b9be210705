import Foundation

/// A person who logs in. Bound to one scope: the platform (platform and BKN admins) or one
/// tenant (everybody else); agency operators also to their agencies.
public struct User: Codable, Sendable, Equatable {
    public var scope: ScopeID
    public var id: UUID
    public var username: String
    public var fullName: String
    public var role: Role
    /// Set for BKN admins: the office whose tenants they manage.
    public var bknOfficeID: UUID?
    /// Set for agency operators: the agencies they work for.
    public var agencyIDs: [UUID]
    /// Set for employees once their employee record exists.
    public var employeeID: UUID?
    public var active: Bool
    public var version: Int

    public init(scope: ScopeID, id: UUID, username: String, fullName: String, role: Role,
                bknOfficeID: UUID?, agencyIDs: [UUID], employeeID: UUID?, active: Bool, version: Int) {
        self.scope = scope; self.id = id; self.username = username; self.fullName = fullName
        self.role = role; self.bknOfficeID = bknOfficeID; self.agencyIDs = agencyIDs
        self.employeeID = employeeID; self.active = active; self.version = version
    }
}

import Foundation

/// Who is acting (the actor of the audit trail), as established by login (HTTP) or by the operator option (CLI).
/// Services take an actor on every call and decide from it what is allowed.
public struct Principal: Sendable, Equatable {
    /// How the action reached the system; recorded in the audit trail.
    public enum Channel: String, Sendable, Codable {
        case api, cli, system, web
    }
    public var user: User
    public var channel: Channel
    /// For a BKN admin, the province codes of their office's area (read when they authenticate);
    /// empty otherwise. A BKN admin manages only tenants whose region lies in it.
    public var bknArea: [String]
    /// The user's tenant as read when they authenticated (nil on the platform, or when not read):
    /// the request's checks reuse it instead of reading it again.
    public var tenant: Tenant?

    public init(user: User, channel: Channel, bknArea: [String] = [], tenant: Tenant? = nil) {
        self.user = user
        self.channel = channel
        self.bknArea = bknArea
        self.tenant = tenant
    }

    public var role: Role { user.role }
    public var scope: ScopeID { user.scope }
}

extension Principal {
    /// The system itself (bootstrap, scheduled work), as recorded in the audit trail.
    public static let system = Principal(
        user: User(scope: .platform, id: ScopeID.platform.uuid, username: "system", fullName: "Mutasi",
                   role: .platformAdmin, bknOfficeID: nil, agencyIDs: [], employeeID: nil, active: true, version: 1),
        channel: .system)
}

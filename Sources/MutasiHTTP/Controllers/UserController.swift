import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// Users of the platform (`/v1/platform/users`) and of a tenant (`/v1/tenants/{id}/users`).
struct UserController {
    let services: Services

    struct UserPatch: Decodable { var fullName: String?; var active: Bool?; var agencyIDs: [UUID]? }
    static let notFoundUser = DomainError.notFound("user.not_found", "User not found.")

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let users = services.users
        table.on(group, prefix: "/v1", "platform/users", method: .get) { request, context in
            try HTTPInput.json(try await users.list(actor: try context.requirePrincipal(), tenantID: nil,
                                                    role: try Self.role(request), page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "platform/users", method: .post) { request, context in
            let body = try await request.decode(as: UserService.Draft.self, context: context)
            let user = try await users.createPlatformUser(actor: try context.requirePrincipal(), body)
            return try HTTPInput.json(user, status: .created, etag: user.version)
        }
        table.on(group, prefix: "/v1", "platform/users/{userID}", method: .get) { _, context in
            let id = try HTTPInput.id(context, "userID", notFound: Self.notFoundUser)
            let user = try await users.get(actor: try context.requirePrincipal(), tenantID: nil, id: id)
            return try HTTPInput.json(user, etag: user.version)
        }
        table.on(group, prefix: "/v1", "platform/users/{userID}", method: .patch) { request, context in
            try await Self.patch(users, request, context, tenantID: nil)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/users", method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await users.list(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                           role: try Self.role(request), page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/users", method: .post) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let body = try await request.decode(as: UserService.Draft.self, context: context)
            let user = try await users.createTenantUser(actor: try context.requirePrincipal(), tenantID: tenantID, body)
            return try HTTPInput.json(user, status: .created, etag: user.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/users/{userID}", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let id = try HTTPInput.id(context, "userID", notFound: Self.notFoundUser)
            let user = try await users.get(actor: try context.requirePrincipal(), tenantID: tenantID, id: id)
            return try HTTPInput.json(user, etag: user.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/users/{userID}", method: .patch) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try await Self.patch(users, request, context, tenantID: tenantID)
        }
    }

    static func patch(_ users: UserService, _ request: Request, _ context: AppRequestContext, tenantID: UUID?) async throws -> Response {
        let id = try HTTPInput.id(context, "userID", notFound: notFoundUser)
        let version = try HTTPInput.expectedVersion(request)
        let body = try await request.decode(as: UserPatch.self, context: context)
        let user = try await users.update(actor: try context.requirePrincipal(), tenantID: tenantID, id: id,
                                          UserChanges(fullName: body.fullName, active: body.active, agencyIDs: body.agencyIDs),
                                          expectedVersion: version)
        return try HTTPInput.json(user, etag: user.version)
    }

    static func role(_ request: Request) throws -> Role? {
        guard let text = HTTPInput.string(request, "role") else { return nil }
        guard let role = Role(rawValue: text) else {
            throw DomainError.invalid("query.unknown_role", "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")).", field: "role")
        }
        return role
    }
}

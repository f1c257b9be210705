import Foundation
import Hummingbird
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// The audit trail: listing (filtered, paginated, newest first) and chain verification.
struct AuditController {
    let services: Services

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let audit = services.audit
        table.on(group, prefix: "/v1", "platform/audit-events", method: .get) { request, context in
            try HTTPInput.json(try await audit.list(actor: try context.requirePrincipal(), tenantID: nil,
                                                    filter: try Self.filter(request), page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/audit-events", method: .get) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await audit.list(actor: try context.requirePrincipal(), tenantID: tenantID,
                                                           filter: try Self.filter(request), page: try HTTPInput.page(request)))
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/audit-verification", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            return try HTTPInput.json(try await audit.verify(actor: try context.requirePrincipal(), tenantID: tenantID))
        }
    }

    static func filter(_ request: Request) throws -> AuditFilter {
        func date(_ name: String) throws -> Date? {
            guard let text = HTTPInput.string(request, name) else { return nil }
            guard let date = RFC3339.date(text) else {
                throw DomainError.invalid("query.not_timestamp", "\(name) must be an ISO 8601 timestamp.", field: name)
            }
            return date
        }
        var actorID: UUID?
        if let text = HTTPInput.string(request, "actorId") {
            guard let id = UUID(uuidString: text) else {
                throw DomainError.invalid("query.not_uuid", "actorId must be a UUID.", field: "actorId")
            }
            actorID = id
        }
        return AuditFilter(entityType: HTTPInput.string(request, "entityType"), entityID: HTTPInput.string(request, "entityId"),
                           action: HTTPInput.string(request, "action"), actorID: actorID,
                           since: try date("since"), until: try date("until"))
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// Agencies (OPD) of a tenant: managed by its tenant admin, read by its users (agency
/// operators see only their own agencies).
public struct AgencyService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public func create(actor: Principal, tenantID: UUID, code: String, name: String) async throws -> Agency {
        let code = try Validate.code(code, field: "code")
        let name = try Validate.text(name, field: "name")
        return try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            try Access.require(actor, in: tenant, roles: [.tenantAdmin])
            let agency = try await tx.agencies.create(tenantID: tenantID, code: code, name: name)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "agency.create", entityType: "agency", entityID: agency.id.uuidString.lowercased(),
                before: nil, after: AuditSnapshot.json(agency)))
            return agency
        }
    }

    public func list(actor: Principal, tenantID: UUID, page: PageRequest) async throws -> Page<Agency> {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            try Access.require(actor, in: tenant, roles: [.tenantAdmin, .agencyOperator, .approver, .auditor],
                               managersToo: true)
            let only = actor.role == .agencyOperator ? actor.user.agencyIDs : nil
            return try await tx.agencies.list(tenantID: tenantID, onlyIDs: only, page)
        }
    }
}

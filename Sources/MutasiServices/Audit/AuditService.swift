import Foundation
import MutasiDomain
import MutasiRepositories

/// Reading and verifying the audit trail. Auditors and tenant admins read their tenant's
/// trail; platform admins read any.
public struct AuditService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// Events of a tenant, or of the platform when `tenantID` is nil; newest first.
    public func list(actor: Principal, tenantID: UUID?, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEvent> {
        let scope = try await authorise(actor, tenantID: tenantID)
        return try await env.store.transaction(in: scope) { tx in try await tx.audit.list(scope: scope, filter, page) }
    }

    /// Verifies one tenant's chain, or the platform's when `tenantID` is nil.
    public func verify(actor: Principal, tenantID: UUID?) async throws -> AuditVerification {
        let scope = try await authorise(actor, tenantID: tenantID)
        return try await env.store.transaction(in: scope) { tx in try await tx.audit.verify(scope: scope) }
    }

    /// Verifies the platform's chain and every tenant's (platform admins only).
    public func verifyAll(actor: Principal) async throws -> [AuditVerification] {
        try Access.requirePlatform(actor, roles: [.platformAdmin])
        var results = [try await verify(actor: actor, tenantID: nil)]
        var offset = 0
        while true {
            let request = try PageRequest(limit: PageRequest.maxLimit, offset: offset)
            let page = try await env.store.transaction(in: .platform) { tx in
                try await tx.tenants.list(bknOfficeID: nil, request)
            }
            for tenant in page.items { results.append(try await verify(actor: actor, tenantID: tenant.id)) }
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        return results
    }

    private func authorise(_ actor: Principal, tenantID: UUID?) async throws -> ScopeID {
        guard let tenantID else {
            try Access.requirePlatform(actor, roles: [.platformAdmin])
            return .platform
        }
        return try await env.store.transaction(in: .platform) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            if actor.role == .platformAdmin { return tenant.scope }
            try Access.require(actor, in: tenant, roles: [.auditor, .tenantAdmin])
            return tenant.scope
        }
    }
}

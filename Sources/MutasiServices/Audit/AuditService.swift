import Foundation
import MutasiDomain
import MutasiRepositories

/// Reading and verifying the audit trail. Auditors and tenant admins read their tenant's
/// trail whole; platform admins and the BKN admins overseeing a tenant read it with employees'
/// personal data masked (`AuditRedaction`) and may verify its chain. Platform admins read the
/// platform's trail and take checkpoints of every chain.
public struct AuditService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// Events of a tenant, or of the platform when `tenantID` is nil; newest first.
    public func list(actor: Principal, tenantID: UUID?, filter: AuditFilter, page: PageRequest) async throws -> Page<AuditEvent> {
        let (scope, redacted) = try await authorise(actor, tenantID: tenantID)
        var result = try await env.store.transaction(in: scope) { tx in try await tx.audit.list(scope: scope, filter, page) }
        if redacted { result.items = result.items.map(AuditRedaction.redact) }
        return result
    }

    /// Verifies one tenant's chain, or the platform's when `tenantID` is nil; with a
    /// checkpointed head, also against it.
    public func verify(actor: Principal, tenantID: UUID?, against checkpoint: AuditHead? = nil) async throws -> AuditVerification {
        let (scope, _) = try await authorise(actor, tenantID: tenantID)
        return try await env.store.transaction(in: scope) { tx in try await tx.audit.verify(scope: scope, against: checkpoint) }
    }

    /// Verifies the platform's chain and every tenant's (platform admins only), each against
    /// its head in `checkpoint` where it has one; a checkpointed chain that no longer exists
    /// reads as broken.
    public func verifyAll(actor: Principal, against checkpoint: [AuditHead] = []) async throws -> [AuditVerification] {
        try Access.requirePlatform(actor, roles: [.platformAdmin])
        let pinned = Dictionary(checkpoint.map { ($0.scope, $0) }) { first, _ in first }
        var results: [AuditVerification] = []
        for scope in try await allScopes() {
            results.append(try await env.store.transaction(in: scope) { tx in
                try await tx.audit.verify(scope: scope, against: pinned[scope])
            })
        }
        let seen = Set(results.map(\.scope))
        for head in checkpoint where !seen.contains(head.scope) {
            results.append(AuditVerification(scope: head.scope, eventsChecked: 0, firstBrokenSeq: 1,
                                             problem: "the checkpointed chain no longer exists"))
        }
        return results
    }

    /// The head of the platform's chain and of every tenant's, for a checkpoint (platform admins only).
    public func heads(actor: Principal) async throws -> [AuditHead] {
        try Access.requirePlatform(actor, roles: [.platformAdmin])
        var heads: [AuditHead] = []
        for scope in try await allScopes() {
            heads.append(try await env.store.transaction(in: scope) { tx in try await tx.audit.head(scope: scope) })
        }
        return heads
    }

    /// The platform scope, then every tenant's.
    private func allScopes() async throws -> [ScopeID] {
        var scopes: [ScopeID] = [.platform]
        var offset = 0
        while true {
            let request = try PageRequest(limit: PageRequest.maxLimit, offset: offset)
            let page = try await env.store.transaction(in: .platform) { tx in
                try await tx.tenants.list(bknOfficeID: nil, request)
            }
            scopes += page.items.map(\.scope)
            offset += page.items.count
            if page.items.isEmpty || offset >= page.total { break }
        }
        return scopes
    }

    /// The scope to read and whether the actor sees it redacted.
    private func authorise(_ actor: Principal, tenantID: UUID?) async throws -> (ScopeID, redacted: Bool) {
        guard let tenantID else {
            try Access.requirePlatform(actor, roles: [.platformAdmin])
            return (.platform, false)
        }
        return try await env.store.transaction(in: .platform) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            if Access.canManage(actor, tenant: tenant) { return (tenant.scope, true) }
            try Access.require(actor, in: tenant, roles: [.auditor, .tenantAdmin])
            return (tenant.scope, false)
        }
    }
}

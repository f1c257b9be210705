import Foundation
import MutasiDomain
import MutasiRepositories

/// A unit of work inside one tenant, after the tenant and role checks every tenant-scoped read
/// and write starts with: another tenant reads as absent (404), a role not listed gets 403.
enum TenantScope {
    static func run<T: Sendable>(
        _ env: ServiceEnvironment, actor: Principal, tenantID: UUID, roles: Set<Role>, managersToo: Bool = false,
        _ body: @Sendable (any StoreTransaction, Tenant) async throws -> T
    ) async throws -> T {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await Access.visibleTenant(actor, tenantID, tx)
            try Access.require(actor, in: tenant, roles: roles, managersToo: managersToo)
            return try await body(tx, tenant)
        }
    }

    /// Agency operators act only for their own agencies (403 otherwise); other roles for all.
    static func requireAgency(_ actor: Principal, _ agencyID: UUID) throws {
        if actor.role == .agencyOperator && !actor.user.agencyIDs.contains(agencyID) {
            throw DomainError.forbidden("An agency operator acts only for their own agencies.")
        }
    }

    /// The agencies an actor is limited to: an operator's own, nil (all) for everyone else.
    static func visibleAgencies(_ actor: Principal) -> [UUID]? {
        actor.role == .agencyOperator ? actor.user.agencyIDs : nil
    }
}

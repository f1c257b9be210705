import Foundation
import MutasiDomain
import MutasiRepositories

/// The role, tenant and ownership rules every service applies before touching data.
///
/// Outside one's tenant everything reads as absent (404), so ids of other tenants reveal
/// nothing; inside it, a role that may not act gets 403.
public enum Access {
    /// May the actor manage this tenant (its record and its admins)? A BKN admin only when the
    /// tenant is their office's and its region lies in the office's area.
    public static func canManage(_ actor: Principal, tenant: Tenant) -> Bool {
        switch actor.role {
        case .platformAdmin: return true
        case .bknAdmin:
            return actor.user.bknOfficeID == tenant.bknOfficeID
                && BknOffice.area(actor.bknArea, covers: tenant.regionCode)
        default: return false
        }
    }

    /// May the actor see this tenant at all?
    public static func canSee(_ actor: Principal, tenant: Tenant) -> Bool {
        canManage(actor, tenant: tenant) || actor.scope == tenant.scope
    }

    /// The tenant, if the actor may see it (404 otherwise): the actor's own as read when they
    /// authenticated, any other read in `tx`.
    static func visibleTenant(_ actor: Principal, _ tenantID: UUID, _ tx: any StoreTransaction) async throws -> Tenant {
        if let own = actor.tenant, own.id == tenantID { return try requireVisible(actor, tenant: own) }
        return try requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
    }

    /// Throws 404 unless the actor may see the tenant.
    public static func requireVisible(_ actor: Principal, tenant: Tenant?) throws -> Tenant {
        guard let tenant, canSee(actor, tenant: tenant) else { throw notFoundTenant }
        return tenant
    }

    /// Throws unless the actor belongs to the tenant with one of the roles (or, when
    /// `managersToo`, manages it as platform or BKN admin).
    public static func require(_ actor: Principal, in tenant: Tenant, roles: Set<Role>, managersToo: Bool = false) throws {
        if managersToo && canManage(actor, tenant: tenant) { return }
        guard canSee(actor, tenant: tenant) else { throw notFoundTenant }
        guard actor.scope == tenant.scope, roles.contains(actor.role) else { throw DomainError.forbidden() }
    }

    /// Throws unless the actor has one of the platform roles.
    public static func requirePlatform(_ actor: Principal, roles: Set<Role>) throws {
        guard actor.scope.isPlatform, roles.contains(actor.role) else { throw DomainError.forbidden() }
    }

    public static let notFoundTenant = DomainError.notFound("tenant.not_found", "Tenant not found.")
}

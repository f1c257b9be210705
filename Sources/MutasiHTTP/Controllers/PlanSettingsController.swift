import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// A tenant's default planning policy: read it, change some of its fields (If-Match).
struct PlanSettingsController {
    let services: Services

    func register(_ group: RouterGroup<AppRequestContext>, _ table: RouteTable) {
        let settings = services.planSettings
        table.on(group, prefix: "/v1", "tenants/{tenantID}/plan-settings", method: .get) { _, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let current = try await settings.get(actor: try context.requirePrincipal(), tenantID: tenantID)
            return try HTTPInput.json(current, etag: current.version)
        }
        table.on(group, prefix: "/v1", "tenants/{tenantID}/plan-settings", method: .patch) { request, context in
            let tenantID = try HTTPInput.id(context, "tenantID", notFound: Access.notFoundTenant)
            let version = try HTTPInput.expectedVersion(request)
            let changes = try await request.decode(as: PlanPolicy.Overrides.self, context: context)
            let updated = try await settings.update(actor: try context.requirePrincipal(), tenantID: tenantID, changes,
                                                    expectedVersion: version)
            return try HTTPInput.json(updated, etag: updated.version)
        }
    }
}

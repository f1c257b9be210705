import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// The pages of platform and BKN admins, who belong to no tenant: the regional governments in
/// their reach (`/daerah`) and one region's balance per agency (`/daerah/{tenantID}`). The
/// tenant and balance services decide who sees which region, as in the API.
struct RegionPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        signedIn.get("/daerah") { request, context in try await list(request, context) }
        signedIn.get("/daerah/{tenantID}") { _, context in try await region(context) }
    }

    static let platformOnly = DomainError(.forbidden, code: "web.platform_only",
                                          "Halaman ini untuk admin platform dan admin BKN.")
    static let regionNotFound = DomainError.notFound("tenant.not_found", "Tenant not found.")

    private func list(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role.isPlatformLevel else { throw Self.platformOnly }
        let pager = try Pager(request)
        let page = try await services.tenants.list(actor: principal, page: try pager.request)
        return Layout.response(RegionListPage.render(page: page, pager: pager, principal: principal, csrf: context.csrfToken))
    }

    private func region(_ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        guard principal.role.isPlatformLevel else { throw Self.platformOnly }
        let tenantID = try HTTPInput.id(context, "tenantID", notFound: Self.regionNotFound)
        let started = ContinuousClock.now
        let tenant = try await services.tenants.get(actor: principal, id: tenantID)
        let report = try await BalanceTable.all(services.balance, actor: principal, tenantID: tenantID, level: .agency)
        let page = RegionPage.render(tenant: tenant, report: report, principal: principal, csrf: context.csrfToken)
        return Layout.response(page).timed(since: started)
    }
}

extension Tenant.Kind {
    var indonesianName: String {
        switch self {
        case .province: "Provinsi"
        case .regency: "Kabupaten"
        case .city: "Kota"
        }
    }
}

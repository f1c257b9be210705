import Foundation
import Hummingbird
import MutasiDomain
import MutasiServices

/// The balance's employee lists as pages: retirements ahead (`/laporan/pensiun`), education
/// mismatches (`/laporan/pendidikan`) and rotation due (`/laporan/rotasi`), 50 a page
/// (`?halaman=N`), for one agency (`?instansi=ID`) or all the caller sees; retirements within
/// `?bulan=N` months (default 12). The balance service applies the role and agency rules.
struct ReportPages {
    let services: Services

    func register(_ signedIn: RouterGroup<AppRequestContext>) {
        for report in SubReport.allCases {
            signedIn.get(RouterPath(report.path)) { request, context in try await page(report, request, context) }
        }
    }

    static let perPage = 50
    static let invalidMonths = DomainError.invalid(
        "web.invalid_months", "Cakrawala pensiun diisi jumlah bulan \(BalanceService.months.lowerBound) sampai \(BalanceService.months.upperBound).")

    /// What the page was asked for, read from its query.
    struct Filter {
        var months = BalanceService.defaultMonths
        var agencyID: UUID?
        var page = 1

        init(_ request: Request) throws {
            if let text = HTTPInput.string(request, "bulan"), !text.isEmpty {
                guard let value = Int(text), BalanceService.months.contains(value) else { throw ReportPages.invalidMonths }
                months = value
            }
            if let text = HTTPInput.string(request, "instansi"), !text.isEmpty {
                guard let id = UUID(uuidString: text) else { throw WebController.agencyNotFound }
                agencyID = id
            }
            page = try Pager.number(HTTPInput.string(request, Pager.parameter))
        }
    }

    private func page(_ report: SubReport, _ request: Request, _ context: AppRequestContext) async throws -> Response {
        let principal = try context.requirePrincipal()
        if principal.role.isPlatformLevel { throw WebController.roleNotServed }
        let filter = try Filter(request)
        let started = ContinuousClock.now
        let tenantID = principal.scope.uuid
        let query = BalanceService.Query(months: filter.months, agencyID: filter.agencyID)
        let page = try PageRequest(limit: Self.perPage, offset: (filter.page - 1) * Self.perPage)
        let table: SubReportPage.Table
        switch report {
        case .retirements:
            table = .retirements(try await services.balance.retirements(actor: principal, tenantID: tenantID, query: query, page: page))
        case .mismatches:
            table = .mismatches(try await services.balance.educationMismatches(actor: principal, tenantID: tenantID, query: query, page: page))
        case .rotation:
            table = .rotation(try await services.balance.rotationDue(actor: principal, tenantID: tenantID, query: query, page: page))
        }
        // The service lets an admin ask for any id; one that is no agency of the tenant is absent.
        let agencies = try await services.allAgencies(principal)
        if let id = filter.agencyID, !agencies.contains(where: { $0.id == id }) { throw WebController.agencyNotFound }
        let html = SubReportPage.render(report, table: table, filter: filter, agencies: agencies, principal: principal,
                                        csrf: context.csrfToken)
        return Layout.response(html).timed(since: started)
    }

    /// The dashboard's cards: how many each list holds, linking to it.
    static func cards(_ c: BalanceListCounts) -> HTML {
        let counts: [(SubReport, Int)] = [(.retirements, c.retiring), (.mismatches, c.educationMismatches), (.rotation, c.rotationDue)]
        let items = counts.map { item -> HTML in
            """
            <li><a href="\(item.0.path)"><span class="count">\(IndonesianFormat.number(item.1))</span> \
            <span class="label">\(item.0.cardLabel)</span></a></li>
            """
        }
        return """
            <nav class="subreports" aria-label="Laporan pegawai"><ul>\(items)</ul></nav>
            """
    }
}

/// The three lists and what the pages call them.
enum SubReport: CaseIterable {
    case retirements, mismatches, rotation

    var path: String {
        switch self {
        case .retirements: "/laporan/pensiun"
        case .mismatches: "/laporan/pendidikan"
        case .rotation: "/laporan/rotasi"
        }
    }

    var title: String {
        switch self {
        case .retirements: "Pensiun mendatang"
        case .mismatches: "Pendidikan tidak sesuai formasi"
        case .rotation: "Jatuh tempo rotasi"
        }
    }

    var cardLabel: String {
        switch self {
        case .retirements: "sudah atau akan pensiun dalam \(BalanceService.defaultMonths) bulan"
        case .mismatches: "pendidikan tidak sesuai"
        case .rotation: "lebih dari 5 tahun di jabatan"
        }
    }
}

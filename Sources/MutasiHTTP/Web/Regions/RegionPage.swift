import Foundation
import MutasiDomain
import MutasiServices

/// `/daerah/{tenantID}`: one region's balance per agency, as its own admins see it on `/`, but
/// figures only: the employee lists stay with the region.
enum RegionPage {
    static func render(tenant: Tenant, report: BalanceReport, principal: Principal, csrf: String) -> HTML {
        let chart = BarChart(title: "Kebutuhan dan pegawai per instansi",
                             groups: report.items.map { .init(label: $0.name, need: $0.figures.need, staff: $0.figures.current) })
        let table = BalanceTable.render(caption: "Keseimbangan per instansi", firstHead: "Instansi", rows: report.items,
                                        totals: report.totals, first: { "\($0.name)" })
        let content: HTML = report.items.isEmpty ? "<p>Daerah ini belum mencatat formasi.</p>" : "\(chart.svg)\n\(table)"
        let body: HTML = """
            <p><a href="/daerah">← Kembali ke daftar daerah</a></p>
            <h1>\(tenant.name)</h1>
            <p class="lead">\(tenant.kind.indonesianName) · kode <code>\(tenant.code)</code> · \(tenant.active ? "aktif" : "nonaktif") · per \(IndonesianFormat.date(report.asOf)) · pensiun dihitung \(report.horizonMonths) bulan ke depan</p>
            \(Summary.cards(report.totals.figures))
            \(content)
            \(Summary.legend)
            """
        return Layout.page(title: tenant.name, principal: principal, csrf: csrf, body: body)
    }
}

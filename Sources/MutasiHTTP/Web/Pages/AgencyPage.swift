import Foundation
import MutasiDomain
import MutasiServices

/// `/instansi/{agencyID}`: one agency's units and slots, with their balance.
enum AgencyPage {
    static func render(agencyName: String, units: BalanceReport, slots: BalanceReport, principal: Principal, csrf: String) -> HTML {
        let unitTotals = units.items.reduce(StaffingBalance.zero) { $0 + $1.figures }
        var totals = units.totals
        totals.figures = unitTotals
        let unitNames = Dictionary(units.items.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let chart = BarChart(title: "Kebutuhan dan pegawai per unit kerja",
                             groups: units.items.map { .init(label: $0.name, need: $0.figures.need, staff: $0.figures.current) })
        let unitTable = BalanceTable.render(caption: "Keseimbangan per unit kerja", firstHead: "Unit kerja",
                                            rows: units.items, totals: totals, first: { "\($0.name)" })
        // Those who enter needs analyses start one from the slot's row.
        let entersNeeds = principal.role == .tenantAdmin || principal.role == .agencyOperator
        let slotTable = BalanceTable.render(
            caption: "Keseimbangan per formasi jabatan", firstHead: "Jabatan",
            extraHeads: ["Unit kerja", "Jenis jabatan"] + (entersNeeds ? ["ABK"] : []),
            rows: slots.items, totals: nil,
            first: { "\($0.name) <span class=\"hint\">(\($0.code))</span>" },
            extra: { row in
                let kind = row.positionKind.flatMap(PositionKind.init(rawValue:))?.indonesianName ?? (row.positionKind ?? "")
                let needs: [HTML] = entersNeeds
                    ? ["<a href=\"/abk/baru?formasi=\(row.id.lowercased)\" aria-label=\"Isi ABK \(row.name)\">Isi ABK</a>"] : []
                return ["\(row.unitID.flatMap { unitNames[$0] } ?? row.unitCode ?? "")", "\(kind)"] + needs
            })
        let content: HTML = units.items.isEmpty
            ? "<p>Instansi ini belum memiliki formasi.</p>"
            : """
                \(Summary.cards(unitTotals))
                \(chart.svg)
                <h2>Unit kerja</h2>
                \(unitTable)
                <h2 id="formasi">Formasi jabatan</h2>
                \(slotTable)
                """
        let body: HTML = """
            <p><a href="/">← Kembali ke daftar instansi</a></p>
            <h1>\(agencyName)</h1>
            <p class="lead">per \(IndonesianFormat.date(units.asOf)) · pensiun dihitung \(units.horizonMonths) bulan ke depan</p>
            \(content)
            """
        return Layout.page(title: agencyName, principal: principal, csrf: csrf, body: body)
    }
}

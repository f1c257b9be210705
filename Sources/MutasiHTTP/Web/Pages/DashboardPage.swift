import Foundation
import MutasiDomain
import MutasiServices

/// `/`: the balance per agency (all of the tenant's for admins, approvers and auditors; an
/// operator's own agencies), as a chart of need against staff and as a table.
enum DashboardPage {
    static func render(report: BalanceReport, principal: Principal, csrf: String, subReports: HTML = .empty) -> HTML {
        let operatorView = principal.role == .agencyOperator
        let title = operatorView ? "Instansi saya" : "Dasbor keseimbangan pegawai"
        let chart = BarChart(title: "Kebutuhan dan pegawai per instansi",
                             groups: report.items.map { .init(label: $0.name, need: $0.figures.need, staff: $0.figures.current) })
        let table = BalanceTable.render(
            caption: "Keseimbangan per instansi", firstHead: "Instansi", rows: report.items, totals: report.totals,
            first: { row in "<a href=\"/instansi/\(row.id.uuidString.lowercased())\">\(row.name)</a>" })
        let content: HTML = report.items.isEmpty
            ? "<p>Belum ada formasi yang tercatat.</p>"
            : "\(chart.svg)\n\(table)"
        let body: HTML = """
            <h1>\(title)</h1>
            <p class="lead">\(report.totals.name) · per \(IndonesianFormat.date(report.asOf)) · pensiun dihitung \(report.horizonMonths) bulan ke depan</p>
            \(Summary.cards(report.totals.figures))
            \(subReports)
            \(content)
            \(Summary.legend)
            """
        return Layout.page(title: title, principal: principal, csrf: csrf, current: "/", body: body)
    }
}

/// The totals as cards, and what the columns mean.
enum Summary {
    static func cards(_ f: StaffingBalance) -> HTML {
        let items: [(String, String)] = [
            ("Kebutuhan (ABK)", IndonesianFormat.number(f.need)), ("Pegawai saat ini", IndonesianFormat.number(f.current)),
            ("Pensiun dalam cakrawala", IndonesianFormat.number(f.retiring)), ("Kekurangan", IndonesianFormat.number(f.deficit)),
            ("Kelebihan", IndonesianFormat.number(f.surplus)), ("Ketimpangan", IndonesianFormat.percent(f.imbalance)),
        ]
        let cells = items.map { item -> HTML in "<div><dt>\(item.0)</dt><dd>\(item.1)</dd></div>" }
        return "<dl class=\"totals\">\(cells)</dl>"
    }

    static let legend: HTML = """
        <h2>Keterangan</h2>
        <ul>
        <li><strong>Kebutuhan</strong>: jumlah formasi menurut analisis beban kerja.</li>
        <li><strong>Pegawai</strong>: pemegang formasi yang tidak pensiun dalam cakrawala.</li>
        <li><strong>Pensiun</strong>: pemegang formasi yang pensiun dalam cakrawala.</li>
        <li><strong>Kekurangan</strong> dan <strong>kelebihan</strong> dijumlahkan per formasi; <strong>ketimpangan</strong> = (kekurangan + kelebihan) ÷ kebutuhan.</li>
        </ul>
        """
}

import Foundation
import MutasiDomain
import MutasiServices

/// One of the balance's employee lists as a page: the filter form (agency; months for
/// retirements), the table, and links to the other pages of the list.
enum SubReportPage {
    enum Table {
        case retirements(BalanceList<RetiringEmployee>)
        case mismatches(BalanceList<EducationMismatch>)
        case rotation(BalanceList<RotationDue>)

        var total: Int {
            switch self {
            case .retirements(let l): l.total
            case .mismatches(let l): l.total
            case .rotation(let l): l.total
            }
        }

        var asOf: CalendarDate {
            switch self {
            case .retirements(let l): l.asOf
            case .mismatches(let l): l.asOf
            case .rotation(let l): l.asOf
            }
        }
    }

    static func render(_ report: SubReport, table: Table, filter: ReportPages.Filter, agencies: [Agency],
                       principal: Principal, csrf: String) -> HTML {
        let agencyNames = Dictionary(agencies.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        let holder = { (p: PostHolder) -> [HTML] in
            ["<td>\(p.nip)</td>", "<td>\(p.name)</td>", "<td>\(p.slotName)</td>",
             "<td>\(p.unitCode)</td>", "<td>\(agencyNames[p.agencyCode] ?? p.agencyCode)</td>"]
        }
        let holderHeads = ["NIP", "Nama", "Jabatan", "Unit kerja", "Instansi"]
        let heads: [String], rows: [[HTML]], lead: String
        switch table {
        case .retirements(let list):
            heads = holderHeads + ["Batas usia", "Tanggal pensiun", "Bulan lagi"]
            rows = list.items.map { r in
                holder(r.employee) + ["<td class=\"num\">\(r.retirementAge)</td>",
                                      "<td>\(IndonesianFormat.date(r.retirementDate))\(r.retired ? " (sudah lewat)" : "")</td>",
                                      "<td class=\"num\">\(IndonesianFormat.number(r.monthsToRetirement))</td>"]
            }
            lead = "Pegawai yang pensiun dalam \(filter.months) bulan sejak \(IndonesianFormat.date(list.asOf)), dan yang batas usianya sudah lewat tetapi masih tercatat di formasi; yang paling dekat lebih dahulu."
        case .mismatches(let list):
            heads = holderHeads + ["Bidang pendidikan pegawai", "Bidang yang diminta formasi"]
            rows = list.items.map { m in
                holder(m.employee) + ["<td>\(m.educationField)</td>", "<td>\(m.slotEducationFields.joined(separator: ", "))</td>"]
            }
            lead = "Pegawai yang bidang pendidikannya tidak termasuk bidang yang diminta formasinya, per \(IndonesianFormat.date(list.asOf))."
        case .rotation(let list):
            heads = holderHeads + ["TMT jabatan", "Bulan di jabatan"]
            rows = list.items.map { r in
                holder(r.employee) + ["<td>\(IndonesianFormat.date(r.slotSince))</td>",
                                      "<td class=\"num\">\(IndonesianFormat.number(r.monthsInPost))</td>"]
            }
            lead = "Pegawai yang lebih dari lima tahun menduduki jabatan yang sama, yang paling lama lebih dahulu, per \(IndonesianFormat.date(list.asOf))."
        }
        let headCells = heads.map { h -> HTML in "<th scope=\"col\">\(h)</th>" }
        let bodyRows = rows.map { cells -> HTML in "<tr>\(cells)</tr>\n" }
        let content: HTML = rows.isEmpty
            ? "<p>Tidak ada pegawai dalam daftar ini.</p>"
            : """
                <div class="table-wrap" role="region" aria-label="\(report.title)" tabindex="0">
                <table class="subreport">
                <caption>\(report.title) (\(IndonesianFormat.number(table.total)) pegawai)</caption>
                <thead><tr>\(headCells)</tr></thead>
                <tbody>
                \(bodyRows)</tbody>
                </table>
                </div>
                \(pager(report, filter: filter, total: table.total))
                """
        let body: HTML = """
            <p><a href="/">← Kembali ke dasbor</a></p>
            <h1>\(report.title)</h1>
            <p class="lead">\(lead)</p>
            \(form(report, filter: filter, agencies: agencies))
            \(content)
            """
        return Layout.page(title: report.title, principal: principal, csrf: csrf, body: body)
    }

    static func form(_ report: SubReport, filter: ReportPages.Filter, agencies: [Agency]) -> HTML {
        let options = agencies.map { a -> HTML in
            let selected: HTML = a.id == filter.agencyID ? " selected" : ""
            return "<option value=\"\(a.id.uuidString.lowercased())\"\(selected)>\(a.name)</option>"
        }
        let months: HTML = report == .retirements ? """
            <div class="field"><label for="bulan">Cakrawala (bulan)</label>
            <input type="number" id="bulan" name="bulan" min="\(BalanceService.months.lowerBound)" max="\(BalanceService.months.upperBound)" value="\(filter.months)"></div>
            """ : .empty
        return """
            <form class="filter" method="get" action="\(report.path)">
            <div class="field"><label for="instansi">Instansi</label>
            <select id="instansi" name="instansi"><option value="">Semua instansi</option>\(options)</select></div>
            \(months)
            <button class="button" type="submit">Tampilkan</button>
            </form>
            """
    }

    /// Links to the previous and next pages, keeping the filter.
    static func pager(_ report: SubReport, filter: ReportPages.Filter, total: Int) -> HTML {
        let pages = max(1, (total + ReportPages.perPage - 1) / ReportPages.perPage)
        guard pages > 1 else { return .empty }
        func link(_ page: Int) -> String {
            var items = ["halaman=\(page)"]
            if let id = filter.agencyID { items.append("instansi=\(id.uuidString.lowercased())") }
            if report == .retirements { items.append("bulan=\(filter.months)") }
            return report.path + "?" + items.joined(separator: "&")
        }
        let previous: HTML = filter.page > 1 ? "<a href=\"\(link(filter.page - 1))\" rel=\"prev\">← Sebelumnya</a>" : .empty
        let next: HTML = filter.page < pages ? "<a href=\"\(link(filter.page + 1))\" rel=\"next\">Berikutnya →</a>" : .empty
        return """
            <nav class="pager" aria-label="Halaman daftar">\(previous) <span>Halaman \(filter.page) dari \(pages)</span> \(next)</nav>
            """
    }
}

import Foundation
import MutasiDomain
import MutasiServices

/// The balance figures as a table: one row per agency, unit or slot, then the totals.
enum BalanceTable {
    /// How a row's need and staff compare, in words (never colour alone).
    static func state(_ f: StaffingBalance) -> HTML {
        if f.deficit > 0 && f.surplus > 0 {
            return "<span class=\"tag deficit\">Kurang \(IndonesianFormat.number(f.deficit))</span> <span class=\"tag surplus\">Lebih \(IndonesianFormat.number(f.surplus))</span>"
        }
        if f.deficit > 0 { return "<span class=\"tag deficit\">Kurang \(IndonesianFormat.number(f.deficit))</span>" }
        if f.surplus > 0 { return "<span class=\"tag surplus\">Lebih \(IndonesianFormat.number(f.surplus))</span>" }
        return "<span class=\"tag even\">Seimbang</span>"
    }

    static func figures(_ f: StaffingBalance, cell: String = "td") -> HTML {
        let values = [IndonesianFormat.number(f.need), IndonesianFormat.number(f.current), IndonesianFormat.number(f.retiring),
                      IndonesianFormat.number(f.deficit), IndonesianFormat.number(f.surplus), IndonesianFormat.percent(f.imbalance)]
        return HTML(joining: values.map { value -> HTML in
            cell == "th" ? "<th class=\"num\" scope=\"col\">\(value)</th>" : "<td class=\"num\">\(value)</td>"
        })
    }

    static let figureHeads: HTML = """
        <th class="num" scope="col">Kebutuhan</th><th class="num" scope="col">Pegawai</th>\
        <th class="num" scope="col">Pensiun</th><th class="num" scope="col">Kekurangan</th>\
        <th class="num" scope="col">Kelebihan</th><th class="num" scope="col">Ketimpangan</th><th scope="col">Keadaan</th>
        """

    /// `first` names the row (a link, or text); `extra` adds cells before the figures.
    static func render(caption: String, firstHead: String, extraHeads: [String] = [], rows: [BalanceRow], totals: BalanceRow?,
                       first: (BalanceRow) -> HTML, extra: (BalanceRow) -> [HTML] = { _ in [] }) -> HTML {
        let heads = HTML(joining: extraHeads.map { head -> HTML in "<th scope=\"col\">\(head)</th>" })
        let body = rows.map { row -> HTML in
            let cells = HTML(joining: extra(row).map { cell -> HTML in "<td>\(cell)</td>" })
            return "<tr><th scope=\"row\">\(first(row))</th>\(cells)\(figures(row.figures))<td>\(state(row.figures))</td></tr>\n"
        }
        let foot: HTML = totals.map { t -> HTML in
            let pad = HTML(joining: extraHeads.map { _ -> HTML in "<td></td>" })
            return "<tfoot><tr><th scope=\"row\">Jumlah</th>\(pad)\(figures(t.figures))<td>\(state(t.figures))</td></tr></tfoot>"
        } ?? .empty
        return """
            <div class="table-wrap" role="region" aria-label="\(caption)" tabindex="0">
            <table>
            <caption>\(caption)</caption>
            <thead><tr><th scope="col">\(firstHead)</th>\(heads)\(figureHeads)</tr></thead>
            <tbody>
            \(body)</tbody>
            \(foot)
            </table>
            </div>
            """
    }

    /// Every row of a level, page by page (the service pages at most 200 at a time).
    static func all(_ balance: BalanceService, actor: Principal, tenantID: UUID, level: BalanceLevel,
                    query: BalanceService.Query = .init()) async throws -> BalanceReport {
        var report = try await balance.balance(actor: actor, tenantID: tenantID, level: level, query: query,
                                               page: try PageRequest(limit: PageRequest.maxLimit))
        while report.items.count < report.total {
            let next = try await balance.balance(actor: actor, tenantID: tenantID, level: level, query: query,
                                                 page: try PageRequest(limit: PageRequest.maxLimit, offset: report.items.count))
            if next.items.isEmpty { break }
            report.items += next.items
        }
        return report
    }
}

import Foundation
import MutasiDomain
import MutasiServices

/// `/saya/poin`: the employee's priority points in the open campaign, part by part with the
/// rule behind each, the campaign's rules in words, their contests and the contest form.
enum PointsPage {
    struct State {
        var campaign: Campaign
        var entry: PriorityPointsService.Entry
        var contests: [PointContest]
        var flash: String?
        var message: FormMessage?
        var reason: String
        /// Makes a double-submitted contest count once.
        var key: String
    }

    static func ruleName(_ rule: String) -> String {
        switch rule {
        case "yearsInPost": "Masa kerja pada jabatan sekarang"
        case "familyReunion": "Alasan berkumpul dengan pasangan/keluarga"
        case "health": "Alasan kesehatan"
        case "remoteService": "Tugas di daerah terpencil"
        case "contest": "Penyesuaian dari sanggahan"
        default: rule
        }
    }

    /// The campaign's rules as sentences; rules worth nothing are left out.
    static func rules(_ r: PointRules) -> [String] {
        var lines: [String] = []
        if r.perYearInPost > 0 {
            lines.append("\(r.perYearInPost) poin untuk setiap tahun penuh pada jabatan sekarang, paling banyak \(r.yearsInPostCap) tahun.")
        }
        if r.familyReunion > 0 { lines.append("\(r.familyReunion) poin bila formulir memuat alasan berkumpul dengan pasangan/keluarga.") }
        if r.health > 0 { lines.append("\(r.health) poin bila formulir memuat alasan kesehatan.") }
        if r.remoteService > 0 { lines.append("\(r.remoteService) poin bila sedang atau pernah bertugas di unit daerah terpencil.") }
        return lines
    }

    static func stateName(_ contest: PointContest) -> String {
        switch contest.state {
        case .pending: "Menunggu keputusan"
        case .upheld: "Diterima, penyesuaian \(signed(contest.adjustment ?? 0)) poin"
        case .rejected: "Ditolak"
        }
    }

    static func signed(_ value: Int) -> String { (value > 0 ? "+" : "") + IndonesianFormat.number(value) }

    static func noCampaign(principal: Principal, csrf: String, message: FormMessage? = nil) -> HTML {
        Layout.page(title: "Poin prioritas", principal: principal, csrf: csrf, current: "/saya/poin", body: """
            <h1>Poin prioritas</h1>
            \(message?.html ?? .empty)
            <p>Saat ini tidak ada kampanye preferensi yang dibuka untuk instansi Anda; poin prioritas dihitung per kampanye.</p>
            <p><a href="/saya">← Kembali ke data saya</a></p>
            """)
    }

    static func render(_ s: State, principal: Principal, csrf: String) -> HTML {
        let parts = s.entry.breakdown.map { part -> HTML in
            "<tr><th scope=\"row\">\(ruleName(part.rule))</th><td>\(part.detail)</td><td class=\"num\">\(signed(part.points))</td></tr>"
        }
        let table: HTML = parts.isEmpty ? "<p>Belum ada aturan yang memberi Anda poin.</p>" : """
            <div class="table-wrap"><table>
            <caption>Rincian poin prioritas</caption>
            <thead><tr><th scope="col">Aturan</th><th scope="col">Keterangan</th><th scope="col">Poin</th></tr></thead>
            <tbody>\(parts)</tbody>
            <tfoot><tr><th scope="row" colspan="2">Jumlah (0 sampai \(PriorityPoints.max))</th><td class="num">\(IndonesianFormat.number(s.entry.total))</td></tr></tfoot>
            </table></div>
            """
        let ruleLines = rules(s.campaign.pointRules).map { line -> HTML in "<li>\(line)</li>" }
        let rulesList: HTML = ruleLines.isEmpty ? "<p>Kampanye ini tidak memberi poin prioritas.</p>" : "<ul>\(ruleLines)</ul>"

        let contestItems = s.contests.map { c -> HTML in
            let note: HTML = c.note.map { note -> HTML in "<p><strong>Catatan admin BKD:</strong> \(note)</p>" } ?? .empty
            return """
                <li class="card"><p><strong>\(stateName(c))</strong> · diajukan \(EmployeePageFormat.day(c.filedAt))</p>
                <p>\(c.reason)</p>\(note)</li>
                """
        }
        let contests: HTML = contestItems.isEmpty ? "<p>Anda belum pernah mengajukan sanggahan pada kampanye ini.</p>"
            : "<ul class=\"contests\">\(contestItems)</ul>"

        let form: HTML
        if s.campaign.state != .open {
            form = "<p>Sanggahan hanya dapat diajukan selama kampanye dibuka.</p>"
        } else if s.contests.contains(where: { $0.state == .pending }) {
            form = "<p>Sanggahan Anda sedang menunggu keputusan admin BKD; sanggahan baru dapat diajukan setelah diputuskan.</p>"
        } else {
            form = """
                <form method="post" action="/saya/poin" class="card stacked">
                <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
                <input type="hidden" name="kampanye" value="\(s.campaign.id.uuidString.lowercased())">
                <input type="hidden" name="kunci" value="\(s.key)">
                <label for="alasan">Alasan sanggahan (10 sampai 1.000 karakter)</label>
                <textarea id="alasan" name="alasan" rows="4" maxlength="1000" required>\(s.reason)</textarea>
                <button type="submit" class="primary">Ajukan sanggahan</button>
                </form>
                """
        }
        let body: HTML = """
            <p><a href="/saya">← Kembali ke data saya</a></p>
            <h1>Poin prioritas</h1>
            <p>\(s.campaign.name) · dihitung sampai \(IndonesianFormat.date(s.entry.asOf))</p>
            \(FlashMessage.html(s.flash))
            <p class="total">Jumlah poin Anda: <strong>\(IndonesianFormat.number(s.entry.total))</strong></p>
            \(table)
            <h2>Aturan poin kampanye ini</h2>
            \(rulesList)
            <h2>Sanggahan poin</h2>
            \(s.message?.html ?? .empty)
            \(contests)
            \(form)
            """
        return Layout.page(title: "Poin prioritas", principal: principal, csrf: csrf, current: "/saya/poin", body: body)
    }
}

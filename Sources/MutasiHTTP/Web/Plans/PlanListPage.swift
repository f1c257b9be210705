import Foundation
import MutasiDomain
import MutasiServices

extension TransferPlan.Status {
    /// What the pages call the status.
    var webLabel: String {
        switch self {
        case .draft: "Draf"
        case .inReview: "Ditanggapi pegawai"
        case .submitted: "Diajukan"
        case .approved: "Disetujui"
        case .rejected: "Ditolak"
        case .decreed: "SK terbit"
        case .executed: "Dilaksanakan"
        case .cancelled: "Dibatalkan"
        }
    }
}

extension TransferPlan {
    /// The status a person reads: the build while it runs or failed, else the plan's status.
    var stateText: String {
        switch buildState {
        case .queued, .building: "Sedang disusun"
        case .failed: "Gagal disusun"
        case .built: status.webLabel
        }
    }

    var stateClass: String { buildState == .built ? status.rawValue : buildState.rawValue }
}

/// `/rencana`: the tenant's plans, newest first, and (tenant admin) the form that builds one
/// from a closed campaign.
enum PlanListPage {
    static func render(page: Page<TransferPlan>, number: Int, campaigns: [Campaign], principal: Principal, csrf: String,
                       flash: String?, refusal: String?, entered: WebForm?) -> HTML {
        let names = Dictionary(campaigns.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = page.items.map { p -> HTML in
            let campaign: HTML = p.campaignID.map { id -> HTML in "<a href=\"/kampanye/\(id.lowercased)\">\(names[id] ?? "kampanye")</a>" } ?? "-"
            let answers = p.answers.map { a in "\(IndonesianFormat.number(a.accepted)) terima · \(IndonesianFormat.number(a.objected)) keberatan" } ?? "-"
            return """
                <tr><th scope="row"><a href="/rencana/\(p.id.lowercased)">\(p.name)</a></th>
                <td><span class="state state-\(p.stateClass)">\(p.stateText)</span></td>
                <td>\(campaign)</td><td>\(IndonesianFormat.date(WebStep.day(p.createdAt)))</td>
                <td class="num">\(p.moveCount.map { IndonesianFormat.number($0) } ?? "-")</td><td>\(answers)</td></tr>
                """
        }
        let table: HTML = page.items.isEmpty ? "<p>Belum ada rencana mutasi.</p>" : """
            <div class="scroll"><table>
            <caption>Rencana mutasi (\(IndonesianFormat.number(page.total)))</caption>
            <thead><tr><th scope="col">Nama</th><th scope="col">Status</th><th scope="col">Kampanye</th><th scope="col">Dibuat</th>
            <th scope="col" class="num">Usulan</th><th scope="col">Tanggapan</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(WebStep.pager(path: "/rencana", number: number, total: page.total, size: PlanPages.pageSize))
            """
        var create: HTML = .empty
        if principal.role == .tenantAdmin {
            let closed = campaigns.filter { $0.state == .closed }
            let chosen = entered?["kampanye"]
            let options = closed.map { c -> HTML in
                let selected: HTML = chosen == c.id.lowercased ? " selected" : ""
                return "<option value=\"\(c.id.lowercased)\"\(selected)>\(c.name)</option>"
            }
            create = closed.isEmpty
                ? "<section class=\"panel\"><h2>Susun rencana</h2><p>Belum ada kampanye yang ditutup. <a href=\"/kampanye\">Kelola kampanye</a>.</p></section>"
                : """
                <section class="panel">
                <h2>Susun rencana dari kampanye</h2>
                <form method="post" action="/rencana" class="stack">
                \(WebStep.hidden(csrf: csrf))
                <label for="r-nama">Nama rencana</label>
                <input id="r-nama" name="nama" required maxlength="200" value="\(entered?["nama"] ?? "")">
                <label for="r-kampanye">Kampanye (sudah ditutup)</label>
                <select id="r-kampanye" name="kampanye">\(options)</select>
                <p class="hint">Kebijakan perencanaan mengikuti pengaturan rencana instansi daerah. Penyusunan berjalan di latar belakang.</p>
                <button type="submit">Susun rencana</button>
                </form>
                </section>
                """
        }
        let body: HTML = """
            <h1>Rencana mutasi</h1>
            \(StepNotice.render(flash: flash, refusal: refusal))
            \(table)
            \(create)
            """
        return Layout.page(title: "Rencana mutasi", principal: principal, csrf: csrf, current: "/rencana", body: body)
    }
}

import Foundation
import MutasiDomain

/// `/kampanye/{id}/sanggahan`: a campaign's pending point contests; the tenant admin upholds
/// each with an adjustment and a note, or rejects it with a note.
enum ContestsPage {
    struct State {
        var campaign: Campaign
        var pending: Page<PointContest>
        var pageNumber: Int
        var flash: String?
        var refused: Refused?
    }

    /// A refused decision: the contest, the message and what was entered.
    struct Refused {
        var contestID: UUID
        var message: FormMessage
        var decision: String
        var adjustment: String
        var note: String
    }

    static func render(_ s: State, principal: Principal, csrf: String) -> HTML {
        let id = s.campaign.id.uuidString.lowercased()
        let mayDecide = principal.role == .tenantAdmin
        let items = s.pending.items.map { c -> HTML in
            let cid = c.id.uuidString.lowercased()
            let here = s.refused?.contestID == c.id ? s.refused : nil
            let checked = { (value: String) -> HTML in here?.decision == value ? " checked" : "" }
            let form: HTML = mayDecide ? """
                <form method="post" action="/kampanye/\(id)/sanggahan" class="stacked">
                <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
                <input type="hidden" name="sanggahan" value="\(cid)">
                <input type="hidden" name="versi" value="\(c.version)">
                <fieldset><legend>Keputusan</legend>
                <label class="option"><input type="radio" name="keputusan" value="uphold"\(checked("uphold"))> Terima dengan penyesuaian poin</label>
                <label class="option"><input type="radio" name="keputusan" value="reject"\(checked("reject"))> Tolak</label>
                </fieldset>
                <label for="penyesuaian-\(cid)">Penyesuaian poin (-500 sampai 500, bukan 0; kosongkan bila ditolak)</label>
                <input id="penyesuaian-\(cid)" name="penyesuaian" inputmode="numeric" value="\(here?.adjustment ?? "")" maxlength="6">
                <label for="catatan-\(cid)">Catatan keputusan</label>
                <textarea id="catatan-\(cid)" name="catatan" rows="3" maxlength="1000">\(here?.note ?? "")</textarea>
                <button type="submit" class="primary">Simpan keputusan</button>
                </form>
                """ : .empty
            return """
                <section class="card" aria-labelledby="sanggahan-\(cid)">
                <h2 id="sanggahan-\(cid)">\(c.employeeName) <span class="hint">(NIP \(c.nip))</span></h2>
                \(here?.message.html ?? .empty)
                <p>Diajukan \(EmployeePageFormat.day(c.filedAt))</p>
                <blockquote>\(c.reason)</blockquote>
                \(form)
                </section>
                """
        }
        let pages = max(1, (s.pending.total + CampaignFormPages.pageSize - 1) / CampaignFormPages.pageSize)
        var nav: [HTML] = []
        if s.pageNumber > 1 { nav.append("<a href=\"/kampanye/\(id)/sanggahan?halaman=\(s.pageNumber - 1)\" rel=\"prev\">← Sebelumnya</a>") }
        if s.pageNumber < pages { nav.append("<a href=\"/kampanye/\(id)/sanggahan?halaman=\(s.pageNumber + 1)\" rel=\"next\">Berikutnya →</a>") }
        // A contest decided meanwhile is no longer listed: its message goes above the list.
        let elsewhere: HTML = s.refused.flatMap { refused in
            s.pending.items.contains { $0.id == refused.contestID } ? nil : refused.message.html
        } ?? .empty
        let content: HTML = items.isEmpty ? "<p>Tidak ada sanggahan poin yang menunggu keputusan.</p>"
            : "\(items)<nav class=\"pager\" aria-label=\"Halaman daftar\">\(nav)</nav>"
        return Layout.page(title: "Sanggahan poin", principal: principal, csrf: csrf, body: """
            <p><a href="/kampanye/\(id)">← Kembali ke kampanye</a></p>
            <h1>Sanggahan poin</h1>
            <p class="lead">\(s.campaign.name) · \(IndonesianFormat.number(s.pending.total)) menunggu keputusan</p>
            \(FlashMessage.html(s.flash))
            \(elsewhere)
            \(content)
            """)
    }
}

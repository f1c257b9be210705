import Foundation
import MutasiDomain
import MutasiServices

extension Campaign.State {
    /// What the pages call the state.
    var webLabel: String {
        switch self {
        case .draft: "Draf"
        case .open: "Dibuka"
        case .closed: "Ditutup"
        }
    }
}

/// Messages above a page's content: a step done (`flash`) or refused (`refusal`).
enum StepNotice {
    static func render(flash: String?, refusal: String?) -> HTML {
        let done: HTML = flash.map { v -> HTML in "<p class=\"notice ok\" role=\"status\">\(v)</p>" } ?? .empty
        let refused: HTML = refusal.map { v -> HTML in "<p class=\"notice error\" role=\"alert\"><strong>Gagal:</strong> \(v)</p>" } ?? .empty
        return "\(done)\(refused)"
    }
}

/// `/kampanye`: the tenant's campaigns with their state and forms, and (tenant admin) the form
/// that creates one.
enum CampaignListPage {
    static func render(page: Page<Campaign>, number: Int, forms: [UUID: Int], principal: Principal, csrf: String,
                       flash: String?, refusal: String?, entered: WebForm?, today: CalendarDate) -> HTML {
        let rows = page.items.map { c -> HTML in
            """
            <tr><th scope="row"><a href="/kampanye/\(c.id.lowercased)">\(c.name)</a></th>
            <td><span class="state state-\(c.state.rawValue)">\(c.state.webLabel)</span></td>
            <td>\(IndonesianFormat.date(WebStep.day(c.opensAt)))</td><td>\(IndonesianFormat.date(WebStep.day(c.closesAt)))</td>
            <td class="num">\(IndonesianFormat.number(forms[c.id] ?? 0))</td></tr>
            """
        }
        let table: HTML = page.items.isEmpty ? "<p>Belum ada kampanye.</p>" : """
            <div class="scroll"><table>
            <caption>Kampanye preferensi (\(IndonesianFormat.number(page.total)))</caption>
            <thead><tr><th scope="col">Nama</th><th scope="col">Status</th><th scope="col">Dibuka</th><th scope="col">Ditutup</th>
            <th scope="col" class="num">Formulir</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(WebStep.pager(path: "/kampanye", number: number, total: page.total, size: CampaignPages.pageSize))
            """
        let createForm: HTML = principal.role == .tenantAdmin ? createFormHTML(csrf: csrf, entered: entered, today: today) : .empty
        let body: HTML = """
            <h1>Kampanye preferensi</h1>
            <p class="lead">Masa pegawai mengisi formulir keinginan mutasi. Rencana mutasi disusun dari kampanye yang sudah ditutup.</p>
            \(StepNotice.render(flash: flash, refusal: refusal))
            \(table)
            \(createForm)
            """
        return Layout.page(title: "Kampanye preferensi", principal: principal, csrf: csrf, current: "/kampanye", body: body)
    }

    static func createFormHTML(csrf: String, entered: WebForm?, today: CalendarDate) -> HTML {
        let name = entered?["nama"] ?? ""
        let opens = entered?["dibuka"] ?? today.iso
        let closes = entered?["ditutup"] ?? today.addingMonths(1).iso
        let deadline = entered?["batas"] ?? today.addingMonths(2).iso
        return """
            <section class="panel">
            <h2>Buat kampanye</h2>
            <form method="post" action="/kampanye" class="stack">
            \(WebStep.hidden(csrf: csrf))
            <label for="k-nama">Nama kampanye</label>
            <input id="k-nama" name="nama" required maxlength="200" value="\(name)">
            <label for="k-dibuka">Dibuka (tanggal, atau tanggal dan jam UTC)</label>
            <input id="k-dibuka" name="dibuka" required value="\(opens)" placeholder="2026-12-01">
            <label for="k-ditutup">Ditutup</label>
            <input id="k-ditutup" name="ditutup" required value="\(closes)" placeholder="2026-12-31">
            <label for="k-batas">Batas tanggapan pegawai atas usulan (boleh kosong)</label>
            <input id="k-batas" name="batas" value="\(deadline)" placeholder="2027-01-31">
            <p class="hint">Kampanye mencakup semua instansi; cakupan dan poin prioritas dapat diubah di halaman kampanye selama draf.</p>
            <button type="submit">Buat sebagai draf</button>
            </form>
            </section>
            """
    }
}

/// `/kampanye/{id}`: a campaign's settings, its forms count, and the steps its state allows.
enum CampaignPage {
    static func render(_ c: Campaign, forms: Int, agencies: [String], principal: Principal, csrf: String,
                       flash: String?, refusal: String?, editForm: HTML = .empty) -> HTML {
        let rules = c.pointRules
        let deadline = c.answerDeadline.map { WebStep.when($0) } ?? "-"
        let scope: HTML = agencies.isEmpty ? "Semua instansi" : "\(agencies.joined(separator: ", "))"
        var steps: HTML = .empty
        if principal.role == .tenantAdmin {
            switch c.state {
            case .draft:
                steps = """
                    <form method="post" action="/kampanye/\(c.id.lowercased)/buka">\(WebStep.hidden(csrf: csrf, version: c.version))
                    <button type="submit">Buka kampanye</button></form>
                    """
            case .open:
                steps = """
                    <form method="post" action="/kampanye/\(c.id.lowercased)/tutup">\(WebStep.hidden(csrf: csrf, version: c.version))
                    <button type="submit">Tutup kampanye</button></form>
                    """
            case .closed:
                steps = "<p><a href=\"/rencana\">Susun rencana mutasi dari kampanye ini</a></p>"
            }
        }
        let body: HTML = """
            <p><a href="/kampanye">← Daftar kampanye</a></p>
            <h1>\(c.name)</h1>
            \(StepNotice.render(flash: flash, refusal: refusal))
            <dl class="facts">
            <dt>Status</dt><dd><span class="state state-\(c.state.rawValue)">\(c.state.webLabel)</span></dd>
            <dt>Dibuka</dt><dd>\(WebStep.when(c.opensAt))</dd>
            <dt>Ditutup</dt><dd>\(WebStep.when(c.closesAt))</dd>
            <dt>Batas tanggapan</dt><dd>\(deadline)</dd>
            <dt>Cakupan</dt><dd>\(scope)</dd>
            <dt>Formulir masuk</dt><dd>\(IndonesianFormat.number(forms)) · <a href="/kampanye/\(c.id.lowercased)/formulir">lihat formulir</a></dd>
            <dt>Poin prioritas</dt><dd>\(rules.perYearInPost) per tahun di jabatan (paling lama \(rules.yearsInPostCap) tahun),
            reuni keluarga \(rules.familyReunion), kesehatan \(rules.health), daerah terpencil \(rules.remoteService)</dd>
            </dl>
            \(steps)
            \(editForm)
            """
        return Layout.page(title: c.name, principal: principal, csrf: csrf, current: "/kampanye", body: body)
    }
}

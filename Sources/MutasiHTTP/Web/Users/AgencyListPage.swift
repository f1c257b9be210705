import Foundation
import MutasiDomain
import MutasiServices

/// `/instansi`: the tenant's agencies (an operator's own) with a link to each one's units and
/// slots, and (tenant admin) the form that creates one.
enum AgencyListPage {
    static func render(page: Page<Agency>, pager: Pager, principal: Principal, csrf: String,
                       flash: String?, refusal: String?, entered: WebForm?) -> HTML {
        let rows = page.items.map { a -> HTML in
            "<tr><th scope=\"row\">\(a.code)</th><td><a href=\"/instansi/\(a.id.lowercased)\">\(a.name)</a></td></tr>"
        }
        let table: HTML = page.items.isEmpty ? "<p>Belum ada instansi.</p>" : """
            <div class="scroll"><table>
            <caption>Instansi (\(IndonesianFormat.number(page.total)))</caption>
            <thead><tr><th scope="col">Kode</th><th scope="col">Nama</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(pager.links(total: page.total) { n in "/instansi?halaman=\(n)" })
            """
        let createForm: HTML = principal.role != .tenantAdmin ? .empty : """
            <section class="panel">
            <h2>Tambah instansi</h2>
            <form method="post" action="/instansi" class="stack">
            <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
            <label for="i-kode">Kode instansi (huruf kecil, angka, tanda hubung)</label>
            <input id="i-kode" name="kode" required maxlength="64" value="\(entered?["kode"] ?? "")">
            <label for="i-nama">Nama instansi</label>
            <input id="i-nama" name="nama" required maxlength="200" value="\(entered?["nama"] ?? "")">
            <button type="submit">Tambah instansi</button>
            </form>
            </section>
            """
        let body: HTML = """
            <h1>Instansi</h1>
            <p class="lead">Perangkat daerah (OPD) beserta unit kerja dan formasinya.</p>
            \(StepNotice.render(flash: flash, refusal: refusal))
            \(table)
            \(createForm)
            """
        return Layout.page(title: "Instansi", principal: principal, csrf: csrf, current: "/instansi", body: body)
    }
}

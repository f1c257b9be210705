import Foundation
import MutasiDomain
import MutasiServices

/// `/pengguna`: the tenant's users, 50 a page, filtered by role, and (tenant admin) the form
/// that creates one.
enum UserListPage {
    static func render(page: Page<User>, pager: Pager, role: Role?, agencies: [Agency], employees: [UUID: Employee],
                       principal: Principal, csrf: String, flash: String?, refusal: String?, entered: WebForm?) -> HTML {
        let names = Dictionary(agencies.map { ($0.id, $0.name) }) { first, _ in first }
        let rows = page.items.map { u -> HTML in
            let agencyText = u.agencyIDs.map { names[$0] ?? "-" }.joined(separator: ", ")
            let employee = u.employeeID.flatMap { employees[$0] }.map { "\($0.name) (\($0.nip))" } ?? "-"
            return """
                <tr><th scope="row"><a href="/pengguna/\(u.id.lowercased)">\(u.username)</a></th>
                <td>\(u.fullName)</td><td>\(Layout.roleName(u.role))</td><td>\(agencyText.isEmpty ? "-" : agencyText)</td>
                <td class="nip">\(employee)</td><td>\(u.active ? "Aktif" : "Nonaktif")</td></tr>
                """
        }
        let query = role.map { "peran=\($0.rawValue)&" } ?? ""
        let table: HTML = page.items.isEmpty ? "<p>Tidak ada pengguna dengan penyaring ini.</p>" : """
            <div class="scroll"><table class="users">
            <caption>Pengguna (\(IndonesianFormat.number(page.total)))</caption>
            <thead><tr><th scope="col">Nama pengguna</th><th scope="col">Nama lengkap</th><th scope="col">Peran</th>
            <th scope="col">Instansi</th><th scope="col">Pegawai tertaut</th><th scope="col">Status</th></tr></thead>
            <tbody>\(rows)</tbody></table></div>
            \(pager.links(total: page.total) { n in "/pengguna?\(query)halaman=\(n)" })
            """
        let options = UserPages.tenantRoles.map { r -> HTML in
            let chosen: HTML = r == role ? " selected" : ""
            return "<option value=\"\(r.rawValue)\"\(chosen)>\(Layout.roleName(r))</option>"
        }
        let filter: HTML = """
            <form method="get" class="filters">
            <label for="f-peran">Peran</label>
            <select id="f-peran" name="peran"><option value="">Semua peran</option>\(options)</select>
            <button type="submit">Saring</button>
            </form>
            """
        let createForm: HTML = principal.role == .tenantAdmin ? createFormHTML(agencies: agencies, csrf: csrf, entered: entered) : .empty
        let body: HTML = """
            <h1>Pengguna</h1>
            <p class="lead">Akun yang dapat masuk ke Mutasi di daerah ini, dengan peran dan instansinya.
            <a href="/instansi">Daftar instansi</a></p>
            \(StepNotice.render(flash: flash, refusal: refusal))
            \(filter)
            \(table)
            \(createForm)
            """
        return Layout.page(title: "Pengguna", principal: principal, csrf: csrf, current: "/pengguna", body: body)
    }

    static func createFormHTML(agencies: [Agency], csrf: String, entered: WebForm?) -> HTML {
        let roleValue = entered?["peran"] ?? ""
        let options = UserPages.tenantRoles.map { r -> HTML in
            let chosen: HTML = r.rawValue == roleValue ? " selected" : ""
            return "<option value=\"\(r.rawValue)\"\(chosen)>\(Layout.roleName(r))</option>"
        }
        return """
            <section class="panel">
            <h2>Tambah pengguna</h2>
            <form method="post" action="/pengguna" class="stack">
            <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
            <label for="p-nama-pengguna">Nama pengguna (huruf kecil, angka, tanda hubung)</label>
            <input id="p-nama-pengguna" name="nama_pengguna" required maxlength="64" autocomplete="off" value="\(entered?["nama_pengguna"] ?? "")">
            <label for="p-nama">Nama lengkap</label>
            <input id="p-nama" name="nama" required maxlength="200" value="\(entered?["nama"] ?? "")">
            <label for="p-peran">Peran</label>
            <select id="p-peran" name="peran" required><option value="">Pilih peran</option>\(options)</select>
            \(agencyChoices(agencies, chosen: { entered?["instansi-\($0.lowercased)"] != nil }))
            <label for="p-sandi">Kata sandi awal (10 karakter atau lebih)</label>
            <input id="p-sandi" name="sandi" type="password" required minlength="10" autocomplete="new-password">
            <label for="p-sandi2">Ulangi kata sandi awal</label>
            <input id="p-sandi2" name="sandi2" type="password" required minlength="10" autocomplete="new-password">
            <button type="submit">Tambah pengguna</button>
            </form>
            </section>
            """
    }

    /// Checkboxes of the tenant's agencies, one field per agency (a form sends each once).
    static func agencyChoices(_ agencies: [Agency], chosen: (UUID) -> Bool) -> HTML {
        let boxes = agencies.map { a -> HTML in
            let checked: HTML = chosen(a.id) ? " checked" : ""
            return """
                <label class="check"><input type="checkbox" name="instansi-\(a.id.lowercased)" value="ya"\(checked)> \(a.name)</label>
                """
        }
        return """
            <fieldset class="agencies"><legend>Instansi (wajib untuk operator instansi)</legend>\(boxes)</fieldset>
            """
    }
}

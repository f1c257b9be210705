import Foundation
import MutasiDomain
import MutasiServices

/// `/pengguna/{id}`: one user; a tenant admin edits the full name and an operator's agencies,
/// and activates or deactivates the account, each form carrying the version it was read at.
enum UserPage {
    static func render(_ u: User, agencies: [Agency], employee: Employee?, principal: Principal, csrf: String,
                       flash: String?, refusal: String?, entered: WebForm?) -> HTML {
        let names = Dictionary(agencies.map { ($0.id, $0.name) }) { first, _ in first }
        let agencyText = u.agencyIDs.map { names[$0] ?? "-" }.joined(separator: ", ")
        let employeeText = employee.map { "\($0.name) (NIP \($0.nip))" } ?? "-"
        var forms: HTML = .empty
        if principal.role == .tenantAdmin {
            let path = "/pengguna/\(u.id.lowercased)"
            let agencyBoxes: HTML = u.role == .agencyOperator
                ? UserListPage.agencyChoices(agencies, chosen: { id in
                    entered.map { $0["instansi-\(id.lowercased)"] != nil } ?? u.agencyIDs.contains(id) })
                : .empty
            let statusForm: HTML = u.active ? """
                <form method="post" action="\(path)/status">\(WebStep.hidden(csrf: csrf, version: u.version))
                <input type="hidden" name="aktif" value="tidak">
                <p class="hint">Pengguna nonaktif tidak dapat masuk; sesi masuknya diakhiri.</p>
                <button type="submit">Nonaktifkan pengguna</button></form>
                """ : """
                <form method="post" action="\(path)/status">\(WebStep.hidden(csrf: csrf, version: u.version))
                <input type="hidden" name="aktif" value="ya">
                <button type="submit">Aktifkan kembali</button></form>
                """
            forms = """
                <section class="panel">
                <h2>Ubah data</h2>
                <form method="post" action="\(path)" class="stack">\(WebStep.hidden(csrf: csrf, version: u.version))
                <label for="u-nama">Nama lengkap</label>
                <input id="u-nama" name="nama" required maxlength="200" value="\(entered?["nama"] ?? u.fullName)">
                \(agencyBoxes)
                <p class="hint">Peran dan nama pengguna tidak dapat diubah; buat akun baru bila perlu.</p>
                <button type="submit">Simpan</button>
                </form>
                </section>
                <section class="panel">
                <h2>Status akun</h2>
                \(statusForm)
                </section>
                """
        }
        let back: HTML = principal.role == .tenantAdmin || principal.role == .auditor
            ? "<p><a href=\"/pengguna\">← Daftar pengguna</a></p>" : .empty
        let body: HTML = """
            \(back)
            <h1>\(u.fullName)</h1>
            \(StepNotice.render(flash: flash, refusal: refusal))
            <dl class="facts">
            <dt>Nama pengguna</dt><dd>\(u.username)</dd>
            <dt>Peran</dt><dd>\(Layout.roleName(u.role))</dd>
            <dt>Instansi</dt><dd>\(agencyText.isEmpty ? "-" : agencyText)</dd>
            <dt>Pegawai tertaut</dt><dd>\(employeeText)</dd>
            <dt>Status</dt><dd>\(u.active ? "Aktif" : "Nonaktif")</dd>
            </dl>
            \(forms)
            """
        return Layout.page(title: u.fullName, principal: principal, csrf: csrf, current: "/pengguna", body: body)
    }
}

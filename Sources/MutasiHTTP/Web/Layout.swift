import Foundation
import Hummingbird
import MutasiDomain

/// The frame of every page: head, skip link, header with the navigation of the caller's role,
/// main content, footer.
enum Layout {
    /// What a role is called on the pages.
    static func roleName(_ role: Role) -> String {
        switch role {
        case .platformAdmin: "Admin platform"
        case .bknAdmin: "Admin BKN"
        case .tenantAdmin: "Admin BKD"
        case .agencyOperator: "Operator instansi"
        case .approver: "Pejabat penyetuju"
        case .auditor: "Auditor"
        case .employee: "Pegawai"
        }
    }

    /// The links a role's navigation offers.
    static func navigation(_ role: Role) -> [(href: String, label: String)] {
        switch role {
        case .tenantAdmin:
            [("/", "Dasbor keseimbangan"), ("/abk", "ABK"), ("/kampanye", "Kampanye"), ("/rencana", "Rencana mutasi"),
             ("/impor", "Impor"), ("/ekspor", "Ekspor"), ("/pengguna", "Pengguna"), ("/pengaturan", "Pengaturan")]
        case .approver, .auditor:
            [("/", "Dasbor keseimbangan"), ("/abk", "ABK"), ("/kampanye", "Kampanye"), ("/rencana", "Rencana mutasi"),
             ("/ekspor", "Ekspor")]
        case .agencyOperator: [("/", "Instansi saya"), ("/abk", "ABK"), ("/ekspor", "Ekspor")]
        case .employee: [("/saya", "Data saya"), ("/saya/preferensi", "Preferensi"), ("/saya/poin", "Poin"),
                         ("/saya/usulan", "Usulan mutasi"), ("/saya/sk", "Petikan SK")]
        case .platformAdmin, .bknAdmin: [("/daerah", "Pemerintah daerah")]
        }
    }

    static func page(title: String, principal: Principal?, csrf: String?, current: String? = nil, body: HTML) -> HTML {
        var header: HTML = """
            <a class="brand" href="/">Mutasi</a>
            """
        if let principal {
            let links = navigation(principal.role).map { link -> HTML in
                let here: HTML = link.href == current ? " aria-current=\"page\"" : ""
                return "<li><a href=\"\(link.href)\"\(here)>\(link.label)</a></li>"
            }
            let signOut: HTML = csrf.map { token in """
                <form class="signout" method="post" action="/keluar">
                <input type="hidden" name="\(WebSession.csrfField)" value="\(token)">
                <button type="submit">Keluar</button>
                </form>
                """ } ?? .empty
            header = """
                \(header)
                <nav aria-label="Navigasi utama"><ul>\(links)</ul></nav>
                <div class="who"><span class="name">\(principal.user.fullName)</span> <span class="role">\(roleName(principal.role))</span>\(signOut)</div>
                """
        }
        return """
            <!doctype html>
            <html lang="id">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Mutasi</title>
            <link rel="stylesheet" href="\(Stylesheet.path)">
            </head>
            <body>
            <a class="skip" href="#isi">Langsung ke isi</a>
            <header class="top">\(header)</header>
            <main id="isi" tabindex="-1">
            \(body)
            </main>
            <footer class="bottom"><p>Mutasi · perencanaan mutasi ASN</p></footer>
            </body>
            </html>
            """
    }

    static func response(_ page: HTML, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                 body: .init(byteBuffer: ByteBuffer(string: page.text)))
    }
}

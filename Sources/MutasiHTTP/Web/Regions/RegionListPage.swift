import Foundation
import MutasiDomain

/// `/daerah`: the regional governments a platform or BKN admin oversees.
enum RegionListPage {
    static func render(page: Page<Tenant>, pager: Pager, principal: Principal, csrf: String) -> HTML {
        let title = "Pemerintah daerah"
        let rows = page.items.map { tenant -> HTML in
            """
            <tr><th scope="row"><a href="/daerah/\(tenant.id.uuidString.lowercased())">\(tenant.name)</a></th>\
            <td><code>\(tenant.code)</code></td><td>\(tenant.kind.indonesianName)</td><td>\(tenant.regionCode)</td>\
            <td>\(tenant.active ? "Aktif" : "Nonaktif")</td></tr>
            """
        }
        let table: HTML = page.items.isEmpty ? "<p>Belum ada pemerintah daerah dalam wilayah Anda.</p>" : """
            <div class="table-wrap" role="region" aria-label="Daftar pemerintah daerah" tabindex="0"><table>
            <caption>Pemerintah daerah dalam wilayah Anda (\(IndonesianFormat.number(page.total)))</caption>
            <thead><tr><th scope="col">Nama</th><th scope="col">Kode</th><th scope="col">Jenis</th><th scope="col">Kode wilayah</th><th scope="col">Status</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table></div>
            \(pager.links(total: page.total) { "/daerah?\(Pager.parameter)=\($0)" })
            """
        let body: HTML = """
            <h1>\(title)</h1>
            <p class="lead">Pilih daerah untuk melihat keseimbangan pegawai per instansinya.</p>
            \(table)
            """
        return Layout.page(title: title, principal: principal, csrf: csrf, current: "/daerah", body: body)
    }
}

import Foundation
import MutasiDomain

/// `/saya/sk`: the signed decrees that move the employee, each with their extract (petikan) to
/// download as PDF or open as printable HTML.
enum ExtractPage {
    static func render(_ decrees: [Decree], principal: Principal, csrf: String) -> HTML {
        let rows = decrees.map { d -> HTML in
            let id = d.id.uuidString.lowercased()
            return """
                <tr><th scope="row">\(d.number)</th><td>\(IndonesianFormat.date(d.effectiveDate))</td>\
                <td>\(d.signedOn.map(IndonesianFormat.date) ?? "-")</td>\
                <td><a href="/saya/sk/\(id).pdf">Unduh PDF</a> · <a href="/saya/sk/\(id).html">Lihat</a></td></tr>
                """
        }
        let content: HTML = rows.isEmpty ? "<p>Belum ada surat keputusan mutasi yang ditandatangani untuk Anda.</p>" : """
            <div class="table-wrap"><table>
            <caption>Petikan surat keputusan mutasi Anda</caption>
            <thead><tr><th scope="col">Nomor SK</th><th scope="col">TMT</th><th scope="col">Ditandatangani</th><th scope="col">Petikan</th></tr></thead>
            <tbody>\(rows)</tbody>
            </table></div>
            """
        return Layout.page(title: "Petikan SK", principal: principal, csrf: csrf, current: "/saya/sk", body: """
            <p><a href="/saya">← Kembali ke data saya</a></p>
            <h1>Petikan SK mutasi</h1>
            \(content)
            """)
    }
}

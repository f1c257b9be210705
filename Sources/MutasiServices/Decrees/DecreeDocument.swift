import Foundation
import MutasiDomain

/// A decree as printable A4 HTML, laid out as regional transfer decrees are: heading with the
/// region's head, NOMOR, TENTANG, Menimbang, Mengingat, MEMUTUSKAN, Menetapkan with its
/// dictums and the TMT, place and date of signing, signatory, tembusan, then the annex table.
/// An extract (petikan) names one employee in the dictum and carries no annex.
enum DecreeDocument {
    static func html(_ decree: Decree, _ c: DecreeContent, extractFor employeeID: UUID? = nil) -> String {
        let extractRow = employeeID.flatMap { id in c.rows.first { $0.employeeID == id } }
        let head = e(c.regionHead)
        let signedOn = decree.signedOn.map(IndonesianDate.long) ?? "...................."
        var body = ""
        if decree.status == .cancelled {
            body += "<p class=\"cancelled\">DIBATALKAN: \(e(decree.cancelReason ?? ""))</p>"
        }
        body += """
            <div class="center"><p>\(extractRow == nil ? "" : "PETIKAN<br>")KEPUTUSAN \(head)<br>NOMOR \(e(c.number))</p>
            <p>TENTANG<br>PEMINDAHAN PEGAWAI NEGERI SIPIL</p>
            <p>DENGAN RAHMAT TUHAN YANG MAHA ESA</p><p>\(head),</p></div>
            """
        body += clauses("Menimbang", c.considerations, letters: true)
        body += clauses("Mengingat", c.legalBases, letters: false)
        body += "<p class=\"center\">MEMUTUSKAN:</p>"
        var dictums = [("Menetapkan", "KEPUTUSAN \(head) TENTANG PEMINDAHAN PEGAWAI NEGERI SIPIL.")]
        if let row = extractRow {
            dictums.append(("KESATU", """
                Memindahkan Pegawai Negeri Sipil:<table class="who">
                <tr><td>Nama</td><td>: \(e(row.name))</td></tr><tr><td>NIP</td><td>: \(e(row.nip))</td></tr>
                <tr><td>Pangkat/Golongan</td><td>: \(e(row.rank))</td></tr>
                <tr><td>Jabatan lama</td><td>: \(e(row.fromPosition)), \(e(row.fromUnit))</td></tr>
                <tr><td>Jabatan baru</td><td>: \(e(row.toPosition)), \(e(row.toUnit))</td></tr></table>
                """))
        } else {
            dictums.append(("KESATU", "Memindahkan Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini dari jabatan lama ke jabatan baru sebagaimana tercantum dalam Lampiran tersebut."))
        }
        dictums.append(("KEDUA", "Pemindahan sebagaimana dimaksud dalam Diktum KESATU berlaku terhitung mulai tanggal \(IndonesianDate.long(c.effectiveDate))."))
        dictums.append(("KETIGA", "Keputusan ini mulai berlaku pada tanggal ditetapkan, dengan ketentuan apabila di kemudian hari terdapat kekeliruan akan diadakan perbaikan sebagaimana mestinya."))
        body += "<table class=\"dictums\">" + dictums.map { "<tr><td class=\"label\">\($0.0)</td><td>:</td><td>\($0.1)</td></tr>" }.joined() + "</table>"
        body += """
            <div class="sign"><p>Ditetapkan di \(e(c.placeOfSigning))<br>pada tanggal \(signedOn)</p>
            <p>\(e(c.signatoryTitle)),</p><p class="space"></p>
            <p>\(c.signatoryName.isEmpty ? "...................." : e(c.signatoryName))\(c.signatoryNIP.isEmpty ? "" : "<br>NIP. \(e(c.signatoryNIP))")</p></div>
            """
        if !c.copies.isEmpty {
            body += "<div class=\"copies\"><p>Tembusan:</p><ol>" + c.copies.map { "<li>\(e($0))</li>" }.joined() + "</ol></div>"
        }
        if extractRow != nil {
            body += "<p>Untuk petikan yang sah sesuai dengan aslinya.</p>"
        } else {
            body += annex(c, signedOn: signedOn)
        }
        return """
            <!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>\(e(c.number))</title><style>
            @page { size: A4; margin: 2cm 2cm 2cm 2.5cm; }
            body { font-family: "Liberation Serif", "Times New Roman", serif; font-size: 12pt; line-height: 1.35; }
            .center { text-align: center; } .cancelled { color: #a00; font-weight: bold; text-align: center; }
            table { border-collapse: collapse; } td { vertical-align: top; padding: 1pt 4pt; }
            .label { width: 2.8cm; } .sign { margin-left: 55%; } .space { height: 2cm; }
            .annex { page-break-before: always; } .annex table { width: 100%; font-size: 10pt; }
            .annex th, .annex td { border: 1px solid #000; padding: 3pt; } .nip { white-space: nowrap; }
            </style></head><body>\(body)</body></html>
            """
    }

    private static func clauses(_ label: String, _ items: [String], letters: Bool) -> String {
        let marks = letters ? items.indices.map { String(UnicodeScalar(UInt8(97 + min($0, 25)))) + "." } : items.indices.map { "\($0 + 1)." }
        let rows = zip(marks, items).enumerated().map { i, pair in
            "<tr><td class=\"label\">\(i == 0 ? label : "")</td><td>\(i == 0 ? ":" : "")</td><td>\(pair.0)</td><td>\(e(pair.1))</td></tr>"
        }
        return "<table class=\"clauses\">" + rows.joined() + "</table>"
    }

    private static func annex(_ c: DecreeContent, signedOn: String) -> String {
        let rows = c.rows.map { r in
            "<tr><td>\(r.no)</td><td>\(e(r.name))<br><span class=\"nip\">NIP. \(e(r.nip))</span></td><td>\(e(r.rank))</td>"
                + "<td>\(e(r.fromPosition))<br>\(e(r.fromUnit))</td><td>\(e(r.toPosition))<br>\(e(r.toUnit))</td></tr>"
        }
        return """
            <div class="annex"><p>LAMPIRAN KEPUTUSAN \(e(c.regionHead))<br>NOMOR \(e(c.number))<br>TANGGAL \(signedOn)</p>
            <p class="center">DAFTAR PEGAWAI NEGERI SIPIL YANG DIPINDAHKAN\(c.agencyName.map { "<br>\(e($0.uppercased()))" } ?? "")</p>
            <table><thead><tr><th style="width:5%">No</th><th style="width:31%">Nama / NIP</th><th style="width:20%">Pangkat / Golongan</th><th style="width:22%">Jabatan lama (jabatan, unit kerja)</th><th style="width:22%">Jabatan baru</th></tr></thead>
            <tbody>\(rows.joined())</tbody></table>
            <div class="sign"><p>\(e(c.signatoryTitle)),</p><p class="space"></p>
            <p>\(c.signatoryName.isEmpty ? "...................." : e(c.signatoryName))</p></div></div>
            """
    }

    /// Escapes text for HTML.
    static func e(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}

import Foundation
import MutasiDomain

/// `/saya`: an employee's own record (name, NIP, post, unit).
enum OwnRecordPage {
    static func render(employee: Employee?, unitName: String?, principal: Principal, csrf: String) -> HTML {
        let title = "Data saya"
        guard let employee else {
            return Layout.page(title: title, principal: principal, csrf: csrf, current: "/saya", body: """
                <h1>\(title)</h1>
                <p>Akun Anda belum terhubung dengan data kepegawaian. Hubungi admin BKD.</p>
                """)
        }
        let post = employee.positionHistory.last { $0.slotID == employee.slotID && $0.endedOn == nil }
        var rows: [(String, String)] = [
            ("Nama", employee.name), ("NIP", employee.nip), ("Pangkat/golongan", employee.gradeLabel),
            ("Jabatan", post?.slotName ?? "Belum menduduki jabatan"),
            ("Jenis jabatan", employee.positionKind?.indonesianName ?? "-"),
            ("Unit kerja", unitName ?? "-"),
        ]
        if let since = employee.slotSince { rows.append(("TMT jabatan", IndonesianFormat.date(since))) }
        if let retirement = employee.retirementDate { rows.append(("Perkiraan pensiun", IndonesianFormat.date(retirement))) }
        let links: HTML = """
            <h2>Layanan mutasi</h2>
            <ul class="links">
            <li><a href="/saya/preferensi">Formulir preferensi</a>: keinginan pindah atau tetap dan unit kerja pilihan</li>
            <li><a href="/saya/poin">Poin prioritas</a>: rincian poin dan sanggahan</li>
            <li><a href="/saya/usulan">Usulan mutasi</a>: usulan untuk Anda dan jawaban Anda</li>
            <li><a href="/saya/sk">Petikan SK</a>: surat keputusan mutasi yang sudah ditandatangani</li>
            </ul>
            """
        let items = rows.map { row -> HTML in "<dt>\(row.0)</dt><dd>\(row.1)</dd>" }
        return Layout.page(title: title, principal: principal, csrf: csrf, current: "/saya", body: """
            <h1>\(title)</h1>
            <div class="card"><dl class="record">\(items)</dl></div>
            \(links)
            """)
    }
}

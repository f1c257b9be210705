import Foundation
import MutasiDomain
import MutasiServices

/// `/impor`: one upload form per importable file, and after an upload the service's report:
/// the counts when it was written, every rejected row when nothing was.
enum ImportPage {
    /// The outcome shown above the forms: a report, or a message naming what was wrong with the upload.
    enum Outcome {
        case report(ImportReport)
        case refused(WorkforceFile, String)
    }

    static func render(principal: Principal, csrf: String, outcome: Outcome? = nil) -> HTML {
        let forms = WorkforceFile.allCases.map { file -> HTML in
            let id = "berkas-\(file.rawValue)"
            let refusal: HTML
            if case .refused(let refused, let message) = outcome, refused == file {
                refusal = "<p class=\"alert\" role=\"alert\" id=\"\(id)-galat\">\(message)</p>"
            } else {
                refusal = .empty
            }
            return """
                <section class="upload" aria-labelledby="\(id)-judul">
                <h2 id="\(id)-judul">\(ImportWording.fileName(file))</h2>
                <p class="hint">\(ImportWording.fileAbout(file))</p>
                \(refusal)
                <form method="post" action="/impor/\(file.rawValue)" enctype="multipart/form-data">
                <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
                <div class="field"><label for="\(id)">Berkas CSV atau .xlsx</label>
                <input type="file" id="\(id)" name="berkas" accept=".csv,.xlsx,text/csv,\(WorkforceFileController.xlsxType)" required></div>
                <button class="button" type="submit">Unggah dan impor \(ImportWording.fileName(file).lowercased())</button>
                </form>
                <p class="hint">Contoh kolom: unduh data saat ini sebagai
                <a href="/ekspor/\(file.rawValue).csv">CSV</a> atau <a href="/ekspor/\(file.rawValue).xlsx">.xlsx</a>; berkas itu dapat diimpor kembali.</p>
                </section>
                """
        }
        var result: HTML = .empty
        if case .report(let report) = outcome { result = Self.report(report) }
        let body: HTML = """
            <h1>Impor data</h1>
            <p class="lead">Unggah berkas CSV (pemisah ; atau ,) atau .xlsx dengan judul kolom di baris pertama.
            Semua baris diperiksa lebih dahulu: bila satu baris saja bermasalah, tidak ada yang disimpan.
            Mengimpor berkas yang sama dua kali tidak mengubah apa pun.</p>
            \(result)
            \(forms)
            """
        return Layout.page(title: "Impor data", principal: principal, csrf: csrf, current: "/impor", body: body)
    }

    static func report(_ report: ImportReport) -> HTML {
        let name = ImportWording.fileName(report.file)
        let rejected = report.badRows
        let figures: [(String, Int)] = [("Baru", report.counts?.inserted ?? 0), ("Diubah", report.counts?.updated ?? 0),
                                         ("Tidak berubah", report.counts?.unchanged ?? 0), ("Ditolak", rejected)]
        let cards = figures.map { item -> HTML in "<div><dt>\(item.0)</dt><dd>\(IndonesianFormat.number(item.1))</dd></div>" }
        let heading: HTML = report.applied
            ? "<h2 id=\"hasil\">Impor \(name.lowercased()) berhasil</h2><p class=\"notice\" role=\"status\">\(IndonesianFormat.number(report.rows)) baris dibaca dan disimpan.</p>"
            : "<h2 id=\"hasil\">Impor \(name.lowercased()) ditolak</h2><p class=\"alert\" role=\"alert\">\(IndonesianFormat.number(rejected)) baris bermasalah; tidak ada data yang disimpan. Perbaiki baris berikut lalu unggah kembali seluruh berkas.</p>"
        var issues: HTML = .empty
        if !report.errors.isEmpty {
            let rows = report.errors.map { issue -> HTML in
                "<tr><td class=\"num\">\(IndonesianFormat.number(issue.line))</td><td>\(issue.column ?? "–")</td><td>\(ImportWording.message(issue))</td><td><code>\(issue.code)</code></td></tr>\n"
            }
            issues = """
                <div class="table-wrap" role="region" aria-label="Baris yang ditolak" tabindex="0">
                <table class="import-issues">
                <caption>Baris yang ditolak</caption>
                <thead><tr><th scope="col" class="num">Baris</th><th scope="col">Kolom</th><th scope="col">Masalah</th><th scope="col">Kode</th></tr></thead>
                <tbody>
                \(rows)</tbody>
                </table>
                </div>
                """
        }
        return """
            <section class="import-report" aria-labelledby="hasil">
            \(heading)
            <dl class="totals">\(cards)</dl>
            \(issues)
            </section>
            """
    }
}

/// `/ekspor`: every export, as CSV and as .xlsx (cells as text, so Excel keeps NIPs and codes).
enum ExportPage {
    static func render(principal: Principal, csrf: String) -> HTML {
        let operatorView = principal.role == .agencyOperator
        let rows = WorkforceFile.allCases.map { file -> HTML in
            """
            <tr><th scope="row">\(ImportWording.fileName(file))</th>
            <td><a href="/ekspor/\(file.rawValue).xlsx" download>\(file.rawValue).xlsx</a></td>
            <td><a href="/ekspor/\(file.rawValue).csv" download>\(file.rawValue).csv</a></td></tr>

            """
        }
        let body: HTML = """
            <h1>Ekspor data</h1>
            <p class="lead">\(operatorView ? "Data instansi Anda" : "Seluruh data pemerintah daerah ini"), dengan kolom yang sama seperti impor.
            Pilih .xlsx untuk dibuka di Excel: NIP dan kode tetap berupa teks. CSV memakai UTF-8 dan pemisah titik koma.</p>
            <div class="table-wrap" role="region" aria-label="Berkas ekspor" tabindex="0">
            <table>
            <caption>Berkas ekspor</caption>
            <thead><tr><th scope="col">Data</th><th scope="col">Excel (.xlsx)</th><th scope="col">CSV</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            </div>
            """
        return Layout.page(title: "Ekspor data", principal: principal, csrf: csrf, current: "/ekspor", body: body)
    }
}

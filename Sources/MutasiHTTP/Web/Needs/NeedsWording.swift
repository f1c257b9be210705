import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// How the needs-analysis pages say things: states, steps, figures and the services' refusals,
/// in Bahasa Indonesia.
enum NeedsWording {
    static func state(_ state: NeedsAnalysis.State) -> String {
        switch state {
        case .draft: "Draf"
        case .submitted: "Diajukan"
        case .approved: "Disetujui"
        case .returned: "Dikembalikan"
        }
    }

    /// The state as a tag whose text says it (never colour alone).
    static func stateTag(_ state: NeedsAnalysis.State) -> HTML {
        "<span class=\"tag abk-\(state.rawValue)\">\(self.state(state))</span>"
    }

    static func action(_ action: NeedsAnalysis.Action) -> String {
        switch action {
        case .create: "Dibuat"
        case .update: "Diubah"
        case .submit: "Diajukan"
        case .approve: "Disetujui"
        case .return: "Dikembalikan"
        }
    }

    /// A decimal string (`"54300"`, `"-0.724"`) the Indonesian way: `54.300`, `-0,724`. The
    /// script formats its figures with the same rule.
    static func decimal(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = String(parts[0])
        var grouped = ""
        for (i, c) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { grouped += "." }
            grouped.append(c)
        }
        let fraction = parts.count > 1 && !parts[1].isEmpty ? "," + parts[1] : ""
        return (negative ? "-" : "") + grouped + fraction
    }

    /// Required against current staff, in words: "Kurang 2", "Lebih 1", "Seimbang".
    static func gap(_ gap: Int) -> String {
        gap > 0 ? "Kurang \(IndonesianFormat.number(gap))" : gap < 0 ? "Lebih \(IndonesianFormat.number(-gap))" : "Seimbang"
    }

    static let stale = "Data sudah diubah orang lain. Muat ulang halaman ini, periksa isinya, lalu coba lagi."

    /// A refusal of a needs-analysis step, naming the field where there is one.
    static func message(_ error: DomainError) -> String {
        let row = rowLabel(error.field)
        switch error.code {
        case "needs.version_mismatch": return stale
        case "needs.basis_required", "needs.tasks_required": return "Isi paling sedikit satu uraian tugas, atau pilih metode rasio."
        case "needs.too_many_tasks": return "Paling banyak \(NeedsPages.maxRows) uraian tugas."
        case "needs.task_name_required": return "\(row)uraian tugas wajib diisi."
        case "needs.task_name_too_long": return "\(row)uraian tugas paling panjang 500 karakter."
        case "needs.negative_volume": return "\(row)volume per tahun tidak boleh negatif."
        case "needs.invalid_standard_time": return "\(row)norma waktu harus lebih dari 0 menit."
        case "number.invalid": return "\(row)\(fieldName(error.field)) bukan angka yang sah (contoh: 2,5 atau 1200; tanpa pemisah ribuan)."
        case "number.overflow": return "Angka terlalu besar untuk dihitung; periksa volume dan norma waktu."
        case "needs.headcount_too_large": return "Kebutuhan pegawai hasil hitungan melebihi 1.000.000 orang untuk satu jabatan; periksa volume, norma waktu, atau rasio."
        case "needs.negative_population": return "Jumlah yang dilayani tidak boleh negatif."
        case "needs.invalid_ratio": return "Rasio per orang harus lebih dari 0."
        case "web.population_not_integer": return "Jumlah yang dilayani harus bilangan bulat."
        case "ratio.driver.required": return "Nama penggerak (apa yang dihitung) wajib diisi."
        case "ratio.driver.too_long": return "Nama penggerak paling panjang 200 karakter."
        case "needs.invalid_year", "web.year_invalid": return "Tahun harus antara \(NeedsAnalysis.years.lowerBound) dan \(NeedsAnalysis.years.upperBound)."
        case "needs.open_analysis_exists":
            return "Formasi ini sudah memiliki ABK tahun tersebut yang belum disetujui; ubah ABK itu dari daftar ABK."
        case "needs.invalid_state": return "Langkah ini tidak dapat dilakukan pada ABK dalam keadaan sekarang; muat ulang halaman."
        case "notes.required": return "Catatan wajib diisi saat mengembalikan ABK: tulis apa yang perlu diperbaiki."
        case "notes.too_long": return "Catatan paling panjang 4.000 karakter."
        case "idempotency.key_reused": return "Formulir ini sudah dikirim untuk langkah lain; muat ulang halaman lalu coba lagi."
        default: return "Isian tidak dapat disimpan. Periksa kembali isian Anda."
        }
    }

    /// "Baris 3: " for `tasks[2].volume`, empty otherwise.
    static func rowLabel(_ field: String?) -> String {
        guard let field, field.hasPrefix("tasks["), let close = field.firstIndex(of: "]"),
              let index = Int(field[field.index(field.startIndex, offsetBy: 6)..<close]), index < NeedsPages.maxRows
        else { return "" }
        return "Baris \(index + 1): "
    }

    static func fieldName(_ field: String?) -> String {
        guard let field else { return "angka" }
        if field.hasSuffix(".volume") { return "volume per tahun" }
        if field.hasSuffix(".standardMinutes") { return "norma waktu" }
        if field == "ratio.perPerson" { return "rasio per orang" }
        return "angka"
    }
}

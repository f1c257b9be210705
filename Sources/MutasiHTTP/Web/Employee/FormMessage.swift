import Foundation
import Hummingbird
import MutasiDomain

/// What a refused page form tells its user, in Bahasa Indonesia: the service's error code and
/// field put into words, and the status the API would answer with. Codes not listed fall back to
/// a sentence for their kind, so a new refusal still reads sensibly.
struct FormMessage: Error, Equatable {
    var text: String
    var status: HTTPResponse.Status

    /// Refusals a form re-renders with its message; anything else (403, 404) is the error page.
    static func shown(_ error: DomainError) -> FormMessage? {
        switch error.kind {
        case .invalid, .conflict, .preconditionFailed, .preconditionRequired:
            return FormMessage(text: words(error), status: Problem.status(for: error.kind))
        default:
            return nil
        }
    }

    static let stale = "Data sudah diubah orang lain (atau di tab lain). Muat ulang halaman, periksa isinya, lalu simpan lagi."

    static func words(_ error: DomainError) -> String {
        if error.code.hasPrefix("web.") { return error.message }
        let field = error.field.map(fieldName) ?? ""
        switch error.code {
        case "campaign.not_open": return "Kampanye preferensi sudah ditutup; isian tidak dapat disimpan atau diubah lagi."
        case "form.invalid_wish": return "Keinginan: pilih salah satu (pindah, tetap, atau tidak menyatakan)."
        case "form.too_many_preferences": return "Pilihan unit: paling banyak \(PreferenceForm.maxPreferences) unit."
        case "form.duplicate_preference": return "\(field): unit ini sudah ada dalam daftar pilihan."
        case "form.unknown_unit": return "\(field): unit tidak ditemukan."
        case "form.unit_outside_campaign": return "\(field): unit ini tidak termasuk instansi yang dicakup kampanye."
        case "form.too_many_reasons": return "Alasan: paling banyak \(PreferenceForm.maxReasons)."
        case "form.invalid_reason_category": return "\(field): pilih jenis alasan."
        case "form.reason_too_long": return "\(field): paling banyak \(IndonesianFormat.number(PreferenceForm.maxReasonText)) karakter."
        case "form.spouse_workplace_required":
            return "Tempat kerja pasangan: wajib diisi untuk alasan berkumpul dengan keluarga (kode wilayah, mis. 53.71)."
        case "form.invalid_spouse_workplace": return "Tempat kerja pasangan: isi kode wilayah Kemendagri, mis. 53.71."
        case "contest.invalid_reason": return "Alasan sanggahan: isi 10 sampai 1.000 karakter."
        case "contest.pending": return "Anda masih memiliki sanggahan yang menunggu keputusan; tunggu keputusannya dahulu."
        case "contest.invalid_note": return "Catatan: isi 1 sampai 1.000 karakter."
        case "contest.invalid_adjustment":
            return "Penyesuaian poin: untuk menerima sanggahan isi angka -500 sampai 500 selain 0; untuk menolak kosongkan."
        case "contest.invalid_decision": return "Keputusan: pilih terima atau tolak."
        case "contest.already_decided": return "Sanggahan ini sudah diputuskan."
        case "answer.invalid": return "Jawaban: pilih setuju atau keberatan."
        case "answer.invalid_reason": return "Alasan keberatan: isi 10 sampai 1.000 karakter."
        case "answer.reason_not_allowed": return "Alasan: hanya diisi bila Anda keberatan; kosongkan bila setuju."
        case "answer.deadline_passed": return "Batas waktu jawaban untuk rencana ini sudah lewat."
        case "plan.not_in_review": return "Rencana ini tidak lagi dalam tahap tanggapan pegawai."
        case "idempotency.key_reused": return "Formulir ini sudah dikirim. Muat ulang halaman lalu coba lagi."
        default: break
        }
        switch error.kind {
        case .preconditionFailed, .preconditionRequired: return stale
        case .conflict: return "Keadaan data tidak memungkinkan langkah ini. Muat ulang halaman lalu coba lagi."
        default: return field.isEmpty ? "Isian tidak valid; periksa kembali formulir." : "\(field): isian tidak valid."
        }
    }

    /// The field of a service error as the form labels it: `preferences[1]` -> "Pilihan unit ke-2".
    static func fieldName(_ field: String) -> String {
        let (base, index, rest) = split(field)
        let ordinal = index.map { " ke-\($0 + 1)" } ?? ""
        switch (base, rest) {
        case ("wish", _): return "Keinginan"
        case ("preferences", _): return "Pilihan unit\(ordinal)"
        case ("reasons", "category"): return "Jenis alasan\(ordinal)"
        case ("reasons", "text"): return "Keterangan alasan\(ordinal)"
        case ("reasons", _): return "Alasan"
        case ("spouseWorkplace", _): return "Tempat kerja pasangan"
        case ("reason", _): return "Alasan"
        case ("note", _): return "Catatan"
        case ("adjustment", _): return "Penyesuaian poin"
        case ("decision", _): return "Keputusan"
        case ("answer", _): return "Jawaban"
        default: return "Isian"
        }
    }

    /// `reasons[0].text` -> ("reasons", 0, "text").
    private static func split(_ field: String) -> (String, Int?, String) {
        guard let open = field.firstIndex(of: "["), let close = field.firstIndex(of: "]"), open < close else {
            return (field, nil, "")
        }
        let index = Int(field[field.index(after: open)..<close]).flatMap { (0...1000).contains($0) ? $0 : nil }
        var rest = String(field[field.index(after: close)...])
        if rest.hasPrefix(".") { rest.removeFirst() }
        return (String(field[..<open]), index, rest)
    }
}

/// Fixed texts of the flash messages a page shows after a redirect (`?pesan=`); free text from
/// the address is never shown.
enum FlashMessage {
    static func text(_ key: String?) -> String? {
        switch key {
        case "disimpan": "Formulir preferensi tersimpan."
        case "sanggahan": "Sanggahan poin terkirim. Admin BKD akan memutuskannya."
        case "dijawab": "Jawaban Anda tersimpan."
        case "diputuskan": "Keputusan sanggahan tersimpan."
        default: nil
        }
    }

    static func html(_ key: String?) -> HTML {
        guard let text = text(key) else { return .empty }
        return "<p class=\"flash\" role=\"status\">\(text)</p>"
    }
}

/// A refusal message above a form.
extension FormMessage {
    var html: HTML { "<p class=\"form-error\" role=\"alert\">\(text)</p>" }
}

/// Instants shown as days (UTC), and a random value for forms that must not run twice.
enum EmployeePageFormat {
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        guard let day = try? CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1) else { return "-" }
        return IndonesianFormat.date(day)
    }

    /// Time of day too, for deadlines: `1 Februari 2027 pukul 00.00 UTC`.
    static func moment(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return day(date) + String(format: " pukul %02d.%02d UTC", parts.hour ?? 0, parts.minute ?? 0)
    }
}

extension WebForm {
    /// The parameters of a page's address as a GET form sends them (`+` for a space).
    static func query(_ request: Request) -> WebForm {
        WebForm(request.uri.query ?? "")
    }
}

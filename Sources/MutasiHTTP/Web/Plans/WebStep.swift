import Foundation
import Hummingbird
import MutasiDomain

/// What the step forms of the campaign, plan and decree pages share: the version a form was
/// rendered with (passed as the expected version), an idempotency key from the form's random
/// field (a form sent twice does its step once), the redirect after a step with a fixed flash
/// message, and the services' refusals worded in Bahasa Indonesia.
enum WebStep {
    static let versionField = "versi"
    static let keyField = "kunci"
    static let flashParameter = "pesan"

    /// The hidden fields every step form carries.
    static func hidden(csrf: String, version: Int? = nil) -> HTML {
        let version: HTML = version.map { v -> HTML in "<input type=\"hidden\" name=\"\(versionField)\" value=\"\(v)\">" } ?? .empty
        return """
            <input type="hidden" name="\(WebSession.csrfField)" value="\(csrf)">
            <input type="hidden" name="\(keyField)" value="\(WebSession.randomValue())">\(version)
            """
    }

    static let badForm = DomainError.invalid("web.form_invalid", "Formulir tidak lengkap; muat ulang halaman lalu coba lagi.")

    /// The version the form was rendered with.
    static func version(_ form: WebForm) throws -> Int {
        guard let text = form[versionField], text.count <= 10, let value = Int(text), (0...Int(Int32.max)).contains(value) else {
            throw badForm
        }
        return value
    }

    /// The key of this form's step: the step's name and the form's random field.
    static func key(_ form: WebForm, _ step: String) throws -> String {
        guard let value = form[keyField], (16...128).contains(value.count), value.allSatisfy(\.isHexDigit) else { throw badForm }
        return "web.\(step).\(value)"
    }

    /// A required text field, trimmed (the service checks its length).
    static func text(_ form: WebForm, _ name: String) -> String {
        (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// 303 to `path` with a flash message that maps to fixed text (`Flash`).
    static func done(_ path: String, _ flash: String) -> Response {
        Response.redirect(to: "\(path)?\(flashParameter)=\(flash)", type: .normal)
    }

    /// The Indonesian text of a flash key; unknown keys show nothing (free text from the URL never does).
    static func flash(_ request: Request, _ messages: [String: String]) -> String? {
        request.uri.queryParameters.get(flashParameter).flatMap { messages[$0] }
    }


    /// A refusal of a step, with its status and a sentence people read.
    struct Refusal: Sendable {
        var status: HTTPResponse.Status
        var message: String
    }

    /// Words a service's refusal for the page: its status stays what the API answers.
    static func refusal(_ error: DomainError) -> Refusal {
        Refusal(status: Problem.status(for: error.kind), message: message(error))
    }

    static func message(_ error: DomainError) -> String {
        if error.code.hasPrefix("web.") { return error.message }
        if let known = messages[error.code] { return known }
        if error.code.hasSuffix(".version_mismatch") || error.kind == .preconditionFailed {
            return "Data sudah diubah orang lain. Muat ulang halaman, periksa perubahannya, lalu coba lagi."
        }
        if error.code.hasSuffix(".invalid_state") {
            return "Langkah ini tidak dapat dilakukan pada status data saat ini. Muat ulang halaman untuk melihat statusnya."
        }
        switch error.kind {
        case .invalid:
            return "Isian tidak valid" + (error.field.map { ": periksa kolom \(fieldNames[$0] ?? $0)." } ?? ".")
        case .forbidden: return "Peran Anda tidak berwenang melakukan langkah ini."
        case .notFound: return "Data yang dimaksud tidak ditemukan."
        case .conflict: return "Keadaan data tidak memungkinkan langkah ini."
        default: return "Langkah ini tidak dapat diproses. Coba lagi nanti."
        }
    }

    static let fieldNames = [
        "name": "nama", "opensAt": "tanggal dibuka", "closesAt": "tanggal ditutup", "answerDeadline": "batas tanggapan",
        "reason": "alasan", "note": "catatan", "effectiveDate": "TMT", "signedOn": "tanggal tanda tangan", "campaignID": "kampanye",
        "dibuka": "tanggal dibuka", "ditutup": "tanggal ditutup", "batas": "batas tanggapan", "tmt": "TMT", "tanggal": "tanggal tanda tangan",
    ]

    static let messages: [String: String] = [
        "plan.four_eyes": "Prinsip empat mata: rencana diputuskan oleh pejabat yang tidak menyusun dan tidak mengajukannya.",
        "plan.review_open": "Batas waktu tanggapan belum lewat dan masih ada pegawai yang belum menanggapi usulan mutasinya.",
        "plan.objections_undecided": "Masih ada keberatan pegawai yang belum diputuskan (diterima atau ditolak).",
        "plan.stale_moves": "Sebagian usulan tidak lagi sesuai data kepegawaian terkini; hapus usulan itu atau susun ulang rencana.",
        "plan.answer_deadline_required": "Isi batas waktu tanggapan: kampanye rencana ini tidak menetapkannya.",
        "plan.answer_deadline_past": "Batas waktu tanggapan harus di masa depan.",
        "plan.invalid_reason": "Alasan harus berisi 10 sampai 1.000 karakter.",
        "plan.invalid_note": "Catatan harus berisi 1 sampai 1.000 karakter.",
        "plan.partly_executed": "Sebagian mutasi rencana ini sudah dilaksanakan; rencana tidak dapat dibatalkan lagi.",
        "move.invalid_reason": "Alasan penghapusan usulan harus berisi 10 sampai 1.000 karakter.",
        "move.already_dropped": "Usulan ini sudah dihapus sebelumnya.",
        "answer.not_objection": "Pegawai ini tidak mengajukan keberatan.",
        "objection.invalid_note": "Catatan keputusan harus berisi 1 sampai 1.000 karakter.",
        "objection.invalid_decision": "Pilih keputusan: terima atau tolak keberatan.",
        "campaign.overlap": "Kampanye lain yang sedang dibuka mencakup instansi yang sama; tutup kampanye itu terlebih dahulu.",
        "campaign.not_closed": "Rencana hanya dapat disusun dari kampanye yang sudah ditutup.",
        "campaign.not_found": "Kampanye tidak ditemukan.",
        "campaign.invalid_period": "Tanggal ditutup harus sesudah tanggal dibuka.",
        "campaign.invalid_answer_deadline": "Batas tanggapan tidak boleh sebelum tanggal ditutup.",
        "name.required": "Nama wajib diisi.",
        "name.too_long": "Nama terlalu panjang (paling banyak 200 karakter).",
        "decree.effective_date_past": "TMT tidak boleh di masa lalu.",
        "decree.invalid_signed_on": "Tanggal tanda tangan harus antara tanggal terbit dan hari ini.",
        "decree.invalid_reason": "Alasan pembatalan harus berisi 10 sampai 1.000 karakter.",
        "idempotency.key_reused": "Formulir ini sudah dikirim untuk langkah lain. Muat ulang halaman lalu coba lagi.",
    ]

    /// A date from a form: `YYYY-MM-DD`.
    static func date(_ form: WebForm, _ name: String) throws -> CalendarDate {
        do { return try CalendarDate(iso: text(form, name), field: name) } catch {
            throw DomainError.invalid("web.date_invalid", "Tanggal pada kolom \(fieldNames[name] ?? name) tidak valid; tulis seperti 2026-12-31.",
                                      field: name)
        }
    }

    /// A moment from a form, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM` (also with a space), read as UTC.
    static func moment(_ form: WebForm, _ name: String) throws -> Date {
        let raw = text(form, name).replacingOccurrences(of: " ", with: "T")
        let parts = raw.split(separator: "T", maxSplits: 1).map(String.init)
        guard let day = parts.first, let date = try? CalendarDate(iso: day) else {
            throw DomainError.invalid("web.date_invalid",
                                      "Waktu pada kolom \(fieldNames[name] ?? name) tidak valid; tulis seperti 2026-12-31 atau 2026-12-31 17:00.",
                                      field: name)
        }
        var seconds = 0
        if parts.count == 2 {
            let clock = parts[1].split(separator: ":").map { Int($0) }
            guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }), let h = clock[0], let m = clock[1],
                  (0...23).contains(h), (0...59).contains(m), clock.count == 2 || (0...59).contains(clock[2]!) else {
                throw DomainError.invalid("web.date_invalid",
                                          "Jam pada kolom \(fieldNames[name] ?? name) tidak valid; tulis seperti 17:00.", field: name)
            }
            seconds = h * 3600 + m * 60 + (clock.count == 3 ? clock[2]! : 0)
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let start = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day)) else {
            throw DomainError.invalid("web.date_invalid", "Tanggal tidak valid.", field: name)
        }
        return start.addingTimeInterval(TimeInterval(seconds))
    }

    /// The UTC calendar day of an instant.
    static func day(_ date: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (try? CalendarDate(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1))
            ?? (try! CalendarDate(year: 2000, month: 1, day: 1))
    }

    /// `29 November 2026 17.00 UTC` (midnight shows the day alone).
    static func when(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        let (h, m) = (parts.hour ?? 0, parts.minute ?? 0)
        let dayText = IndonesianFormat.date(day(date))
        if h == 0 && m == 0 { return dayText }
        return dayText + " " + String(format: "%02d.%02d", h, m) + " UTC"
    }

    /// A moment as a form field shows it: `2026-12-31 17:00`.
    static func field(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return day(date).iso + String(format: " %02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
    }

    /// Links to the pages of a list of `total` items, `size` a page (none when one page holds all).
    static func pager(path: String, query: String = "", number: Int, total: Int, size: Int) -> HTML {
        let pages = max(1, (total + size - 1) / size)
        guard pages > 1 else { return .empty }
        let join = query.isEmpty ? "?" : "?\(query)&"
        let previous: HTML = number > 1 ? "<a href=\"\(path)\(join)halaman=\(number - 1)\" rel=\"prev\">← Sebelumnya</a>" : .empty
        let next: HTML = number < pages ? "<a href=\"\(path)\(join)halaman=\(number + 1)\" rel=\"next\">Berikutnya →</a>" : .empty
        return """
            <nav class="pager" aria-label="Halaman daftar">\(previous) <span>Halaman \(number) dari \(pages)</span> \(next)</nav>
            """
    }
}

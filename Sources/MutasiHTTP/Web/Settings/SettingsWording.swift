import Foundation
import MutasiDomain

/// The settings' fields and refusals in Bahasa Indonesia. Fields are named as the API names them
/// (the form fields carry the same names), so a service's `field` finds its label here.
enum SettingsWording {
    static let labels: [String: String] = [
        "effectiveWorkingMinutes": "Waktu kerja efektif (menit per tahun)",
        "rounding": "Pembulatan kebutuhan pegawai",
        "efficiencyThresholds": "Batas efisiensi jabatan",
        "efficiencyThresholds.a": "Batas bawah EJ A", "efficiencyThresholds.b": "Batas bawah EJ B",
        "efficiencyThresholds.c": "Batas bawah EJ C", "efficiencyThresholds.d": "Batas bawah EJ D",
        "horizonMonths": "Cakrawala perencanaan (bulan)", "minMonthsInPosition": "Masa minimal di jabatan (bulan)",
        "minPerformance": "Nilai kinerja minimal", "maxTrainableGap": "Selisih kompetensi terbesar yang dapat dilatih",
        "scope": "Jangkauan mutasi", "mode": "Mode rencana", "fitWeight": "Bobot kesesuaian jabatan",
        "wishBonus": "Bonus keinginan pegawai", "wishStep": "Pengurang bonus per urutan pilihan",
        "compulsoryCost": "Biaya mutasi wajib", "stayCost": "Biaya tetap di tempat bagi yang ingin pindah",
        "ignoredWishCost": "Biaya keinginan yang diabaikan",
        "numberPattern": "Pola nomor SK", "perAgency": "Satu SK untuk", "regionHead": "Kepala daerah (judul SK)",
        "placeOfSigning": "Tempat penetapan", "considerations": "Menimbang", "legalBases": "Mengingat",
        "signatoryName": "Nama penanda tangan", "signatoryTitle": "Jabatan penanda tangan",
        "signatoryNIP": "NIP penanda tangan", "copies": "Tembusan",
        "pointRules.perYearInPost": "Poin per tahun di jabatan", "pointRules.yearsInPostCap": "Tahun di jabatan yang dihitung",
        "pointRules.familyReunion": "Poin alasan berkumpul dengan keluarga", "pointRules.health": "Poin alasan kesehatan",
        "pointRules.remoteService": "Poin pengabdian di daerah terpencil",
        "name": "Nama kampanye", "opensAt": "Dibuka", "closesAt": "Ditutup", "answerDeadline": "Batas tanggapan",
        "agencyIDs": "Cakupan instansi",
    ]

    /// The allowed range of a plan policy field, as the model checks it.
    static let planRanges: [String: String] = [
        "horizonMonths": "0 sampai 600", "minMonthsInPosition": "0 sampai 600", "minPerformance": "1 sampai 5",
        "maxTrainableGap": "0 sampai 20",
    ]

    static func label(_ field: String) -> String {
        if let known = labels[field] { return known }
        if field.hasPrefix("agencyIDs[") { return "Cakupan instansi" }
        return field
    }

    /// A refusal of a settings or campaign form, worded for people; the status is the API's.
    static func refusal(_ error: DomainError) -> WebStep.Refusal {
        WebStep.Refusal(status: Problem.status(for: error.kind), message: message(error))
    }

    static func message(_ error: DomainError) -> String {
        let field = error.field.map(label) ?? ""
        switch error.code {
        case let code where code.hasPrefix("web."): return error.message
        case "needs.invalid_effective_time": return "\(field): isi bilangan bulat menit lebih dari 0, mis. 75000."
        case "needs_settings.invalid_rounding": return "\(field): pilih ke atas, ke terdekat, atau ke bawah."
        case "policy.invalid":
            let range = error.field.flatMap { planRanges[$0] } ?? "0 sampai \(IndonesianFormat.number(PlanPolicy.maxWeight))"
            return "\(field): isi angka \(range)."
        case "decree_settings.seq_required": return "\(field): wajib memuat {seq} (nomor urut SK dalam tahun)."
        case "decree_settings.unknown_token": return "\(field): hanya penanda {seq}, {year}, {month} dan {agency} yang dikenal."
        case "decree_settings.agency_token": return "\(field): {agency} hanya dapat dipakai bila satu SK dibuat per instansi."
        case "decree_settings.invalid_pattern":
            return "\(field): isi 1 sampai 120 karakter dalam satu baris, setiap { berpasangan dengan }."
        case "decree_settings.invalid_text":
            return "\(field): isi \(error.field == "signatoryName" ? 0 : 1) sampai 200 karakter dalam satu baris."
        case "decree_settings.invalid_list":
            return "\(field): isi \(error.field == "copies" ? 0 : 1) sampai 20 baris, tiap baris paling banyak 1.000 karakter."
        case "decree_settings.invalid_nip": return "\(field): isi 18 angka, atau kosongkan."
        case "campaign.invalid_point_rule":
            let max = error.field == "pointRules.perYearInPost" ? PointRules.maxPerYear
                : error.field == "pointRules.yearsInPostCap" ? PointRules.maxYears : PointRules.maxReasonPoints
            return "\(field): isi angka 0 sampai \(max)."
        case "agency.not_found": return "Cakupan instansi: instansi tidak ditemukan; muat ulang halaman lalu pilih lagi."
        default:
            if error.kind == .invalid, error.field != nil, WebStep.messages[error.code] == nil {
                return "Isian tidak valid: periksa kolom \(field)."
            }
            return WebStep.message(error)
        }
    }

    /// A whole number typed into a form (dots and spaces as thousands separators allowed), or a
    /// refusal naming the field; at most 9 digits, so the conversion cannot overflow.
    static func integer(_ form: WebForm, _ name: String, field: String? = nil) throws -> Int {
        let field = field ?? name
        var text = WebStep.text(form, name).replacingOccurrences(of: ".", with: "").replacingOccurrences(of: " ", with: "")
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        guard (1...9).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(text) else {
            throw DomainError.invalid("web.number_invalid", "\(label(field)): isi bilangan bulat, mis. 120.", field: field)
        }
        return negative ? -value : value
    }

    /// The non-empty lines of a text area, trimmed.
    static func lines(_ form: WebForm, _ name: String) -> [String] {
        (form[name] ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

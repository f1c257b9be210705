import Foundation
import MutasiDomain

/// The forms of a campaign as a CSV file (UTF-8 with BOM, `;`) or an .xlsx workbook of text
/// cells, headers in Bahasa Indonesia, units by code, one column per rank; formulas neutralised
/// by `CSV.write` (an .xlsx cell is never a formula).
enum PreferenceFormCSV {
    static let header = ["nip", "nama", "keinginan", "pilihan_1", "pilihan_2", "pilihan_3", "pilihan_4", "pilihan_5",
                         "alasan", "tempat_kerja_pasangan", "status_permohonan", "versi", "diperbarui"]

    static func write(_ forms: [PreferenceForm], unitCodes: [UUID: String], format: SheetFormat = .csv) -> Data {
        let formatter = ISO8601DateFormatter()
        let rows = forms.map { f -> [String] in
            let ranked = (0..<PreferenceForm.maxPreferences).map { i in
                i < f.preferences.count ? unitCodes[f.preferences[i]] ?? f.preferences[i].uuidString.lowercased() : ""
            }
            let reasons = f.reasons.map { "\($0.category.rawValue): \($0.text)" }.joined(separator: " | ")
            let spouse = f.spouseWorkplace.map { text in UUID(uuidString: text).flatMap { unitCodes[$0] } ?? text } ?? ""
            return [f.nip, f.employeeName, f.wish.rawValue] + ranked
                + [reasons, spouse, f.requestStatus?.rawValue ?? "", String(f.version), formatter.string(from: f.updatedAt)]
        }
        return format.write(header: header, rows: rows)
    }
}

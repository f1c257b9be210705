import Foundation
import MutasiDomain
import MutasiRepositories

/// The figures of an analysis as a list: total workload, exact and rounded need, current staff,
/// EJ and its grade, and the gap. On the form each figure sits in an `<output>` with an id the
/// script fills in as people type; elsewhere they are the server's.
enum NeedsFiguresBlock {
    static func roundingName(_ rounding: HeadcountRounding) -> String {
        switch rounding {
        case .up: "dibulatkan ke atas"
        case .nearest: "dibulatkan ke terdekat"
        case .down: "dibulatkan ke bawah"
        }
    }

    /// `figures` nil: nothing computed yet (a new form, or one the server refused).
    static func render(_ figures: NeedsFigures?, currentStaff: Int, rounding: HeadcountRounding, live: Bool) -> HTML {
        let dash = "—"
        let total = figures.map { $0.totalWorkloadMinutes.map { NeedsWording.decimal($0.decimal) } ?? dash } ?? dash
        let exact = figures.map { NeedsWording.decimal($0.exactHeadcount.decimal) } ?? dash
        let required = figures.map { IndonesianFormat.number($0.requiredHeadcount) } ?? dash
        let ej = figures.map { $0.efficiency.map { NeedsWording.decimal($0.decimal) } ?? dash } ?? dash
        let grade = figures.map { $0.efficiencyGrade?.rawValue ?? dash } ?? dash
        let gap = figures.map { NeedsWording.gap($0.gap) } ?? dash
        func item(_ id: String, _ label: String, _ value: String) -> HTML {
            let shown: HTML = live ? "<output id=\"\(id)\">\(value)</output>" : "<span id=\"\(id)\">\(value)</span>"
            return "<div><dt>\(label)</dt><dd>\(shown)</dd></div>"
        }
        let status: HTML = live
            ? "<p class=\"hint\" id=\"abk-status\" aria-live=\"polite\">Angka dihitung server saat disimpan.</p>"
            : .empty
        return """
            <section class="abk-figures" aria-labelledby="abk-angka">
            <h2 id="abk-angka">Hasil perhitungan</h2>
            \(status)
            <dl class="totals">
            \(item("abk-beban", "Total beban kerja (menit/tahun)", total))
            \(item("abk-pasti", "Kebutuhan pasti (orang)", exact))
            \(item("abk-butuh", "Kebutuhan pegawai (\(roundingName(rounding)))", required))
            <div><dt>Pegawai saat ini</dt><dd id="abk-pegawai">\(IndonesianFormat.number(currentStaff))</dd></div>
            \(item("abk-ej", "Efisiensi jabatan (EJ)", ej))
            \(item("abk-kelas", "Kelas EJ", grade))
            \(item("abk-selisih", "Selisih kebutuhan dan pegawai", gap))
            </dl>
            </section>
            """
    }
}

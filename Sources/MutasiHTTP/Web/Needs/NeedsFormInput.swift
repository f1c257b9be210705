import Foundation
import MutasiDomain
import MutasiServices

/// What the analysis form holds, as typed: the method, the task rows, the ratio and the year.
/// It goes to the service as `Content`; on a refusal the form shows it again unchanged.
struct NeedsFormInput: Sendable {
    struct Row: Sendable {
        var name = "", volume = "", minutes = ""
        var isBlank: Bool { [name, volume, minutes].allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    var ratio = false
    var rows: [Row] = []
    var driver = "", population = "", perPerson = ""
    var year = ""

    init() {}

    /// The values of a saved analysis.
    init(_ view: NeedsAnalysisView) {
        ratio = view.method == "ratio"
        rows = (view.tasks ?? []).map { Row(name: $0.name, volume: Self.typed($0.volume), minutes: Self.typed($0.standardMinutes)) }
        if let r = view.ratio { driver = r.driver; population = String(r.population); perPerson = Self.typed(r.perPerson) }
        year = String(view.year)
    }

    /// The form's fields: rows `uraian_i`, `volume_i`, `norma_i` (in index order, gaps allowed),
    /// a row whose `hapus_i` is ticked or whose three fields are empty left out.
    init(_ form: WebForm) {
        ratio = form["metode"] == "rasio"
        for i in 0..<NeedsPages.maxIndex where form["uraian_\(i)"] != nil && form["hapus_\(i)"] == nil {
            let row = Row(name: form["uraian_\(i)"] ?? "", volume: form["volume_\(i)"] ?? "", minutes: form["norma_\(i)"] ?? "")
            if !row.isBlank { rows.append(row) }
        }
        driver = form["rasio_penggerak"] ?? ""
        population = form["rasio_populasi"] ?? ""
        perPerson = form["rasio_per_orang"] ?? ""
        year = form["tahun"] ?? ""
    }

    /// Decimals as people type them here: a comma before the fraction (`2,5`).
    static func typed(_ decimal: String) -> String { decimal.replacingOccurrences(of: ".", with: ",") }
    /// And as the service reads them: a point (`2.5`).
    static func plain(_ typed: String) -> String { typed.replacingOccurrences(of: ",", with: ".") }

    /// The content for the service; only the population is checked here, since the service takes
    /// it as a whole number (range-checked by `Int.init`).
    func content() throws -> NeedsAnalysisService.Content {
        if ratio {
            let text = population.trimmingCharacters(in: .whitespaces)
            guard let count = Int(text) else {
                throw DomainError.invalid("web.population_not_integer", "Jumlah yang dilayani harus bilangan bulat.",
                                          field: "ratio.population")
            }
            return .init(ratio: .init(driver: driver, population: count, perPerson: DecimalInput(Self.plain(perPerson))))
        }
        return .init(tasks: rows.map {
            .init(name: $0.name, volume: DecimalInput(Self.plain($0.volume)), standardMinutes: DecimalInput(Self.plain($0.minutes)))
        })
    }

    /// The year of a new analysis (1-4 digits, so it converts without trapping).
    func validYear() throws -> Int {
        let text = year.trimmingCharacters(in: .whitespaces)
        guard (1...4).contains(text.count), text.allSatisfy(\.isASCII), let value = Int(text) else {
            throw DomainError.invalid("web.year_invalid", "Tahun tidak valid.", field: "year")
        }
        return value
    }
}

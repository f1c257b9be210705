import Foundation
import MutasiDomain

/// Reads the cells of one CSV record by column name and collects every problem of the row,
/// each with its line and column.
struct CSVRow {
    let line: Int
    let fields: [String]
    let columns: [String: Int]
    var issues: [ImportIssue] = []

    /// The trimmed cell; empty when the column is absent or the row is short.
    func cell(_ column: String) -> String {
        guard let index = columns[column], index < fields.count else { return "" }
        return FastText.trimmed(fields[index])
    }

    func has(_ column: String) -> Bool { columns[column] != nil }

    /// Reports a required column the file lacks, for a row that creates a record.
    mutating func requireForNew(_ column: String, what: String) {
        guard !has(column) else { return }
        add(column, "csv.missing_column", "\(what) is new, so it needs column \(column), which the file lacks.")
    }

    /// Runs a validation of the cell; a `DomainError` becomes an issue of this row and column.
    mutating func check<T>(_ column: String, _ body: (String) throws -> T) -> T? {
        do {
            return try body(cell(column))
        } catch let error as DomainError {
            add(column, error.code, error.message)
            return nil
        } catch {
            add(column, "csv.invalid_value", "\(error)")
            return nil
        }
    }

    mutating func add(_ column: String?, _ code: String, _ message: String) {
        issues.append(ImportIssue(line: line, column: column, code: code, message: message))
    }

    /// Maps header names (trimmed, lower-cased, spaces as `_`) to their index; reports unknown,
    /// repeated and missing required columns as issues of line 1.
    static func columns(_ header: [String], for file: WorkforceFile) -> ([String: Int], [ImportIssue]) {
        var map: [String: Int] = [:]
        var issues: [ImportIssue] = []
        let known = Set(file.header)
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                .split(whereSeparator: { $0 == " " || $0 == "-" }).joined(separator: "_")
            guard known.contains(name) else {
                issues.append(ImportIssue(line: 1, column: raw, code: "csv.unknown_column",
                                          message: "Unknown column '\(raw)'; the columns are \(file.header.joined(separator: ", "))."))
                continue
            }
            guard map[name] == nil else {
                issues.append(ImportIssue(line: 1, column: name, code: "csv.duplicate_column", message: "Column \(name) appears twice."))
                continue
            }
            map[name] = index
        }
        for name in file.headerRequired where map[name] == nil {
            issues.append(ImportIssue(line: 1, column: name, code: "csv.missing_column", message: "The required column \(name) is missing."))
        }
        var reported = Set<String>()
        for (column, needs) in file.companions where map[column] != nil {
            for name in needs where map[name] == nil && reported.insert(name).inserted {
                issues.append(ImportIssue(line: 1, column: name, code: "csv.missing_column", message:
                    "Column \(column) needs column \(name) beside it; leave out both to keep what is stored."))
            }
        }
        return (map, issues)
    }
}

/// Cell formats of the CSV files.
enum CSVValue {
    /// `YYYY-MM-DD`, or `DD-MM-YYYY` / `DD/MM/YYYY` as Indonesian spreadsheets write dates.
    /// Throws `date.invalid_format` or `date.invalid`.
    static func date(_ raw: String, field: String) throws -> CalendarDate {
        let b = Array(raw.utf8)
        if b.count == 10, b[4] == 0x2D, b[7] == 0x2D,
           let year = Int(raw.prefix(4)), let month = Int(raw.dropFirst(5).prefix(2)), let day = Int(raw.suffix(2)) {
            return try CalendarDate(year: year, month: month, day: day, field: field)
        }
        let parts = raw.split(whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." }).map(String.init)
        if parts.count == 3, parts[0].count <= 2, parts[2].count == 4,
           let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) {
            return try CalendarDate(year: year, month: month, day: day, field: field)
        }
        return try CalendarDate(iso: raw, field: field)
    }

    static func optionalDate(_ raw: String, field: String) throws -> CalendarDate? {
        raw.isEmpty ? nil : try date(raw, field: field)
    }

    /// `ya`/`tidak` (also y, t, true, false, 1, 0); empty is `tidak`. Throws `csv.invalid_boolean`.
    static func flag(_ raw: String, field: String) throws -> Bool {
        switch raw.lowercased() {
        case "", "tidak", "t", "n", "no", "false", "0": return false
        case "ya", "y", "yes", "true", "1": return true
        default:
            throw DomainError.invalid("csv.invalid_boolean", "Write ya or tidak; got '\(raw)'.", field: field)
        }
    }

    /// An employee number as spreadsheets leave it: `="19850315..."` and a leading apostrophe
    /// (both ways of keeping it text) are unwrapped.
    static func number(_ raw: String) -> String {
        var text = raw
        if text.hasPrefix("=\""), text.hasSuffix("\""), text.count >= 3 { text = String(text.dropFirst(2).dropLast()) }
        if text.hasPrefix("'") { text = String(text.dropFirst()) }
        return text
    }

    /// A list written `A|B|C`.
    static func list(_ raw: String) -> [String] {
        raw.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

import Foundation
import MutasiDomain
import MutasiSpreadsheet

/// The file formats of imports and exports: CSV (UTF-8 with BOM, `;`) or an .xlsx workbook whose
/// cells are all text, so Excel keeps an 18-digit NIP and a code like `91.10` exactly.
public enum SheetFormat: String, Sendable, CaseIterable, Codable {
    case csv, xlsx

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .xlsx: XLSXWriter.contentType
        }
    }

    public var fileExtension: String { rawValue }

    /// The format a file name's extension names (`.csv`, `.xlsx`), if any.
    public init?(fileName: String) {
        let lower = fileName.lowercased()
        if lower.hasSuffix(".xlsx") { self = .xlsx } else if lower.hasSuffix(".csv") { self = .csv } else { return nil }
    }

    /// A header row and rows of text in this format; a cell that is an id is written in lower case.
    public func write(header: [String], rows: [[String]]) -> Data {
        let rows = rows.map { $0.map(LowercaseIDs.text) }
        return switch self {
        case .csv: CSV.write(header: header, rows: rows)
        case .xlsx: XLSXWriter.write(header: header, rows: rows)
        }
    }
}

/// An .xlsx upload read into the records the CSV parser yields, so both share the importer.
enum XLSXDocument {
    /// The inflated parts of a workbook may not exceed the upload limit of imports.
    static let maxContentBytes = 64 * 1024 * 1024

    /// Throws `xlsx.invalid` (400) for a file that is no ZIP archive or no workbook,
    /// `xlsx.too_large` (413) when its parts expand past `limit`, and `csv.empty` when the
    /// first worksheet has no header row.
    static func parse(_ bytes: [UInt8], limit: Int = maxContentBytes) throws -> CSV.Document {
        let rows: [XLSXReader.Row]
        do {
            rows = try XLSXReader.read(bytes, limit: limit)
        } catch .tooLarge {
            throw DomainError(.payloadTooLarge, code: "xlsx.too_large",
                              "The workbook expands past \(limit / 1024 / 1024) MiB; split it.", field: "file")
        } catch .invalid(let why) {
            throw DomainError.invalid("xlsx.invalid", "The file is not a readable .xlsx workbook: \(why).", field: "file")
        }
        guard let first = rows.first else {
            throw DomainError.invalid("csv.empty", "The first worksheet has no header row.", field: "line 1")
        }
        let records = rows.dropFirst()
            .filter { !$0.fields.allSatisfy { FastText.trimmed($0).isEmpty } }
            .map { CSV.Record(line: $0.line, fields: $0.fields) }
        return CSV.Document(separator: UInt8(ascii: ","), header: first.fields, records: records)
    }
}

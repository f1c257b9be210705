import Foundation
import MutasiDomain

/// CSV as spreadsheet users produce it: UTF-8 with or without a byte-order mark, `;` or `,`
/// between fields (whichever the header line uses more, outside quotes), fields in double quotes
/// may hold separators, line breaks and doubled quotes, lines end in LF or CRLF.
public enum CSV {
    /// One record and the (1-based) line of the file on which it starts.
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public struct Document: Sendable {
        public var separator: UInt8
        public var header: [String]
        /// Records after the header; rows whose fields are all empty are left out.
        public var records: [Record]
    }

    static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    /// Parses a whole file. Throws `csv.empty`, `csv.not_utf8`, `csv.nul_character` or
    /// `csv.unterminated_quote` (field `line N`).
    public static func parse(_ bytes: [UInt8]) throws -> Document {
        var start = 0
        if bytes.starts(with: bom) { start = 3 }
        return try bytes.withUnsafeBufferPointer { all in
            let body = UnsafeBufferPointer(rebasing: all[start...])
            guard String(validating: body, as: UTF8.self) != nil else {
                throw DomainError.invalid(
                    "csv.not_utf8", "The file is not UTF-8 text. In Excel choose 'CSV UTF-8 (Comma delimited)' when saving.",
                    field: "line 1")
            }
            // U+0000 is valid UTF-8 but no text PostgreSQL stores: named by its line, not a 500.
            if let nul = body.firstIndex(of: 0) {
                let line = body[..<nul].reduce(1) { $0 + ($1 == lf ? 1 : 0) }
                throw DomainError.invalid(
                    "csv.nul_character", "Line \(line) holds the NUL character (U+0000), which no cell may contain.",
                    field: "line \(line)")
            }
            let separator = detectSeparator(body)
            var rows = try records(body, separator: separator)
            guard !rows.isEmpty else { throw DomainError.invalid("csv.empty", "The file has no header line.", field: "line 1") }
            let header = rows.removeFirst().fields
            rows.removeAll { $0.fields.allSatisfy { FastText.trimmed($0).isEmpty } }
            return Document(separator: separator, header: header, records: rows)
        }
    }

    /// `;` when the first line holds more semicolons than commas outside quotes, else `,`.
    static func detectSeparator(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
        var (semicolons, commas, quoted) = (0, 0, false)
        for byte in bytes {
            if byte == quote { quoted.toggle() }
            if quoted { continue }
            if byte == lf { break }
            if byte == UInt8(ascii: ";") { semicolons += 1 }
            if byte == UInt8(ascii: ",") { commas += 1 }
        }
        return semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    static func records(_ bytes: UnsafeBufferPointer<UInt8>, separator: UInt8) throws -> [Record] {
        var result: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(256)
        var line = 1, recordLine = 1
        var quoted = false, wasQuoted = false, quoteLine = 1
        var i = 0
        let n = bytes.count
        func endField() {
            if FormulaGuard.isEscaped(field) { field.removeFirst() }
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while i < n {
            let byte = bytes[i]
            if quoted {
                if byte == quote {
                    if i + 1 < n && bytes[i + 1] == quote {
                        field.append(quote)
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    if byte == lf { line += 1 }
                    field.append(byte)
                }
                i += 1
                continue
            }
            switch byte {
            case quote where field.allSatisfy({ $0 == UInt8(ascii: " ") }) && !wasQuoted:
                field.removeAll(keepingCapacity: true)
                quoted = true
                wasQuoted = true
                quoteLine = line
            case separator:
                endField()
            case cr where i + 1 < n && bytes[i + 1] == lf:
                break
            case lf, cr:
                endField()
                result.append(Record(line: recordLine, fields: fields))
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
            default:
                field.append(byte)
            }
            i += 1
        }
        if quoted {
            throw DomainError.invalid(
                "csv.unterminated_quote", "A quoted field that starts on line \(quoteLine) never ends: a closing \" is missing.",
                field: "line \(quoteLine)")
        }
        if !field.isEmpty || !fields.isEmpty {
            endField()
            result.append(Record(line: recordLine, fields: fields))
        }
        return result
    }

    /// Writes a file as Indonesian Excel opens it: UTF-8 with a byte-order mark, `;` between
    /// fields, CRLF line ends, fields quoted when they hold `;`, `"`, line breaks or edge spaces.
    /// A cell a spreadsheet would read as a formula is written as text (see `FormulaGuard`).
    public static func write(header: [String], rows: [[String]]) -> Data {
        var out = Data(bom)
        out.reserveCapacity(rows.count * 160 + 256)
        func append(_ row: [String]) {
            var first = true
            for value in row {
                let field = FormulaGuard.escape(value)
                if !first { out.append(UInt8(ascii: ";")) }
                first = false
                let needsQuotes = field.contains { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "," }
                    || field.first == " " || field.last == " "
                if needsQuotes {
                    out.append(quote)
                    out.append(contentsOf: Data(field.replacingOccurrences(of: "\"", with: "\"\"").utf8))
                    out.append(quote)
                } else {
                    out.append(contentsOf: Data(field.utf8))
                }
            }
            out.append(contentsOf: [cr, lf])
        }
        append(header)
        rows.forEach(append)
        return out
    }
}

/// Keeps spreadsheet programs from running cell text as a formula (CSV injection): a cell that
/// starts with `=`, `+`, `-`, `@`, tab or carriage return is written with a leading apostrophe,
/// which Excel and LibreOffice take as "this is text" and do not show. Cells that start with
/// apostrophes before such a character get one more, so reading drops exactly one and every
/// text comes back as it was.
enum FormulaGuard {
    static func isTrigger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "@")
            || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// Apostrophes, then a trigger: the shape that `escape` prefixes (and that reading unwraps
    /// when it starts with an apostrophe).
    static func needsGuard<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        guard let first = bytes.first(where: { $0 != UInt8(ascii: "'") }) else { return false }
        return isTrigger(first)
    }

    static func escape(_ text: String) -> String {
        needsGuard(text.utf8) ? "'" + text : text
    }

    /// Whether a cell read from a file is a guarded one (an apostrophe to drop).
    static func isEscaped(_ bytes: [UInt8]) -> Bool {
        bytes.first == UInt8(ascii: "'") && needsGuard(bytes.dropFirst())
    }
}

/// Reads the first worksheet of an .xlsx workbook as rows of text, the way the CSV parser yields
/// them, so imports share one path: shared and inline strings as written, numbers, booleans and
/// formula results as the text stored in the file (dates and over-long integers as `CellNumber`
/// shows them). Cells a row leaves out are empty.
public enum XLSXReader {
    /// One row and its (1-based) row number in the sheet.
    public struct Row: Sendable, Equatable {
        public var line: Int
        public var fields: [String]
    }

    public enum Failure: Error, Equatable {
        /// Not a ZIP archive or not a workbook; the text says what is wrong, for people.
        case invalid(String)
        /// The parts expand past the limit.
        case tooLarge
    }

    /// Excel's last column (XFD); cells beyond it are refused.
    static let maxColumns = 16_384
    /// Cells all rows may hold together, the empty ones before a filled cell included, so a
    /// small sheet of far-apart cells cannot fill memory with padding.
    static let maxCells = 4_000_000

    /// Rows of the first worksheet, in sheet order. `limit` caps the inflated size of all
    /// parts read together.
    public static func read(_ bytes: [UInt8], limit: Int) throws(Failure) -> [Row] {
        do {
            var zip = try ZipReader(bytes, limit: limit)
            guard zip.has("xl/workbook.xml") || zip.has("[Content_Types].xml") else {
                throw Failure.invalid("the archive holds no workbook (xl/workbook.xml)")
            }
            let targets = try relationships(&zip)
            let (first, date1904) = try firstSheet(&zip, targets)
            let sheetPath = first ?? "xl/worksheets/sheet1.xml"
            guard let sheet = try zip.read(sheetPath) else { throw Failure.invalid("the workbook has no worksheet \(sheetPath)") }
            let stringsPath = targets.first { $0.type.hasSuffix("/sharedStrings") }?.path ?? "xl/sharedStrings.xml"
            let shared = try zip.read(stringsPath).map(sharedStrings) ?? []
            let stylesPath = targets.first { $0.type.hasSuffix("/styles") }?.path ?? "xl/styles.xml"
            let dates = try zip.read(stylesPath).map(dateStyles) ?? []
            return try rows(sheet, shared: shared, dateStyles: dates, date1904: date1904)
        } catch let failure as Failure {
            throw failure
        } catch ZipReader.Failure.tooLarge {
            throw .tooLarge
        } catch ZipReader.Failure.invalid(let why) {
            throw .invalid(why)
        } catch {
            throw .invalid("malformed XML")
        }
    }

    struct Target { var id: String, type: String, path: String }

    /// The workbook's relationships, targets resolved to archive paths.
    static func relationships(_ zip: inout ZipReader) throws -> [Target] {
        guard let data = try zip.read("xl/_rels/workbook.xml.rels") else { return [] }
        var scanner = XMLScanner(data)
        var result: [Target] = []
        while let token = try scanner.next() {
            guard case .start("Relationship", let a, _) = token, let id = a["Id"], let target = a["Target"] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            result.append(Target(id: id, type: a["Type"] ?? "", path: path))
        }
        return result
    }

    /// The path of the first `<sheet>` the workbook lists, and whether its dates count from 1904.
    static func firstSheet(_ zip: inout ZipReader, _ targets: [Target]) throws -> (String?, Bool) {
        guard let data = try zip.read("xl/workbook.xml") else { return (nil, false) }
        var scanner = XMLScanner(data)
        var date1904 = false
        while let token = try scanner.next() {
            if case .start("workbookPr", let a, _) = token { date1904 = a["date1904"] == "1" || a["date1904"] == "true" }
            guard case .start("sheet", let a, _) = token else { continue }
            return (a["id"].flatMap { id in targets.first { $0.id == id }?.path }, date1904)
        }
        return (nil, date1904)
    }

    /// For each cell style (`<cellXfs>` in order), whether its number format shows a date.
    static func dateStyles(_ data: [UInt8]) throws -> [Bool] {
        var scanner = XMLScanner(data)
        var custom: [Int: Bool] = [:]
        var result: [Bool] = []
        var inCellXfs = false
        while let token = try scanner.next() {
            switch token {
            case .start("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }) { custom[id] = CellNumber.isDateFormat(a["formatCode"] ?? "") }
            case .start("cellXfs", _, let closed): inCellXfs = !closed
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let a, _) where inCellXfs:
                let id = a["numFmtId"].flatMap { Int($0) } ?? 0
                result.append(custom[id] ?? CellNumber.builtInDates.contains(id))
            default: break
            }
        }
        return result
    }

    /// The text of each `<si>`: its `<t>` runs joined, phonetic runs (`<rPh>`) left out.
    static func sharedStrings(_ data: [UInt8]) throws -> [String] {
        var scanner = XMLScanner(data)
        var result: [String] = []
        var current: [UInt8] = []
        var inText = false, phonetic = false
        while let token = try scanner.next() {
            switch token {
            case .start("si", _, let closed):
                current.removeAll(keepingCapacity: true)
                if closed { result.append("") }
            case .end("si"): result.append(String(decoding: current, as: UTF8.self))
            case .start("rPh", _, let closed): phonetic = !closed
            case .end("rPh"): phonetic = false
            case .start("t", _, let closed): inText = !closed
            case .end("t"): inText = false
            case .text(let text) where inText && !phonetic: current += text
            default: break
            }
        }
        return result
    }

    static func rows(_ data: [UInt8], shared: [String], dateStyles: [Bool] = [], date1904: Bool = false) throws -> [Row] {
        var scanner = XMLScanner(data)
        var result: [Row] = []
        var row: Row?
        var column = 0
        var type = "", style = 0, value: [UInt8] = [], inline: [UInt8] = []
        var inValue = false, inText = false, phonetic = false, inCell = false
        var cells = 0
        func finishCell() throws(Failure) {
            let text: String
            switch type {
            case "s":
                let index = Int(trimmed(String(decoding: value, as: UTF8.self)))
                guard let index, index >= 0, index < shared.count else { throw .invalid("a cell refers to a missing shared string") }
                text = shared[index]
            case "inlineStr": text = String(decoding: inline, as: UTF8.self)
            case "n":
                let isDate = style >= 0 && style < dateStyles.count && dateStyles[style]
                text = CellNumber.text(String(trimmed(String(decoding: value, as: UTF8.self))), isDate: isDate, date1904: date1904)
            default: text = String(decoding: value, as: UTF8.self)
            }
            guard column < maxColumns else { throw .invalid("a cell lies beyond column XFD") }
            if !text.isEmpty {
                cells += column + 1 - row!.fields.count
                guard cells <= maxCells else { throw .invalid("the sheet holds more than \(maxCells) cells") }
                while row!.fields.count < column { row!.fields.append("") }
                row!.fields.append(text)
            }
            column += 1
        }
        while let token = try scanner.next() {
            switch token {
            case .start("row", let a, let closed):
                let number = a["r"].flatMap { Int($0) } ?? ((result.last?.line ?? 0) + 1)
                guard number >= 1, number <= 1_048_576 else { throw Failure.invalid("a row number is out of range") }
                row = Row(line: number, fields: [])
                column = 0
                if closed { result.append(row!); row = nil }
            case .end("row"):
                if let row { result.append(row) }
                row = nil
            case .start("c", let a, let closed) where row != nil:
                if let reference = a["r"] {
                    guard let index = columnIndex(reference) else { throw Failure.invalid("a cell reference \(reference) is malformed") }
                    column = index
                }
                type = a["t"] ?? "n"
                style = a["s"].flatMap { Int($0) } ?? 0
                value.removeAll(keepingCapacity: true)
                inline.removeAll(keepingCapacity: true)
                inCell = !closed
                if closed { try finishCell() }
            case .end("c") where inCell:
                inCell = false
                try finishCell()
            case .start("v", _, let closed): inValue = !closed && inCell
            case .end("v"): inValue = false
            case .start("rPh", _, let closed): phonetic = !closed
            case .end("rPh"): phonetic = false
            case .start("t", _, let closed): inText = !closed && inCell
            case .end("t"): inText = false
            case .text(let text):
                if inValue { value += text } else if inText && !phonetic { inline += text }
            default: break
            }
        }
        return result
    }

    /// `B3` -> 1 (zero-based column); nil unless letters are followed by digits.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
            guard letters <= 3 else { return nil }
        }
        guard letters > 0, reference.unicodeScalars.count > letters else { return nil }
        return index - 1
    }
}

/// Text without surrounding whitespace.
func trimmed(_ text: String) -> Substring {
    var s = text[...]
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return s
}

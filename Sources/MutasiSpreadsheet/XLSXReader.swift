/// Reads the first worksheet of an .xlsx workbook as rows of text, the way the CSV parser yields
/// them, so imports share one path: shared and inline strings as written, numbers, booleans and
/// formula results as the text stored in the file. Cells a row leaves out are empty.
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

    /// Rows of the first worksheet, in sheet order. `limit` caps the inflated size of all
    /// parts read together.
    public static func read(_ bytes: [UInt8], limit: Int) throws(Failure) -> [Row] {
        do {
            var zip = try ZipReader(bytes, limit: limit)
            guard zip.has("xl/workbook.xml") || zip.has("[Content_Types].xml") else {
                throw Failure.invalid("the archive holds no workbook (xl/workbook.xml)")
            }
            let targets = try relationships(&zip)
            let sheetPath = try firstSheet(&zip, targets) ?? "xl/worksheets/sheet1.xml"
            guard let sheet = try zip.read(sheetPath) else { throw Failure.invalid("the workbook has no worksheet \(sheetPath)") }
            let stringsPath = targets.first { $0.type.hasSuffix("/sharedStrings") }?.path ?? "xl/sharedStrings.xml"
            let shared = try zip.read(stringsPath).map(sharedStrings) ?? []
            return try rows(sheet, shared: shared)
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

    /// The path of the first `<sheet>` the workbook lists.
    static func firstSheet(_ zip: inout ZipReader, _ targets: [Target]) throws -> String? {
        guard let data = try zip.read("xl/workbook.xml") else { return nil }
        var scanner = XMLScanner(data)
        while let token = try scanner.next() {
            guard case .start("sheet", let a, _) = token else { continue }
            return a["id"].flatMap { id in targets.first { $0.id == id }?.path }
        }
        return nil
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

    static func rows(_ data: [UInt8], shared: [String]) throws -> [Row] {
        var scanner = XMLScanner(data)
        var result: [Row] = []
        var row: Row?
        var column = 0
        var type = "", value: [UInt8] = [], inline: [UInt8] = []
        var inValue = false, inText = false, phonetic = false, inCell = false
        func finishCell() throws(Failure) {
            let text: String
            switch type {
            case "s":
                let index = Int(trimmed(String(decoding: value, as: UTF8.self)))
                guard let index, index >= 0, index < shared.count else { throw .invalid("a cell refers to a missing shared string") }
                text = shared[index]
            case "inlineStr": text = String(decoding: inline, as: UTF8.self)
            default: text = String(decoding: value, as: UTF8.self)
            }
            guard column < maxColumns else { throw .invalid("a cell lies beyond column XFD") }
            if !text.isEmpty {
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

/// A strict JSON (RFC 8259) reader over UTF-8 bytes that decoders drive value by value.
///
/// Decoding straight into values, without an intermediate tree, keeps a 100,000-employee file
/// to a fraction of a second; and every error knows its byte offset, reported as line and
/// column, which Foundation's decoders do not give on Linux.
struct JSONScanner {
    enum Kind: String {
        case object = "an object", array = "an array", string = "a string", number = "a number"
        case bool = "a boolean", null = "null"
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Errors

    /// Line and column (1-based; the column counts characters) of a byte offset.
    func position(of offset: Int) -> String {
        var line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart..<min(offset, bytes.count) where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return "line \(line), column \(column)"
    }

    func malformed(_ detail: String, at offset: Int? = nil) -> PlanningInputError {
        let at = offset ?? self.offset
        let found = at < bytes.count ? "" : " (end of input)"
        return PlanningInputError(
            "json.malformed", record: "document", field: "",
            "malformed JSON at \(position(of: at))\(found): \(detail)")
    }

    // MARK: Structure

    mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x0A, 0x0D, 0x09: offset += 1
            default: return
            }
        }
    }

    /// The kind of the next value, after skipping whitespace.
    mutating func peekKind() throws -> Kind {
        skipWhitespace()
        guard offset < bytes.count else { throw malformed("a value is missing") }
        switch bytes[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw malformed("unexpected character \(describe(bytes[offset]))")
        }
    }

    /// Reads `{ "key": value, ... }`, handing each key to `member`, which must read the value.
    mutating func readObject(_ member: (inout JSONScanner, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return }
        while true {
            skipWhitespace()
            guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else {
                throw malformed("expected a member name in quotes")
            }
            let key = try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "}")) { return }
            throw malformed("expected ',' or '}' after a member")
        }
    }

    /// Reads `[ value, ... ]`, calling `element` with each index; it must read the value.
    mutating func readArray(_ element: (inout JSONScanner, Int) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return }
        var index = 0
        while true {
            try element(&self, index)
            index += 1
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            if consume(UInt8(ascii: "]")) { return }
            throw malformed("expected ',' or ']' after an element")
        }
    }

    /// Requires that only whitespace is left.
    mutating func expectEnd() throws {
        skipWhitespace()
        if offset < bytes.count { throw malformed("unexpected text after the end of the document") }
    }

    /// Reads and checks any value, keeping nothing.
    mutating func skipValue() throws {
        switch try peekKind() {
        case .object: try readObject { scanner, _ in try scanner.skipValue() }
        case .array: try readArray { scanner, _ in try scanner.skipValue() }
        case .string: _ = try readString()
        case .number: _ = try readNumber()
        case .bool: _ = try readBool()
        case .null: try readNull()
        }
    }

    // MARK: Scalars

    mutating func readNull() throws {
        try expectLiteral("null")
    }

    mutating func readBool() throws -> Bool {
        skipWhitespace()
        if offset < bytes.count && bytes[offset] == UInt8(ascii: "t") {
            try expectLiteral("true")
            return true
        }
        try expectLiteral("false")
        return false
    }

    /// Reads a number; `integer` is its value when it is an integer that fits in `Int`.
    mutating func readNumber() throws -> (integer: Int?, isInteger: Bool) {
        skipWhitespace()
        let negative = consume(UInt8(ascii: "-"))
        let digitsStart = offset
        var value = 0, overflow = false
        while offset < bytes.count, case let d = bytes[offset], d >= 0x30 && d <= 0x39 {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.subtractingReportingOverflow(Int(d - 0x30))  // negative accumulation
            overflow = overflow || o1 || o2
            value = plus
            offset += 1
        }
        if offset == digitsStart { throw malformed("expected a digit", at: offset) }
        if bytes[digitsStart] == 0x30 && offset - digitsStart > 1 {
            throw malformed("a number must not start with 0", at: digitsStart)
        }
        var isInteger = true
        if consume(UInt8(ascii: ".")) {
            isInteger = false
            try readDigits()
        }
        if offset < bytes.count && (bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E")) {
            offset += 1
            isInteger = false
            if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
            try readDigits()
        }
        if !isInteger || overflow { return (nil, isInteger) }
        if negative { return (value, true) }
        let (positive, o) = (0).subtractingReportingOverflow(value)
        return (o ? nil : positive, true)
    }

    private mutating func readDigits() throws {
        let start = offset
        while offset < bytes.count && bytes[offset] >= 0x30 && bytes[offset] <= 0x39 { offset += 1 }
        if offset == start { throw malformed("expected a digit") }
    }

    mutating func readString() throws -> String {
        skipWhitespace()
        try expect(UInt8(ascii: "\""))
        let start = offset
        var ascii = true
        while offset < bytes.count {
            let b = bytes[offset]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                offset += 1
                if ascii { return String(decoding: raw, as: UTF8.self) }
                guard let string = String(validating: raw, as: UTF8.self) else {
                    throw malformed("a string is not valid UTF-8", at: start)
                }
                return string
            }
            if b == UInt8(ascii: "\\") { return try readEscapedString(from: start) }
            if b < 0x20 { throw malformed("control character in a string") }
            if b >= 0x80 { ascii = false }
            offset += 1
        }
        throw malformed("a string is not closed", at: start - 1)
    }

    private mutating func readEscapedString(from start: Int) throws -> String {
        var utf8 = Array(bytes[start..<offset])
        while offset < bytes.count {
            let b = bytes[offset]
            offset += 1
            switch b {
            case UInt8(ascii: "\""):
                guard let string = String(validating: utf8, as: UTF8.self) else {
                    throw malformed("a string is not valid UTF-8", at: start)
                }
                return string
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try readHex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard consume(UInt8(ascii: "\\")) && consume(UInt8(ascii: "u")) else {
                            throw malformed("unpaired surrogate in a \\u escape")
                        }
                        let low = try readHex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw malformed("unpaired surrogate in a \\u escape")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw malformed("unpaired surrogate in a \\u escape")
                    }
                    utf8.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
                default:
                    throw malformed("unknown escape \\\(describe(escape))", at: offset - 2)
                }
            default:
                if b < 0x20 { throw malformed("control character in a string", at: offset - 1) }
                utf8.append(b)
            }
        }
        throw malformed("a string is not closed", at: start - 1)
    }

    private mutating func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count, let digit = hexValue(bytes[offset]) else {
                throw malformed("expected four hex digits after \\u")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: return UInt32(b - 0x30)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        default: return nil
        }
    }

    // MARK: Bytes

    private mutating func consume(_ byte: UInt8) -> Bool {
        if offset < bytes.count && bytes[offset] == byte {
            offset += 1
            return true
        }
        return false
    }

    private mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        if !consume(byte) { throw malformed("expected '\(Character(Unicode.Scalar(byte)))'") }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        skipWhitespace()
        let start = offset
        let count = literal.utf8CodeUnitCount
        let matches = offset + count <= bytes.count
            && (0..<count).allSatisfy { bytes[offset + $0] == literal.utf8Start[$0] }
        guard matches else { throw malformed("expected \(literal)", at: start) }
        offset += count
    }

    private func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x" + String(b, radix: 16, uppercase: true)
    }
}

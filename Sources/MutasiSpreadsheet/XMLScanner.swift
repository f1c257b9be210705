/// A small forward scanner over the XML parts of a spreadsheet: start and end tags with their
/// attributes, and the text between them with entities decoded. It reads the well-formed XML
/// that spreadsheet programs write; it is no general XML parser (no DTDs).
struct XMLScanner {
    enum Token {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text([UInt8])
    }

    struct Malformed: Error {}

    let bytes: [UInt8]
    var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func next() throws(Malformed) -> Token? {
        let n = bytes.count
        while position < n {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < n && bytes[position] != UInt8(ascii: "<") { position += 1 }
                return .text(try Self.decode(bytes[start..<position]))
            }
            if starts("<?") { try skip(past: "?>"); continue }
            if starts("<!--") { try skip(past: "-->"); continue }
            if starts("<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>")
                return .text(Array(bytes[start..<position - 3]))
            }
            if starts("<!") { try skip(past: ">"); continue }
            return try tag()
        }
        return nil
    }

    private func starts(_ prefix: StaticString) -> Bool {
        let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        guard position + p.count <= bytes.count else { return false }
        for i in 0..<p.count where bytes[position + i] != p[i] { return false }
        return true
    }

    private mutating func skip(past end: StaticString) throws(Malformed) {
        while position < bytes.count {
            if starts(end) { position += end.utf8CodeUnitCount; return }
            position += 1
        }
        throw Malformed()
    }

    private mutating func tag() throws(Malformed) -> Token {
        position += 1
        let closing = position < bytes.count && bytes[position] == UInt8(ascii: "/")
        if closing { position += 1 }
        let name = localName(word())
        if closing {
            try skip(past: ">")
            return .end(name: name)
        }
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard position < bytes.count else { throw Malformed() }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") { position += 1; return .start(name: name, attributes: attributes, selfClosing: false) }
            if byte == UInt8(ascii: "/") {
                position += 1
                guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else { throw Malformed() }
                position += 1
                return .start(name: name, attributes: attributes, selfClosing: true)
            }
            let key = word()
            guard !key.isEmpty else { throw Malformed() }
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw Malformed() }
            position += 1
            skipSpace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                throw Malformed()
            }
            let quote = bytes[position]
            position += 1
            let start = position
            while position < bytes.count && bytes[position] != quote { position += 1 }
            guard position < bytes.count else { throw Malformed() }
            let value = try Self.decode(bytes[start..<position])
            position += 1
            attributes[localName(key)] = String(decoding: value, as: UTF8.self)
        }
    }

    private mutating func word() -> String {
        let start = position
        while position < bytes.count {
            let b = bytes[position]
            if b == UInt8(ascii: ">") || b == UInt8(ascii: "/") || b == UInt8(ascii: "=") || b <= 0x20 { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func skipSpace() {
        while position < bytes.count && bytes[position] <= 0x20 { position += 1 }
    }

    /// `x:t` -> `t`: spreadsheet programs may prefix the main namespace.
    private func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Decodes the five named entities and numeric character references. A NUL, raw or as
    /// `&#0;`, is no XML character (and no text PostgreSQL stores).
    static func decode(_ raw: ArraySlice<UInt8>) throws(Malformed) -> [UInt8] {
        guard !raw.contains(0) else { throw Malformed() }
        guard raw.contains(UInt8(ascii: "&")) else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = raw.startIndex
        while i < raw.endIndex {
            guard raw[i] == UInt8(ascii: "&") else { out.append(raw[i]); i += 1; continue }
            guard let semi = raw[i...].firstIndex(of: UInt8(ascii: ";")), semi - i <= 12 else { throw Malformed() }
            let name = String(decoding: raw[(i + 1)..<semi], as: UTF8.self)
            switch name {
            case "amp": out.append(UInt8(ascii: "&"))
            case "lt": out.append(UInt8(ascii: "<"))
            case "gt": out.append(UInt8(ascii: ">"))
            case "quot": out.append(UInt8(ascii: "\""))
            case "apos": out.append(UInt8(ascii: "'"))
            default:
                let value: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") { value = UInt32(name.dropFirst(2), radix: 16) }
                else if name.hasPrefix("#") { value = UInt32(name.dropFirst(), radix: 10) }
                else { value = nil }
                // XML 1.0 has no character 0 (and PostgreSQL would refuse it in text).
                guard let value, value != 0, let scalar = Unicode.Scalar(value) else { throw Malformed() }
                out += Array(String(scalar).utf8)
            }
            i = semi + 1
        }
        return out
    }
}

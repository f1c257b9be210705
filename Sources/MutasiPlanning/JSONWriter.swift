/// Appends compact JSON to a byte buffer; strings are escaped as RFC 8259 requires.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    /// Writes a member name; the value written next belongs to it.
    mutating func key(_ name: String) {
        separate()
        writeString(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func value(_ string: String) { separate(); writeString(string); needsComma = true }
    mutating func value(_ int: Int) { separate(); bytes.append(contentsOf: String(int).utf8); needsComma = true }
    mutating func value(_ bool: Bool) { separate(); bytes.append(contentsOf: (bool ? "true" : "false").utf8); needsComma = true }

    /// A finite double in the shortest form that reads back to the same value.
    mutating func value(_ double: Double) {
        separate()
        if double == double.rounded(), abs(double) < 1e15 {
            bytes.append(contentsOf: String(Int(double)).utf8)
        } else {
            bytes.append(contentsOf: double.description.utf8)
        }
        needsComma = true
    }

    mutating func member(_ name: String, _ string: String) { key(name); value(string) }
    mutating func member(_ name: String, _ int: Int) { key(name); value(int) }
    mutating func member(_ name: String, _ bool: Bool) { key(name); value(bool) }
    mutating func member(_ name: String, _ double: Double) { key(name); value(double) }
    mutating func nullValue() { separate(); bytes.append(contentsOf: "null".utf8); needsComma = true }
    mutating func member(_ name: String, _ int: Int?) {
        key(name)
        if let int { value(int) } else { nullValue() }
    }

    mutating func newline() { bytes.append(0x0A) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        for b in string.utf8 {
            switch b {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: bytes.append(b)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

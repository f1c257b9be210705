import NIOCore

/// Builds the rows of a `COPY ... FROM STDIN (FORMAT text)` stream: tab-separated fields,
/// `\N` for NULL, and backslash, tab, newline and carriage return escaped.
struct CopyTextEncoder {
    private(set) var buffer = ByteBuffer()
    private var fieldsInRow = 0

    init(capacity: Int = 1 << 20) { buffer.reserveCapacity(capacity) }

    mutating func field(_ value: String?) {
        separate()
        guard var text = value else {
            buffer.writeStaticString("\\N")
            return
        }
        text.withUTF8 { (bytes: UnsafeBufferPointer<UInt8>) in
            if !bytes.contains(where: Self.needsEscape) {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5C: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }

    mutating func field(_ value: Int) {
        separate()
        buffer.writeString(String(value))
    }

    mutating func field(_ value: Bool) {
        separate()
        buffer.writeInteger(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    mutating func endRow() {
        buffer.writeInteger(UInt8(ascii: "\n"))
        fieldsInRow = 0
    }

    /// The bytes so far, leaving the encoder empty.
    mutating func take() -> ByteBuffer {
        let taken = buffer
        buffer = ByteBuffer()
        buffer.reserveCapacity(taken.capacity)
        return taken
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private mutating func separate() {
        if fieldsInRow > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
        fieldsInRow += 1
    }
}

import Foundation
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

    /// An id in lower-case hex, written straight into the buffer.
    mutating func field(_ value: UUID?) {
        guard let value else { return field(nil as String?) }
        separate()
        withUnsafeBytes(of: value.uuid) { bytes in
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { buffer.writeInteger(UInt8(ascii: "-")) }
                writeHex(byte)
            }
        }
    }

    /// A bytea (`\x` and hex digits, the backslash escaped), written straight into the buffer.
    mutating func field(bytea bytes: some Sequence<UInt8>) {
        separate()
        buffer.writeStaticString("\\\\x")
        for byte in bytes { writeHex(byte) }
    }

    private mutating func writeHex(_ byte: UInt8) {
        let digits: StaticString = "0123456789abcdef"
        buffer.writeInteger(digits.utf8Start[Int(byte >> 4)])
        buffer.writeInteger(digits.utf8Start[Int(byte & 0x0F)])
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

    /// Fields another encoder wrote (with the tabs between them).
    mutating func fields(encoded: ByteBufferView) {
        separate()
        buffer.writeBytes(encoded)
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

/// Reads entries of a ZIP archive through its central directory: stored or deflated entries,
/// CRC-checked, with the inflated total capped so a small archive cannot expand without bound.
/// No ZIP64, encryption or multi-disk archives (spreadsheet files need none of them).
struct ZipReader {
    enum Failure: Error { case invalid(String), tooLarge }

    struct Entry {
        var name: String
        var method: Int
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localOffset: Int
    }

    let bytes: [UInt8]
    let entries: [String: Entry]
    /// Bytes still allowed to be inflated, shared by every entry read.
    private(set) var budget: Int

    init(_ bytes: [UInt8], limit: Int) throws(Failure) {
        self.bytes = bytes
        budget = limit
        guard bytes.count >= 22 else { throw .invalid("too short for a ZIP archive") }
        var end = -1
        var i = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while i >= lowest {
            if Self.u32(bytes, i) == 0x0605_4B50 { end = i; break }
            i -= 1
        }
        guard end >= 0 else { throw .invalid("no ZIP end record") }
        let count = Int(Self.u16(bytes, end + 10))
        let size = Int(Self.u32(bytes, end + 12)), offset = Int(Self.u32(bytes, end + 16))
        guard offset <= end, size <= end - offset else { throw .invalid("central directory out of range") }
        var entries: [String: Entry] = [:]
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= end, Self.u32(bytes, p) == 0x0201_4B50 else { throw .invalid("bad central directory") }
            let flags = Self.u16(bytes, p + 8)
            let nameLength = Int(Self.u16(bytes, p + 28)), extra = Int(Self.u16(bytes, p + 30)), comment = Int(Self.u16(bytes, p + 32))
            guard p + 46 + nameLength <= end else { throw .invalid("bad central directory") }
            let name = String(decoding: bytes[p + 46..<p + 46 + nameLength], as: UTF8.self)
            guard flags & 1 == 0 else { throw .invalid("encrypted entry \(name)") }
            entries[name] = Entry(name: name, method: Int(Self.u16(bytes, p + 10)), crc: Self.u32(bytes, p + 16),
                                  compressedSize: Int(Self.u32(bytes, p + 20)), size: Int(Self.u32(bytes, p + 24)),
                                  localOffset: Int(Self.u32(bytes, p + 42)))
            p += 46 + nameLength + extra + comment
        }
        self.entries = entries
    }

    func has(_ name: String) -> Bool { entries[name] != nil }

    /// The entry's content, or nil when the archive has no such entry.
    mutating func read(_ name: String) throws(Failure) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        let local = entry.localOffset
        guard local + 30 <= bytes.count, Self.u32(bytes, local) == 0x0403_4B50 else { throw .invalid("bad local header of \(name)") }
        let start = local + 30 + Int(Self.u16(bytes, local + 26)) + Int(Self.u16(bytes, local + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else { throw .invalid("\(name) is cut short") }
        let raw = bytes[start..<start + entry.compressedSize]
        let data: [UInt8]
        switch entry.method {
        case 0:
            guard raw.count <= budget else { throw .tooLarge }
            data = Array(raw)
        case 8:
            do {
                data = try Inflate.decompress(raw, limit: budget, expected: entry.size)
            } catch Inflate.Failure.tooLarge {
                throw .tooLarge
            } catch {
                throw .invalid("\(name) does not inflate")
            }
        default: throw .invalid("\(name) uses compression method \(entry.method)")
        }
        guard data.count == entry.size, CRC32.checksum(data) == entry.crc else { throw .invalid("\(name) fails its CRC check") }
        budget -= data.count
        return data
    }

    static func u16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    static func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
    }
}

import Foundation

/// A ZIP archive of stored (uncompressed) entries: local headers, the data, a central directory
/// and its end record. Enough for an .xlsx, which spreadsheet programs open whether entries are
/// deflated or not; entries and the archive stay below 4 GiB (no ZIP64).
struct ZipWriter {
    private var out: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    /// Fixed date of every entry (1980-01-01 00:00), so equal content gives equal bytes.
    private static let dosTime: UInt16 = 0, dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    mutating func add(_ name: String, _ data: [UInt8]) {
        let nameBytes = Array(name.utf8)
        let crc = CRC32.checksum(data)
        let offset = UInt32(out.count)
        out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(0) + le16(Self.dosTime) + le16(Self.dosDate)
            + le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count)) + le16(0)
        out += nameBytes
        out += data
        directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(Self.dosTime) + le16(Self.dosDate)
            + le32(crc) + le32(UInt32(data.count)) + le32(UInt32(data.count)) + le16(UInt16(nameBytes.count))
            + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset)
        directory += nameBytes
        count += 1
    }

    func finish() -> Data {
        var bytes = out
        let start = UInt32(bytes.count)
        bytes += directory
        bytes += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(count)) + le16(UInt16(count))
            + le32(UInt32(directory.count)) + le32(start) + le16(0)
        return Data(bytes)
    }

    private func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF), UInt8((v >> 16) & 0xFF), UInt8(v >> 24)] }
}

import Crypto
import MutasiRepositories
import NIOCore

/// The staging lines of a chunk of imported employee rows: every field an import writes and the
/// ratings as two arrays, without the digest and the id that come first in the staging table;
/// with each row's digest, a hash of its line.
struct EmployeeStageLines: Sendable {
    /// One row's line, digest, and whether it carries ratings.
    struct Line {
        var text: ByteBufferView
        var digest: RowDigest
        var rated: Bool
    }

    private(set) var lines: [Line] = []

    init(_ rows: [EmployeeImportRow]) {
        var e = CopyTextEncoder(capacity: rows.count * 200)
        var spans: [(Int, Int, RowDigest)] = []
        spans.reserveCapacity(rows.count)
        for row in rows {
            let start = e.buffer.writerIndex, offset = start - e.buffer.readerIndex
            let r = row.record
            e.field(r.number.text); e.field(r.kind.rawValue); e.field(r.name); e.field(r.birthDate.iso)
            e.field(r.sex.rawValue); e.field(r.grade); e.field(r.educationLevel?.rawValue ?? ""); e.field(r.educationField)
            e.field(PostgresWorkforceBulkRepository.competenciesJSON(r.competencies)); e.field(r.slotID)
            e.field(r.slotSince?.iso); e.field(r.locked); e.field(r.lockReason)
            e.field("{" + row.performance.map { String($0.year) }.joined(separator: ",") + "}")
            e.field("{" + row.performance.map { String($0.predicate.score) }.joined(separator: ",") + "}")
            let digest = e.buffer.withUnsafeReadableBytes { all in
                RowDigest(SHA256.hash(data: UnsafeRawBufferPointer(rebasing: all[offset...])))
            }
            spans.append((start, e.buffer.writerIndex, digest))
            e.endRow()
        }
        let bytes = e.buffer.readableBytesView
        lines = zip(spans, rows).map { span, row in
            Line(text: bytes[span.0..<span.1], digest: span.2, rated: !row.performance.isEmpty)
        }
    }

    var count: Int { lines.count }
}

/// The first 16 bytes of a SHA-256: enough to tell a changed row from an unchanged one.
struct RowDigest: Hashable, Sendable {
    var high: UInt64
    var low: UInt64

    init(high: UInt64, low: UInt64) { self.high = high; self.low = low }

    init(_ hash: SHA256.Digest) {
        var (high, low): (UInt64, UInt64) = (0, 0)
        hash.withUnsafeBytes { raw in
            for index in 0..<8 {
                high = high << 8 | UInt64(raw[index])
                low = low << 8 | UInt64(raw[index + 8])
            }
        }
        self.init(high: high, low: low)
    }

    /// The 16 bytes, most significant first.
    var bytes: [UInt8] {
        (0..<16).map { index in UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> (56 - 8 * UInt64(index % 8))) }
    }

    /// Digests as the database concatenated them.
    static func all(in buffer: ByteBuffer) -> Set<RowDigest> {
        var buffer = buffer
        var result = Set<RowDigest>(minimumCapacity: buffer.readableBytes / 16)
        while let high = buffer.readInteger(as: UInt64.self), let low = buffer.readInteger(as: UInt64.self) {
            result.insert(RowDigest(high: high, low: low))
        }
        return result
    }
}

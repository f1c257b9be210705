import Foundation
import Testing
@testable import MutasiSpreadsheet

/// DEFLATE decoding against streams zlib made (see the comments for how), and CRC-32 against
/// its published check value.
@Suite("Inflate and CRC-32")
struct InflateTests {
    static func bytes(_ base64: String) -> ArraySlice<UInt8> {
        ArraySlice(Data(base64Encoded: base64.filter { !$0.isWhitespace })!)
    }

    /// The text the dynamic-block stream holds: 300 lines like `00007;NIP 196701011990031007;Golongan III/d`.
    static var dynamicText: [UInt8] {
        Array((0..<300).map { i in
            String(format: "%05d;NIP 1967010119900310%02d;Golongan III/", i, i % 100) + ["a", "b", "c", "d"][i % 4] + "\n"
        }.joined().utf8)
    }

    @Test("CRC-32 of '123456789' is the standard check value CBF43926")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    // zlib.compressobj(9, DEFLATED, -15, 9, Z_FIXED) of b"Mutasi ASN Kota Kupang" * 3
    @Test("a fixed-Huffman block with back references")
    func fixed() throws {
        let out = try Inflate.decompress(Self.bytes("8y0tSSzOVHAM9lPwzi9JVPAuLUjMS/clQRQA"), limit: 1000)
        #expect(String(decoding: out, as: UTF8.self) == String(repeating: "Mutasi ASN Kota Kupang", count: 3))
    }

    // zlib.compressobj(0, DEFLATED, -15) of b"Mutasi ASN Kota Kupang"
    @Test("a stored block")
    func stored() throws {
        let out = try Inflate.decompress(Self.bytes("ARYA6f9NdXRhc2kgQVNOIEtvdGEgS3VwYW5n"), limit: 1000)
        #expect(String(decoding: out, as: UTF8.self) == "Mutasi ASN Kota Kupang")
    }

    // zlib.compressobj(9, DEFLATED, -15) of `dynamicText` (13,200 bytes into 1,062)
    @Test("a dynamic-Huffman block")
    func dynamic() throws {
        let out = try Inflate.decompress(Self.bytes(InflateVectors.dynamic), limit: 1 << 20)
        #expect(out.count == 13_200)
        #expect(out == Self.dynamicText)
        #expect(CRC32.checksum(out) == 0x085E_F58B)
    }

    @Test("output past the limit stops with tooLarge; cut or corrupt streams are refused")
    func limitsAndDamage() throws {
        let stream = Self.bytes(InflateVectors.dynamic)
        #expect(throws: Inflate.Failure.tooLarge) { try Inflate.decompress(stream, limit: 13_199) }
        #expect(throws: Inflate.Failure.tooLarge) {
            try Inflate.decompress(Self.bytes("ARYA6f9NdXRhc2kgQVNOIEtvdGEgS3VwYW5n"), limit: 21)
        }
        #expect(throws: Inflate.Failure.truncated) { try Inflate.decompress(stream.prefix(500), limit: 1 << 20) }
        #expect(throws: Inflate.Failure.self) { try Inflate.decompress([0x07], limit: 100) }   // block type 3
        var bad = Array(stream)
        bad[1] ^= 0xFF
        bad[2] ^= 0x5A
        let damaged: [UInt8]? = try? Inflate.decompress(bad[...], limit: 1 << 20)
        #expect(damaged != Self.dynamicText)
    }
}

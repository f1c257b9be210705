import Foundation
import Testing
@testable import MutasiSpreadsheet

/// The .xlsx writer and reader: what one writes the other reads back exactly, workbooks packed
/// by other programs (deflated, shared strings) read as their rows, and broken files refused.
@Suite("XLSX writer and reader")
struct XLSXTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/xlsx")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
    }

    @Test("written rows read back exactly, NIPs and codes as text in the text style")
    func roundTrip() throws {
        let header = ["nip", "kode", "nama", "catatan"]
        let rows = [["196701011990031001123", "91.10", "Maria \"Ina\" <Lado> & Co", "=SUM(A1)"],
                    ["007", "", "Śródmieście 日本", " spasi di tepi "],
                    ["1.5E+3", "0091", "baris\nbaru", ""]]
        let data = XLSXWriter.write(header: header, rows: rows)
        let read = try XLSXReader.read(Array(data), limit: 1 << 20)
        #expect(read.map(\.line) == [1, 2, 3, 4])
        #expect(read[0].fields == header)
        #expect(read[1].fields == rows[0])
        #expect(read[2].fields == rows[1])
        #expect(read[3].fields == ["1.5E+3", "0091", "baris\nbaru"])   // trailing empty cells are left out
        var zip = try ZipReader(Array(data), limit: 1 << 20)
        let sheet = String(decoding: try #require(try zip.read("xl/worksheets/sheet1.xml")), as: UTF8.self)
        #expect(sheet.contains("<row r=\"2\"><c s=\"1\" t=\"inlineStr\"><is><t>196701011990031001123</t></is></c>"
                               + "<c s=\"1\" t=\"inlineStr\"><is><t>91.10</t></is></c>"))
        #expect(sheet.contains("<t xml:space=\"preserve\"> spasi di tepi </t>"))
        #expect(sheet.contains("<row r=\"3\"><c s=\"1\" t=\"inlineStr\"><is><t>007</t></is></c><c s=\"1\"/>"))
        #expect(sheet.contains("<col min=\"1\" max=\"4\" width=\"20\" style=\"1\" customWidth=\"1\"/>"))
        let styles = String(decoding: try #require(try zip.read("xl/styles.xml")), as: UTF8.self)
        #expect(styles.contains("<xf numFmtId=\"49\""))
        for part in ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"] {
            #expect(zip.has(part), "\(part)")
        }
    }

    @Test("columns past Z are lettered as Excel does")
    func columnLetters() throws {
        #expect(XLSXWriter.column(0) == "A")
        #expect(XLSXWriter.column(25) == "Z")
        #expect(XLSXWriter.column(26) == "AA")
        #expect(XLSXWriter.column(16_383) == "XFD")
        #expect(XLSXReader.columnIndex("XFD1048576") == 16_383)
        #expect(XLSXReader.columnIndex("AA7") == 26)
        #expect(XLSXReader.columnIndex("7") == nil)
        let wide = (0..<30).map { "k\($0)" }
        #expect(try XLSXReader.read(Array(XLSXWriter.write(header: wide, rows: [])), limit: 1 << 20)[0].fields == wide)
    }

    // Tests/Fixtures/xlsx/units-deflated.xlsx: made by make_fixtures.py beside it (zipfile, ZIP_DEFLATED).
    @Test("a deflated workbook with shared strings, rich text and an inline string reads as its rows")
    func deflatedFixture() throws {
        let rows = try XLSXReader.read(try Self.fixture("units-deflated.xlsx"), limit: 1 << 20)
        #expect(rows == [
            .init(line: 1, fields: ["kode_unit", "nama_unit", "kode_instansi", "kode_wilayah"]),
            .init(line: 2, fields: ["91.10", "SD Negeri & Kupang", "dinas-pendidikan", "53.71.01"]),
            .init(line: 4, fields: ["SMP-7", "SMP Negeri 7", "dinas-pendidikan", "53.71.01"]),
            .init(line: 5, fields: []),
        ])
    }

    // Tests/Fixtures/xlsx/employees-typed.xlsx: made by make_fixtures.py (a NIP typed as a number,
    // birth dates typed as dates in built-in format 14 and custom `dd/mm/yyyy`).
    @Test("date cells read as YYYY-MM-DD, a NIP typed as a number as Excel shows it, other numbers as stored")
    func typedNumbers() throws {
        let rows = try XLSXReader.read(try Self.fixture("employees-typed.xlsx"), limit: 1 << 20)
        #expect(rows.map(\.line) == [1, 2, 3, 4])
        #expect(rows[1].fields == ["199203142019031004", "PNS", "Tanggal Sebagai Tanggal", "1992-03-14", "III/a"])
        #expect(rows[2].fields == ["1.99203E+17", "PNS", "NIP Sebagai Angka", "1992-03-14", "III/a"])
        #expect(rows[3].fields[3] == "91.1")
    }

    @Test("day counts of both date systems and Excel's General format of wide integers")
    func cellNumbers() {
        #expect(CellNumber.isoDate(serial: 33_677, date1904: false) == "1992-03-14")
        #expect(CellNumber.isoDate(serial: 32_215, date1904: true) == "1992-03-14")
        #expect(CellNumber.isoDate(serial: 1, date1904: false) == "1900-01-01")
        #expect(CellNumber.isoDate(serial: 61, date1904: false) == "1900-03-01")
        #expect(CellNumber.isoDate(serial: 2_958_465, date1904: false) == "9999-12-31")
        #expect(CellNumber.general(196_701_011_990_031_000) == "1.96701E+17")
        #expect(CellNumber.general(1e17) == "1E+17")
        #expect(CellNumber.text("199999999999999999", isDate: false, date1904: false) == "2E+17")
        #expect(CellNumber.text("123456789012345", isDate: false, date1904: false) == "123456789012345")
        #expect(CellNumber.text("91.10", isDate: false, date1904: false) == "91.10")
        #expect(CellNumber.text("91.099999999999994", isDate: false, date1904: false) == "91.1")
        #expect(CellNumber.text("0.30000000000000004", isDate: false, date1904: false) == "0.3")
        #expect(CellNumber.text("1.2345678901234567", isDate: false, date1904: false) == "1.23456789012346")
        #expect(CellNumber.text("33677.75", isDate: true, date1904: false) == "1992-03-14")
        #expect(CellNumber.isDateFormat("dd/mm/yyyy;@"))
        #expect(CellNumber.isDateFormat("[$-421]d mmmm yyyy"))
        #expect(!CellNumber.isDateFormat("0.00\" days\""))
        #expect(!CellNumber.isDateFormat("[h]:mm"))
    }

    @Test("far-apart cells cannot fill memory with padding; cells past XFD are refused")
    func sparseCells() throws {
        let far = (1...250).map { "<row r=\"\($0)\"><c r=\"XFD\($0)\" t=\"inlineStr\"><is><t>x</t></is></c></row>" }.joined()
        #expect(throws: XLSXReader.Failure.invalid("the sheet holds more than 4000000 cells")) {
            try XLSXReader.rows(Array(("<worksheet><sheetData>" + far + "</sheetData></worksheet>").utf8), shared: [])
        }
        let beyond = "<worksheet><sheetData><row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row></sheetData></worksheet>"
        #expect(throws: XLSXReader.Failure.self) { try XLSXReader.rows(Array(beyond.utf8), shared: []) }
        let fine = "<worksheet><sheetData><row r=\"1\"><c r=\"C1\"><v>7</v></c></row></sheetData></worksheet>"
        #expect(try XLSXReader.rows(Array(fine.utf8), shared: []) == [.init(line: 1, fields: ["", "", "7"])])
    }

    @Test("inflated parts past the limit are refused as tooLarge")
    func bomb() throws {
        let bomb = try Self.fixture("bomb.xlsx")
        #expect(bomb.count < 100_000)
        #expect(throws: XLSXReader.Failure.tooLarge) { try XLSXReader.read(bomb, limit: 8 << 20) }
        #expect(throws: XLSXReader.Failure.tooLarge) {
            try XLSXReader.read(try Self.fixture("units-deflated.xlsx"), limit: 1_000)
        }
    }

    @Test("files that are no workbook are refused as invalid")
    func broken() throws {
        let good = Array(XLSXWriter.write(header: ["a"], rows: [["b"]]))
        var flipped = good
        let sheetData = Array("<sheetData>".utf8)
        let at = try #require((0..<good.count - sheetData.count).first { Array(good[$0..<$0 + sheetData.count]) == sheetData })
        flipped[at + 1] ^= 0x20   // `<SheetData>`: the CRC check fails
        var zipOnly = ZipWriter()
        zipOnly.add("hello.txt", Array("hi".utf8))
        let cases: [(String, [UInt8])] = [
            ("csv", Array("nip;nama\n1;a\n".utf8)), ("empty", []), ("cut", Array(good.prefix(good.count - 30))),
            ("flipped", flipped), ("not a workbook", Array(zipOnly.finish())),
        ]
        for (name, bytes) in cases {
            #expect(throws: XLSXReader.Failure.self, "\(name)") { try XLSXReader.read(bytes, limit: 1 << 20) }
            #expect((try? XLSXReader.read(bytes, limit: 1 << 20)) == nil, "\(name)")
        }
    }

    @Test("character references decode; NUL, raw or as &#0;, is refused as malformed XML")
    func nulRefused() throws {
        #expect(try XMLScanner.decode(ArraySlice(Array("a&#65;&amp;&#x42;".utf8))) == Array("aA&B".utf8))
        #expect(throws: XMLScanner.Malformed.self) { try XMLScanner.decode(ArraySlice(Array("a&#0;b".utf8))) }
        #expect(throws: XMLScanner.Malformed.self) { try XMLScanner.decode(ArraySlice(Array("a".utf8) + [0] + Array("b".utf8))) }
    }
}

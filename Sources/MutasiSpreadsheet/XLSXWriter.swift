import Foundation

/// Writes an .xlsx workbook of one worksheet: a header row, then rows of strings. Every cell is
/// an inline string in a style with the text number format (`@`), so Excel shows an 18-digit NIP
/// or a code like `91.10` exactly as written and keeps it text when the cell is edited. Text is
/// never a formula here, so no apostrophe guard is needed (unlike CSV).
public enum XLSXWriter {
    public static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    public static func write(header: [String], rows: [[String]], sheetName: String = "Data") -> Data {
        var zip = ZipWriter()
        zip.add("[Content_Types].xml", Array(contentTypes.utf8))
        zip.add("_rels/.rels", Array(rootRels.utf8))
        zip.add("xl/workbook.xml", Array(workbook(sheetName).utf8))
        zip.add("xl/_rels/workbook.xml.rels", Array(workbookRels.utf8))
        zip.add("xl/styles.xml", Array(styles.utf8))
        zip.add("xl/worksheets/sheet1.xml", sheet([header] + rows))
        return zip.finish()
    }

    /// Cells carry no `r` reference (they follow one another, as the format allows), and every
    /// column is in the text style too, so what people type into new rows stays text as well.
    static func sheet(_ rows: [[String]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rows.reduce(512) { $0 + 40 + $1.reduce(0) { $0 + 40 + $1.utf8.count } })
        let width = max(1, rows.map(\.count).max() ?? 1)
        out += Array((xmlHead + "<worksheet xmlns=\"\(mainNS)\"><cols><col min=\"1\" max=\"\(width)\" width=\"20\" "
            + "style=\"1\" customWidth=\"1\"/></cols><sheetData>").utf8)
        let open = Array("<c s=\"1\" t=\"inlineStr\"><is><t>".utf8), openPreserving = Array("<c s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">".utf8)
        let close = Array("</t></is></c>".utf8), empty = Array("<c s=\"1\"/>".utf8)
        for (r, row) in rows.enumerated() {
            out += Array("<row r=\"\(r + 1)\">".utf8)
            for value in row {
                if value.isEmpty { out += empty; continue }
                let edges = value.unicodeScalars.first.map(isSpace) == true || value.unicodeScalars.last.map(isSpace) == true
                out += edges || value.contains("\n") ? openPreserving : open
                escape(value, into: &out)
                out += close
            }
            out += Array("</row>".utf8)
        }
        out += Array("</sheetData></worksheet>".utf8)
        return out
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" }

    /// Column letters: 0 -> A, 25 -> Z, 26 -> AA.
    static func column(_ index: Int) -> String {
        var n = index + 1, letters: [Character] = []
        while n > 0 {
            let rem = (n - 1) % 26
            letters.insert(Character(UnicodeScalar(UInt8(65 + rem))), at: 0)
            n = (n - 1) / 26
        }
        return String(letters)
    }

    /// XML text escaping; characters XML 1.0 forbids (control characters other than tab, LF, CR)
    /// are left out, since no reader would accept them.
    static func escape(_ text: String, into out: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += Array("&amp;".utf8)
            case "<": out += Array("&lt;".utf8)
            case ">": out += Array("&gt;".utf8)
            case "\"": out += Array("&quot;".utf8)
            case "\t", "\n", "\r": out += Array(String(scalar).utf8)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out += Array(String(scalar).utf8)
            }
        }
    }

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let xmlHead = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    static let contentTypes = xmlHead + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        </Types>
        """

    static let rootRels = xmlHead + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """

    static func workbook(_ name: String) -> String {
        var escaped: [UInt8] = []
        escape(name, into: &escaped)
        return xmlHead + """
            <workbook xmlns="\(mainNS)" xmlns:r="\(relNS)"><sheets>\
            <sheet name="\(String(decoding: escaped, as: UTF8.self))" sheetId="1" r:id="rId1"/>\
            </sheets></workbook>
            """
    }

    static let workbookRels = xmlHead + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relNS)/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="\(relNS)/styles" Target="styles.xml"/>\
        </Relationships>
        """

    /// Style 0 is the default; style 1 applies the built-in text format 49 (`@`).
    static let styles = xmlHead + """
        <styleSheet xmlns="\(mainNS)">\
        <fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="49" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}

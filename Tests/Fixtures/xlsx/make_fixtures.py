"""Makes the .xlsx fixtures of the spreadsheet tests with Python's zipfile (ZIP_DEFLATED), the
way Excel packs a workbook: shared strings, a rich-text run, an inline string, a number cell and
a cell left out. Run `python3 make_fixtures.py` here; the output is deterministic."""
import zipfile

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
PKG = 'http://schemas.openxmlformats.org/package/2006/relationships'
CT = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
      '</Types>')
ROOT = f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
# The sheet Excel calls "Unit" is the second part in the archive and not named sheet1: the reader
# must follow the workbook's relationships.
WORKBOOK = (f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Unit" sheetId="1" r:id="rId7"/>'
            f'<sheet name="Lain" sheetId="2" r:id="rId8"/></sheets></workbook>')
WB_RELS = (f'<Relationships xmlns="{PKG}">'
           f'<Relationship Id="rId8" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
           f'<Relationship Id="rId7" Type="{REL}/worksheet" Target="/xl/worksheets/unit.xml"/>'
           f'<Relationship Id="rId9" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
STRINGS = ['kode_unit', 'nama_unit', 'kode_instansi', 'kode_wilayah', 'dinas-pendidikan', '53.71.01']
SST = (f'<sst xmlns="{MAIN}" count="9" uniqueCount="8">' + ''.join(f'<si><t>{s}</t></si>' for s in STRINGS)
       + '<si><r><rPr><b/></rPr><t>SD Negeri </t></r><r><t xml:space="preserve">&amp; Kupang</t></r>'
         '<rPh sb="0" eb="1"><t>phonetic</t></rPh></si>'
       + '<si><t>91.10</t></si></sst>')
SHEET = (f'<worksheet xmlns="{MAIN}"><sheetData>'
         '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
         '<row r="2"><c r="A2" t="s"><v>7</v></c><c r="B2" t="s"><v>6</v></c><c r="C2" t="s"><v>4</v></c><c r="D2" t="s"><v>5</v></c></row>'
         '<row r="4"><c r="A4" t="inlineStr"><is><t>SMP-7</t></is></c><c r="B4" t="inlineStr"><is><t>SMP Negeri 7</t></is></c>'
         '<c r="C4" t="s"><v>4</v></c><c r="D4" t="s"><v>5</v></c></row>'
         '<row r="5"><c r="B5" s="0"/></row>'
         '</sheetData></worksheet>')
OTHER = f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData></worksheet>'


def write(name, parts):
    with zipfile.ZipFile(name, 'w', compression=zipfile.ZIP_DEFLATED) as z:
        for path, text in parts:
            info = zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text if isinstance(text, bytes) else HEAD + text)


write('units-deflated.xlsx', [
    ('[Content_Types].xml', CT), ('_rels/.rels', ROOT), ('xl/workbook.xml', WORKBOOK),
    ('xl/_rels/workbook.xml.rels', WB_RELS), ('xl/worksheets/sheet1.xml', OTHER),
    ('xl/worksheets/unit.xml', SHEET), ('xl/sharedStrings.xml', SST)])

# Cells typed the way a person types them into Excel: a NIP as a number (stored with 17 digits,
# the last ones lost) and birth dates as dates (day counts with a date style: built-in format 14
# and a custom `dd/mm/yyyy`).
STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>'
          '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164" applyNumberFormat="1"/>'
          '<xf numFmtId="2" applyNumberFormat="1"/></cellXfs></styleSheet>')
EMP_WB = f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet name="Pegawai" sheetId="1" r:id="rId1"/></sheets></workbook>'
EMP_RELS = (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/></Relationships>')
def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
EMP_SHEET = (f'<worksheet xmlns="{MAIN}"><sheetData>'
             '<row r="1">' + ''.join(cell(f'{c}1', h) for c, h in zip('ABCDE', ['nip', 'jenis_asn', 'nama', 'tanggal_lahir', 'golongan'])) + '</row>'
             '<row r="2">' + cell('A2', '199203142019031004') + cell('B2', 'PNS') + cell('C2', 'Tanggal Sebagai Tanggal')
             + '<c r="D2" s="1"><v>33677</v></c>' + cell('E2', 'III/a') + '</row>'
             '<row r="3"><c r="A3"><v>1.9920314201903101E+17</v></c>' + cell('B3', 'PNS') + cell('C3', 'NIP Sebagai Angka')
             + '<c r="D3" s="2"><v>33677</v></c>' + cell('E3', 'III/a') + '</row>'
             '<row r="4">' + cell('A4', '199203142019031012') + cell('B4', 'PNS') + cell('C4', 'Angka Biasa')
             + '<c r="D4" s="3"><v>91.1</v></c>' + cell('E4', 'III/a') + '</row>'
             '</sheetData></worksheet>')
write('employees-typed.xlsx', [
    ('[Content_Types].xml', CT.replace('/xl/sharedStrings.xml', '/xl/styles.xml').replace('sharedStrings+xml', 'styles+xml')),
    ('_rels/.rels', ROOT), ('xl/workbook.xml', EMP_WB), ('xl/_rels/workbook.xml.rels', EMP_RELS),
    ('xl/styles.xml', STYLES), ('xl/worksheets/sheet1.xml', EMP_SHEET)])

# A zip bomb: a worksheet of 65 MiB of spaces, which deflates to some 65 KiB.
write('bomb.xlsx', [
    ('[Content_Types].xml', CT), ('_rels/.rels', ROOT), ('xl/workbook.xml', WORKBOOK),
    ('xl/_rels/workbook.xml.rels', WB_RELS),
    ('xl/worksheets/unit.xml', (HEAD + f'<worksheet xmlns="{MAIN}"><sheetData>').encode() + b' ' * (65 * 1024 * 1024)
     + b'</sheetData></worksheet>')])

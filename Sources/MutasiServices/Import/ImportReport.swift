import Foundation
import MutasiDomain
import MutasiRepositories

/// What can be imported and exported as CSV.
public enum WorkforceFile: String, CaseIterable, Sendable, Codable {
    case units, slots, employees

    /// The columns, in the order exports write them; `required` ones must be in every import,
    /// except that an employees file may leave out all but `nip` when it only changes existing
    /// employees (each new employee is checked for them on its own line).
    public var columns: [(name: String, required: Bool)] {
        switch self {
        case .units:
            [("kode_unit", true), ("nama_unit", true), ("kode_instansi", true), ("kode_wilayah", true), ("terpencil", false)]
        case .slots:
            [("kode_unit", true), ("kode_jabatan", true), ("nama_jabatan", true), ("jenis_jabatan", true),
             ("golongan_min", true), ("golongan_maks", true), ("bidang_pendidikan", false), ("kompetensi", false),
             ("kebutuhan", false), ("alasan_kebutuhan", false)]
        case .employees:
            [("nip", true), ("jenis_asn", true), ("nama", true), ("tanggal_lahir", false), ("jenis_kelamin", false),
             ("golongan", true), ("pendidikan", false), ("bidang_pendidikan", false), ("kompetensi", false),
             ("kode_unit", false), ("kode_jabatan", false), ("tmt_jabatan", false), ("skp", false), ("dikunci", false),
             ("alasan_kunci", false)]
        }
    }

    public var header: [String] { columns.map(\.name) }

    /// Required columns the header must hold whatever the rows.
    var headerRequired: [String] {
        switch self {
        case .units, .slots: columns.filter(\.required).map(\.name)
        case .employees: ["nip"]
        }
    }

    /// Columns that mean something only beside others: a file with the first must hold the rest.
    var companions: [(column: String, needs: [String])] {
        switch self {
        case .units: []
        case .slots: [("alasan_kebutuhan", ["kebutuhan"])]
        case .employees:
            [("kode_unit", ["kode_jabatan"]), ("kode_jabatan", ["kode_unit"]), ("tmt_jabatan", ["kode_unit", "kode_jabatan"]),
             ("alasan_kunci", ["dikunci"])]
        }
    }
}

/// One problem of an import: where (line of the file, column) and what (stable code, text).
public struct ImportIssue: Codable, Sendable, Equatable {
    public var line: Int
    public var column: String?
    public var code: String
    public var message: String
    public init(line: Int, column: String?, code: String, message: String) {
        self.line = line; self.column = column; self.code = code; self.message = message
    }
}

/// The outcome of an import: applied with its counts, or refused with every problem found.
public struct ImportReport: Codable, Sendable {
    public var file: WorkforceFile
    /// SHA-256 of the uploaded bytes, as recorded in the audit trail.
    public var sha256: String
    /// `;` or `,` for CSV; empty for an .xlsx workbook.
    public var separator: String
    /// Data rows read (empty rows not counted).
    public var rows: Int
    /// True when the rows were written; false when any row is bad (then nothing was written).
    public var applied: Bool
    public var counts: ImportCounts?
    /// Rows with at least one problem.
    public var badRows: Int
    public var errors: [ImportIssue]
}

/// How far an import has come, for progress bars.
public struct ImportProgress: Sendable {
    public enum Phase: String, Sendable { case validating, writing }
    public var phase: Phase
    public var done: Int
    public var total: Int
}

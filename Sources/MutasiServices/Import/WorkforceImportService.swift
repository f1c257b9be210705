import Crypto
import Foundation
import MutasiDomain
import MutasiRepositories

/// CSV or .xlsx import of units, slots and employees (tenant admins). All or nothing: every row is
/// checked first, and one bad row means nothing is written and the report lists every problem
/// with its line and column. Good files are upserted by natural key (unit code; unit and slot
/// code; NIP) in one transaction with one summary audit event, so importing a file again
/// changes nothing.
public struct WorkforceImportService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public typealias Progress = @Sendable (ImportProgress) -> Void

    /// An .xlsx file is unpacked only for a tenant admin of the tenant; one that is no readable
    /// workbook is refused with `xlsx.invalid` (400), and its first worksheet otherwise goes
    /// through the same checks as a CSV file.
    public func importCSV(actor: Principal, tenantID: UUID, file: WorkforceFile, bytes: [UInt8],
                          format: SheetFormat = .csv, progress: Progress? = nil) async throws -> ImportReport {
        let sha = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        var report = ImportReport(file: file, sha256: sha, separator: ",", rows: 0, applied: false, counts: nil, badRows: 0, errors: [])
        if format == .xlsx {
            // Unpacking a workbook costs memory and time: only those who may import pay for it.
            _ = try await env.store.transaction(in: ScopeID(tenantID)) { tx in
                try Access.require(actor, in: try await WorkforceAccess.tenant(actor, tenantID, tx), roles: [.tenantAdmin])
            }
        }
        let document: CSV.Document
        do {
            switch format {
            case .csv: document = try CSV.parse(bytes)
            case .xlsx: document = try XLSXDocument.parse(bytes)
            }
        } catch let error as DomainError where error.code.hasPrefix("csv.") {
            let line = Int(error.field?.split(separator: " ").last ?? "1") ?? 1
            report.errors = [ImportIssue(line: line, column: nil, code: error.code, message: error.message)]
            report.badRows = 1
            return report
        }
        report.separator = format == .csv ? String(UnicodeScalar(document.separator)) : ""
        report.rows = document.records.count
        let (columns, headerIssues) = CSVRow.columns(document.header, for: file)
        let total = document.records.count
        let writing: (@Sendable (Int) -> Void)? = progress.map { report in
            { @Sendable done in report(ImportProgress(phase: .writing, done: done, total: total)) }
        }
        let summary = report
        let today = CalendarDate.utc(env.now())
        let (counts, issues): (ImportCounts?, [ImportIssue])
        do {
            (counts, issues) = try await env.store.transaction(in: ScopeID(tenantID)) { tx in
                let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
                try Access.require(actor, in: tenant, roles: [.tenantAdmin])
                guard headerIssues.isEmpty else { return (nil, headerIssues) }
                var issues: [ImportIssue] = []
                let counts: ImportCounts?
                switch file {
                case .units:
                    let rows = try await UnitRows(tx: tx, tenant: tenant).validate(document.records, columns, &issues)
                    counts = issues.isEmpty ? try await tx.workforceBulk.upsertUnits(tenantID: tenantID, rows) : nil
                case .slots:
                    let rows = try await SlotRows(tx: tx, tenantID: tenantID).validate(document.records, columns, &issues)
                    counts = issues.isEmpty
                        ? try await tx.workforceBulk.upsertSlots(tenantID: tenantID, rows, columns: SlotRows.present(columns)) : nil
                case .employees:
                    // Rows are written while later ones are checked; a bad row rolls all of it back.
                    let written: ImportCounts?
                    (written, issues) = try await EmployeeRows(tx: tx, tenantID: tenantID, today: today)
                        .validate(document.records, columns, progress: progress) { rows in
                            try await tx.workforceBulk.upsertEmployees(tenantID: tenantID, rows, columns: EmployeeRows.present(columns),
                                                                       progress: writing)
                        }
                    guard issues.isEmpty, let written else { throw RejectedRows(issues: issues) }
                    counts = written
                }
                if let counts {
                    var applied = summary
                    applied.applied = true
                    applied.counts = counts
                    try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                        action: "import.\(file.rawValue)", entityType: "import", entityID: sha, before: nil,
                        after: AuditSnapshot.json(applied)))
                }
                return (counts, issues)
            }
        } catch let rejected as RejectedRows {
            (counts, issues) = (nil, rejected.issues)
        }
        report.applied = counts != nil
        report.counts = counts
        report.errors = issues
        report.badRows = Set(issues.map(\.line)).count
        return report
    }
}

/// The issues of a file whose rows were being written as they were checked: thrown to roll the
/// writes back.
struct RejectedRows: Error {
    var issues: [ImportIssue]
}

/// Reports a key seen twice in one file.
struct DuplicateKeys {
    private var firstLine: [String: Int] = [:]

    mutating func check(_ key: String?, _ row: inout CSVRow, column: String, what: String) {
        guard let key else { return }
        if let first = firstLine[key] {
            row.add(column, "csv.duplicate_key", "\(what) is also on line \(first); each may appear once.")
        } else {
            firstLine[key] = row.line
        }
    }

    /// A key of a row checked apart from the others, and where among the row's issues one for a
    /// repeated key belongs.
    struct Pending: Sendable {
        var key: String
        var what: String
        var issueIndex: Int
    }

    /// Checks a pending key, placing the issue where the row's own check would have.
    mutating func check(_ pending: Pending?, _ row: inout CSVRow, column: String) {
        guard let pending else { return }
        let later = row.issues[pending.issueIndex...]
        row.issues.removeSubrange(pending.issueIndex...)
        check(pending.key, &row, column: column, what: pending.what)
        row.issues += later
    }
}

struct UnitRows {
    let tx: any StoreTransaction
    let tenant: Tenant

    func validate(_ records: [CSV.Record], _ columns: [String: Int], _ issues: inout [ImportIssue]) async throws -> [NewWorkUnit] {
        let agencies = try await tx.workforceBulk.agencyIDsByCode(tenantID: tenant.id)
        var seen = DuplicateKeys()
        var result: [NewWorkUnit] = []
        for record in records {
            var row = CSVRow(line: record.line, fields: record.fields, columns: columns)
            let code = row.check("kode_unit") { try RecordCode.validate($0, codePrefix: "unit_code", field: "kode_unit") }
            seen.check(code, &row, column: "kode_unit", what: "Unit \(code ?? "")")
            let name = row.check("nama_unit") { try RecordName.validate($0, codePrefix: "unit_name", field: "nama_unit") }
            let agency = row.check("kode_instansi") { raw -> UUID in
                guard let id = agencies[raw] else {
                    throw DomainError.invalid("agency.not_found", "No agency has code '\(raw)'.", field: "kode_instansi")
                }
                return id
            }
            let region = row.check("kode_wilayah") { try UnitService.regionCode($0, tenant: tenant, field: "kode_wilayah") }
            // Without the column a stored unit keeps its flag.
            let remote = row.has("terpencil") ? row.check("terpencil") { try CSVValue.flag($0, field: "terpencil") } : nil
            if let code, let name, let agency, let region, row.issues.isEmpty {
                result.append(NewWorkUnit(agencyID: agency, code: code, name: name, regionCode: region, remote: remote))
            }
            issues += row.issues
        }
        return result
    }
}

struct SlotRows {
    let tx: any StoreTransaction
    let tenantID: UUID

    /// The optional fields the file carries; existing slots keep the others.
    static func present(_ columns: [String: Int]) -> SlotImportColumns {
        var result: SlotImportColumns = []
        if columns["bidang_pendidikan"] != nil { result.insert(.educationFields) }
        if columns["kompetensi"] != nil { result.insert(.competencies) }
        return result
    }

    func validate(_ records: [CSV.Record], _ columns: [String: Int], _ issues: inout [ImportIssue]) async throws -> [NewSlot] {
        let units = try await tx.workforceBulk.unitsByCode(tenantID: tenantID)
        let existing = try await tx.workforceBulk.slotsByKey(tenantID: tenantID)
        var seen = DuplicateKeys()
        var result: [NewSlot] = []
        for record in records {
            var row = CSVRow(line: record.line, fields: record.fields, columns: columns)
            let unitCode = row.cell("kode_unit")
            let unit = row.check("kode_unit") { raw -> UnitReference in
                guard let unit = units[raw] else {
                    throw DomainError.invalid("unit.not_found", "No unit has code '\(raw)'; import the units first.", field: "kode_unit")
                }
                return unit
            }
            let code = row.check("kode_jabatan") { try RecordCode.validate($0, codePrefix: "slot_code", field: "kode_jabatan") }
            seen.check(code.map { SlotKey.of(unitCode: unitCode, slotCode: $0) }, &row, column: "kode_jabatan",
                       what: "Slot \(code ?? "") of unit \(unitCode)")
            let name = row.check("nama_jabatan") { try RecordName.validate($0, codePrefix: "slot_name", field: "nama_jabatan") }
            let kind = row.check("jenis_jabatan") { try PositionKind(parsing: $0, field: "jenis_jabatan") }
            let low = row.check("golongan_min") { try GradeRange.parseGrade($0, field: "golongan_min") }
            let high = row.check("golongan_maks") { try GradeRange.parseGrade($0, field: "golongan_maks") }
            var grades: GradeRange?
            if let low, let high { grades = row.check("golongan_min") { _ in try GradeRange(min: low, max: high, field: "golongan_min") } }
            let fields = row.check("bidang_pendidikan") { try EducationFields.list(CSVValue.list($0), field: "bidang_pendidikan") }
            let competencies = row.check("kompetensi") { raw in
                try Competencies.parsePairs(raw, field: "kompetensi").map { try CompetencyRequirement(code: $0.code, level: $0.level, field: "kompetensi") }
            }
            let need = row.check("kebutuhan") { raw -> Int? in
                guard !raw.isEmpty else { return nil }
                guard let value = Int(raw) else {
                    throw DomainError.invalid("slot.invalid_need", "A need is a whole number; got '\(raw)'.", field: "kebutuhan")
                }
                return try Slot.need(value, field: "kebutuhan")
            }
            // An empty need, or the need the slot has, keeps it (needs come from approved
            // analyses); any other need is a tenant admin's override and needs its reason.
            let kept = code.flatMap { existing[SlotKey.of(unitCode: unitCode, slotCode: $0)]?.need } ?? 0
            var reason: String?
            if let need, let value = need, value != kept {
                reason = row.check("alasan_kebutuhan") { try NeedOverrideReason.validate($0, field: "alasan_kebutuhan") }
            }
            if let unit, let code, let name, let kind, let grades, let fields, let competencies, let need, row.issues.isEmpty {
                result.append(NewSlot(unitID: unit.id, code: code, name: name, kind: kind, grades: grades, educationFields: fields,
                                      competencies: competencies.sorted { $0.code < $1.code }, need: reason == nil ? kept : need ?? kept,
                                      needReason: reason))
            }
            issues += row.issues
        }
        return result
    }
}

struct EmployeeRows {
    let tx: any StoreTransaction
    let tenantID: UUID
    /// Numbers and SKP years after this day are refused.
    let today: CalendarDate

    /// The fields the file carries; existing employees keep the others.
    static func present(_ columns: [String: Int]) -> EmployeeImportColumns {
        let fields: [(String, EmployeeImportColumns)] = [
            ("jenis_asn", .kind), ("nama", .name), ("golongan", .grade), ("pendidikan", .educationLevel),
            ("bidang_pendidikan", .educationField), ("kompetensi", .competencies), ("kode_unit", .placement), ("dikunci", .lock),
        ]
        return EmployeeImportColumns(fields.filter { columns[$0.0] != nil }.map(\.1))
    }

    /// Checks every row and hands the valid ones to `write` while later ones are still being
    /// checked, in file order, chunk by chunk; at the first row with an issue the chunks end in
    /// an error, which stops the writing. Returns what `write` returned (nil when stopped) and
    /// every issue; when there is one, the caller rolls back what was written.
    func validate(_ records: [CSV.Record], _ columns: [String: Int], progress: WorkforceImportService.Progress?,
                  write: (AsyncThrowingStream<[EmployeeImportRow], any Error>) async throws -> ImportCounts)
        async throws -> (ImportCounts?, [ImportIssue]) {
        let units = try await tx.workforceBulk.unitsByCode(tenantID: tenantID)
        let slots = try await tx.workforceBulk.slotsByKey(tenantID: tenantID)
        // Without a required column only existing employees can be imported: their stored kind
        // reads the number when jenis_asn is absent.
        let stored = Self.present(columns).isSuperset(of: .required) ? nil : try await tx.workforceBulk.employeeKindsByNumber(tenantID: tenantID)
        let (chunks, sink) = AsyncThrowingStream.makeStream(of: [EmployeeImportRow].self)
        async let issues = Self.check(records, columns, units: units, slots: slots, stored: stored, today: today,
                                      progress: progress, into: sink)
        let written: ImportCounts?
        do {
            written = try await write(chunks)
        } catch is BadRow {
            written = nil
        }
        return (written, await issues)
    }

    /// Checks the rows in chunks on all cores; numbers seen twice are then found in file order.
    /// The valid rows of each chunk go to `sink` in order; the first issue ends it with `BadRow`.
    private static func check(_ records: [CSV.Record], _ columns: [String: Int], units: [String: UnitReference],
                              slots: [String: SlotReference], stored: [String: CivilServantKind]?, today: CalendarDate,
                              progress: WorkforceImportService.Progress?,
                              into sink: AsyncThrowingStream<[EmployeeImportRow], any Error>.Continuation) async -> [ImportIssue] {
        let chunks = stride(from: 0, to: records.count, by: chunkRows).map { $0..<min($0 + chunkRows, records.count) }
        var issues: [ImportIssue] = []
        progress?(ImportProgress(phase: .validating, done: 0, total: records.count))
        await withTaskGroup(of: (Int, [CheckedRow]).self) { group in
            for (index, range) in chunks.enumerated() {
                group.addTask {
                    (index, records[range].map { record in
                        var row = CSVRow(line: record.line, fields: record.fields, columns: columns)
                        var key: DuplicateKeys.Pending?
                        let valid = Self.row(&row, units: units, slots: slots, stored: stored, today: today, key: &key)
                        return CheckedRow(row: row, valid: valid, key: key)
                    })
                }
            }
            var waiting: [Int: [CheckedRow]] = [:]
            var (next, done) = (0, 0)
            var seen = DuplicateKeys()
            for await (index, rows) in group {
                waiting[index] = rows
                done += rows.count
                if done < records.count { progress?(ImportProgress(phase: .validating, done: done, total: records.count)) }
                while let rows = waiting.removeValue(forKey: next) {
                    next += 1
                    var valid: [EmployeeImportRow] = []
                    valid.reserveCapacity(rows.count)
                    for var checked in rows {
                        seen.check(checked.key, &checked.row, column: "nip")
                        if let row = checked.valid, checked.row.issues.isEmpty { valid.append(row) }
                        issues += checked.row.issues
                    }
                    if issues.isEmpty { sink.yield(valid) } else { sink.finish(throwing: BadRow()) }
                }
            }
        }
        sink.finish()
        progress?(ImportProgress(phase: .validating, done: records.count, total: records.count))
        return issues
    }

    static let chunkRows = 5000

    /// Ends the chunks of a file with a bad row.
    struct BadRow: Error {}

    /// A row checked on its own, before the check for numbers seen twice.
    struct CheckedRow: Sendable {
        var row: CSVRow
        var valid: EmployeeImportRow?
        var key: DuplicateKeys.Pending?
    }

    /// Validates one row. `stored` (kinds of the existing employees by number) is given when the
    /// file lacks a required column, which each new employee is then refused for.
    static func row(_ row: inout CSVRow, units: [String: UnitReference], slots: [String: SlotReference],
                    stored: [String: CivilServantKind]?, today: CalendarDate,
                    key: inout DuplicateKeys.Pending?) -> EmployeeImportRow? {
        var kind: CivilServantKind?
        var isNew = false
        if row.has("jenis_asn") {
            kind = row.check("jenis_asn") { try CivilServantKind(parsing: $0, field: "jenis_asn") }
        } else if let stored {
            let digits = String(CSVValue.number(row.cell("nip")).unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init))
            kind = stored[digits]
            isNew = kind == nil
        }
        let number = kind.flatMap { kind in row.check("nip") { try EmployeeNumber(CSVValue.number($0), kind: kind, field: "nip", asOf: today) } }
        key = number.map { DuplicateKeys.Pending(key: $0.text, what: "NIP \($0.text)", issueIndex: row.issues.count) }
        if let stored, let number, stored[number.text] == nil { isNew = true }
        if isNew {
            let what = "NIP \(number?.text ?? CSVValue.number(row.cell("nip")))"
            for column in ["jenis_asn", "nama", "golongan"] { row.requireForNew(column, what: what) }
        }
        let name = row.has("nama") ? row.check("nama") { try RecordName.validate($0, codePrefix: "employee_name", field: "nama") } : ""
        if let number {
            _ = row.check("tanggal_lahir") { raw in
                try EmployeeRecord.checkBirthDate(try CSVValue.optionalDate(raw, field: "tanggal_lahir"), number, field: "tanggal_lahir")
            }
            _ = row.check("jenis_kelamin") { raw in
                try EmployeeRecord.checkSex(raw.isEmpty ? nil : try Sex(parsing: raw, field: "jenis_kelamin"), number, field: "jenis_kelamin")
            }
        }
        // An existing employee's grade is kept when the file has no golongan (the value is not written).
        let grade = row.has("golongan") ? kind.flatMap { kind in row.check("golongan") { try EmployeeGrade.parse($0, kind: kind, field: "golongan") } } : 0
        let level = row.check("pendidikan") { $0.isEmpty ? nil : try EducationLevel(parsing: $0, field: "pendidikan") }
        let field = row.check("bidang_pendidikan") { try EducationFields.field($0, field: "bidang_pendidikan") }
        let competencies = row.check("kompetensi") { raw in
            try Competencies.levels(Dictionary(uniqueKeysWithValues: try Competencies.parsePairs(raw, field: "kompetensi")
                .map { ($0.code, $0.level) }), field: "kompetensi")
        }
        let (unitCode, slotCode) = (row.cell("kode_unit"), row.cell("kode_jabatan"))
        var slot: SlotReference?
        switch (unitCode.isEmpty, slotCode.isEmpty) {
        case (true, true): break
        case (false, true):
            row.add("kode_jabatan", "employee.slot_incomplete", "Give kode_jabatan with kode_unit (or neither).")
        case (true, false):
            row.add("kode_unit", "employee.slot_incomplete", "Give kode_unit with kode_jabatan (or neither).")
        case (false, false):
            if units[unitCode] == nil {
                row.add("kode_unit", "unit.not_found", "No unit has code '\(unitCode)'.")
            } else if let found = slots[SlotKey.of(unitCode: unitCode, slotCode: slotCode)] {
                slot = found
            } else {
                row.add("kode_jabatan", "slot.not_found", "Unit \(unitCode) has no slot with code '\(slotCode)'; import the slots first.")
            }
        }
        let since = row.check("tmt_jabatan") { try CSVValue.optionalDate($0, field: "tmt_jabatan") }
        if let number, let since, !(unitCode.isEmpty != slotCode.isEmpty) {
            _ = row.check("tmt_jabatan") { _ in
                try EmployeeRecord.checkPlacement(hasSlot: !unitCode.isEmpty, since: since, birthDate: number.birthDate, field: "tmt_jabatan")
            }
        }
        let performance = row.check("skp") { try PerformanceRating.parseList($0, field: "skp", asOf: today) }
        let locked = row.check("dikunci") { try CSVValue.flag($0, field: "dikunci") }
        let reason = locked.flatMap { locked in
            row.check("alasan_kunci") { try EmployeeRecord.lockReason(locked: locked, reason: $0, field: "alasan_kunci") }
        }
        guard let number, let name, let grade, let level, let field, let competencies, let since, let performance,
              let locked, row.issues.isEmpty else { return nil }
        return EmployeeImportRow(
            record: EmployeeRecord(number: number, name: name, grade: grade, educationLevel: level, educationField: field,
                                   competencies: competencies, slotID: slot?.id, slotSince: since, locked: locked,
                                   lockReason: reason ?? nil),
            performance: performance)
    }
}

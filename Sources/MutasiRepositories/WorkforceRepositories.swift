import Foundation
import MutasiDomain

/// Fields of a new unit.
public struct NewWorkUnit: Sendable {
    public var agencyID: UUID
    public var code: String
    public var name: String
    public var regionCode: String
    /// Remote (daerah terpencil); nil: false for a new unit, and an upsert whose rows all leave it
    /// nil keeps what is stored.
    public var remote: Bool?
    public init(agencyID: UUID, code: String, name: String, regionCode: String, remote: Bool? = nil) {
        self.agencyID = agencyID; self.code = code; self.name = name; self.regionCode = regionCode; self.remote = remote
    }
}

/// Changes to a unit; nil leaves a field as it is.
public struct WorkUnitChanges: Sendable {
    public var agencyID: UUID?
    public var name: String?
    public var regionCode: String?
    public var remote: Bool?
    public init(agencyID: UUID? = nil, name: String? = nil, regionCode: String? = nil, remote: Bool? = nil) {
        self.agencyID = agencyID; self.name = name; self.regionCode = regionCode; self.remote = remote
    }
}

/// Which units to list: `agencyIDs` restricts to those agencies (an operator's), the rest filter.
public struct WorkUnitFilter: Sendable {
    public var agencyIDs: [UUID]?
    public var agencyID: UUID?
    /// Code or name contains this text (case-insensitive).
    public var search: String?
    public init(agencyIDs: [UUID]? = nil, agencyID: UUID? = nil, search: String? = nil) {
        self.agencyIDs = agencyIDs; self.agencyID = agencyID; self.search = search
    }
}

/// Storage of units (unit kerja), within the transaction's tenant.
public protocol WorkUnitRepository: Sendable {
    /// Throws `unit.code_taken`.
    func create(tenantID: UUID, _ unit: NewWorkUnit) async throws -> WorkUnit
    func find(tenantID: UUID, id: UUID) async throws -> WorkUnit?
    func list(tenantID: UUID, _ filter: WorkUnitFilter, _ page: PageRequest) async throws -> Page<WorkUnit>
    /// Nil when absent; throws `unit.version_mismatch` (412) when it changed meanwhile.
    func update(tenantID: UUID, id: UUID, _ changes: WorkUnitChanges, expectedVersion: Int) async throws -> WorkUnit?
}

/// Fields of a new slot.
public struct NewSlot: Sendable {
    public var unitID: UUID
    public var code: String
    public var name: String
    public var kind: PositionKind
    public var grades: GradeRange
    public var educationFields: [String]
    public var competencies: [CompetencyRequirement]
    public var need: Int
    /// The reason a tenant admin gives for setting `need` outside a needs analysis; nil keeps
    /// the stored need (a new slot starts at 0).
    public var needReason: String?
    public init(unitID: UUID, code: String, name: String, kind: PositionKind, grades: GradeRange,
                educationFields: [String], competencies: [CompetencyRequirement], need: Int, needReason: String? = nil) {
        self.unitID = unitID; self.code = code; self.name = name; self.kind = kind; self.grades = grades
        self.educationFields = educationFields; self.competencies = competencies; self.need = need
        self.needReason = needReason
    }
}

/// Changes to a slot; nil leaves a field as it is.
public struct SlotChanges: Sendable {
    public var name: String?
    public var kind: PositionKind?
    public var grades: GradeRange?
    public var educationFields: [String]?
    public var competencies: [CompetencyRequirement]?
    /// A tenant admin's override of the need, with its reason.
    public var needOverride: NeedOverride?
    public init(name: String? = nil, kind: PositionKind? = nil, grades: GradeRange? = nil, educationFields: [String]? = nil,
                competencies: [CompetencyRequirement]? = nil, needOverride: NeedOverride? = nil) {
        self.name = name; self.kind = kind; self.grades = grades; self.educationFields = educationFields
        self.competencies = competencies; self.needOverride = needOverride
    }
}

/// A need set by a tenant admin outside a needs analysis, and why.
public struct NeedOverride: Sendable {
    public var need: Int
    public var reason: String
    public init(need: Int, reason: String) { self.need = need; self.reason = reason }
}

public struct SlotFilter: Sendable {
    public var agencyIDs: [UUID]?
    public var agencyID: UUID?
    public var unitID: UUID?
    public var kind: PositionKind?
    public var search: String?
    public init(agencyIDs: [UUID]? = nil, agencyID: UUID? = nil, unitID: UUID? = nil, kind: PositionKind? = nil, search: String? = nil) {
        self.agencyIDs = agencyIDs; self.agencyID = agencyID; self.unitID = unitID; self.kind = kind; self.search = search
    }
}

/// Storage of slots (a position in a unit), within the transaction's tenant.
public protocol SlotRepository: Sendable {
    /// Throws `slot.code_taken` (the code exists in the unit).
    func create(tenantID: UUID, _ slot: NewSlot) async throws -> Slot
    func find(tenantID: UUID, id: UUID) async throws -> Slot?
    func list(tenantID: UUID, _ filter: SlotFilter, _ page: PageRequest) async throws -> Page<Slot>
    /// Nil when absent; throws `slot.version_mismatch` (412).
    func update(tenantID: UUID, id: UUID, _ changes: SlotChanges, expectedVersion: Int) async throws -> Slot?
}

/// Changes to an employee; nil leaves a field as it is. `placement` moves the employee to a
/// slot (or out of any, with `.some(nil)`) and keeps the position history.
public struct EmployeeChanges: Sendable {
    public struct Placement: Sendable {
        public var slotID: UUID?
        public var since: CalendarDate?
        public init(slotID: UUID?, since: CalendarDate?) { self.slotID = slotID; self.since = since }
    }
    public struct Lock: Sendable {
        public var locked: Bool
        public var reason: String?
        public init(locked: Bool, reason: String?) { self.locked = locked; self.reason = reason }
    }
    public var name: String?
    public var grade: Int?
    public var educationLevel: EducationLevel?
    public var educationField: String?
    public var competencies: [String: Int]?
    public var placement: Placement?
    public var lock: Lock?
    public init(name: String? = nil, grade: Int? = nil, educationLevel: EducationLevel? = nil, educationField: String? = nil,
                competencies: [String: Int]? = nil, placement: Placement? = nil, lock: Lock? = nil) {
        self.name = name; self.grade = grade; self.educationLevel = educationLevel; self.educationField = educationField
        self.competencies = competencies; self.placement = placement; self.lock = lock
    }
}

public struct EmployeeFilter: Sendable {
    /// Only employees in slots of these agencies (an operator's).
    public var agencyIDs: [UUID]?
    /// Only this employee (an employee user's own record).
    public var onlyID: UUID?
    public var agencyID: UUID?
    public var unitID: UUID?
    public var slotID: UUID?
    /// NIP starts with these digits.
    public var nip: String?
    /// Name contains this text (case-insensitive).
    public var name: String?
    public var kind: CivilServantKind?
    public var locked: Bool?
    public init(agencyIDs: [UUID]? = nil, onlyID: UUID? = nil, agencyID: UUID? = nil, unitID: UUID? = nil, slotID: UUID? = nil,
                nip: String? = nil, name: String? = nil, kind: CivilServantKind? = nil, locked: Bool? = nil) {
        self.agencyIDs = agencyIDs; self.onlyID = onlyID; self.agencyID = agencyID; self.unitID = unitID
        self.slotID = slotID; self.nip = nip; self.name = name; self.kind = kind; self.locked = locked
    }
}

/// Storage of employees, with their ratings and position history, within the transaction's tenant.
public protocol EmployeeRepository: Sendable {
    /// Throws `employee.nip_taken`.
    func create(tenantID: UUID, _ record: EmployeeRecord) async throws -> Employee
    func find(tenantID: UUID, id: UUID) async throws -> Employee?
    func list(tenantID: UUID, _ filter: EmployeeFilter, _ page: PageRequest) async throws -> Page<Employee>
    /// Nil when absent; throws `employee.version_mismatch` (412).
    func update(tenantID: UUID, id: UUID, _ changes: EmployeeChanges, expectedVersion: Int) async throws -> Employee?
    /// Sets the SKP predicates of the given years (other years stay), if the employee (who exists)
    /// is still at `expectedVersion`; throws `employee.version_mismatch` (412) otherwise.
    func setPerformance(tenantID: UUID, id: UUID, _ ratings: [PerformanceRating], expectedVersion: Int) async throws -> Employee?
    /// Removes one year's rating (bumping the version, 412 when stale); nil when the employee has none for it.
    func removePerformance(tenantID: UUID, id: UUID, year: Int, expectedVersion: Int) async throws -> Employee?
    /// Links an employee user to the employee's record.
    func linkUser(tenantID: UUID, userID: UUID, employeeID: UUID) async throws
}

/// The retirement-age table of a tenant, stored as the ages that depart from the default.
public protocol RetirementAgeRepository: Sendable {
    func overrides(tenantID: UUID) async throws -> [PositionKind: Int]
    /// The table's version: 0 until it is first replaced.
    func version(tenantID: UUID) async throws -> Int
    /// Replaces the table and returns its new version; nil when it is no longer at `expectedVersion`.
    func replace(tenantID: UUID, _ table: RetirementAgeTable, expectedVersion: Int) async throws -> Int?
}

// MARK: - Bulk import and export

/// How many rows an import inserted, changed and left as they were.
public struct ImportCounts: Sendable, Codable, Equatable {
    public var inserted: Int
    public var updated: Int
    public var unchanged: Int
    public init(inserted: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.inserted = inserted; self.updated = updated; self.unchanged = unchanged
    }
}

/// A unit and a slot as imports resolve references to them.
public struct UnitReference: Sendable {
    public var id: UUID
    public var agencyID: UUID
    public init(id: UUID, agencyID: UUID) { self.id = id; self.agencyID = agencyID }
}

public struct SlotReference: Sendable {
    public var id: UUID
    public var agencyID: UUID
    public var kind: PositionKind
    public var need: Int
    public init(id: UUID, agencyID: UUID, kind: PositionKind, need: Int) {
        self.id = id; self.agencyID = agencyID; self.kind = kind; self.need = need
    }
}

/// A validated employee row of an import: the record and the SKP ratings to set.
public struct EmployeeImportRow: Sendable {
    public var record: EmployeeRecord
    public var performance: [PerformanceRating]
    public init(record: EmployeeRecord, performance: [PerformanceRating]) { self.record = record; self.performance = performance }
}

/// The employee fields an import file carries. On employees that already exist an upsert writes
/// only these (and the birth date and sex, which the number holds); the others keep what is
/// stored. New employees take the staged values of every field.
public struct EmployeeImportColumns: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let kind = Self(rawValue: 1 << 0)
    public static let name = Self(rawValue: 1 << 1)
    public static let grade = Self(rawValue: 1 << 2)
    public static let educationLevel = Self(rawValue: 1 << 3)
    public static let educationField = Self(rawValue: 1 << 4)
    public static let competencies = Self(rawValue: 1 << 5)
    /// Slot and since-date.
    public static let placement = Self(rawValue: 1 << 6)
    /// Lock flag and reason.
    public static let lock = Self(rawValue: 1 << 7)
    /// Kind, name and grade: without any of them only existing employees can be in the rows.
    public static let required: Self = [.kind, .name, .grade]
    public static let all: Self = [.kind, .name, .grade, .educationLevel, .educationField, .competencies, .placement, .lock]
}

/// The slot fields an import file carries; as `EmployeeImportColumns` for slots.
public struct SlotImportColumns: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let educationFields = Self(rawValue: 1 << 0)
    public static let competencies = Self(rawValue: 1 << 1)
    public static let all: Self = [.educationFields, .competencies]
}

/// Rows as exports write them, with references as codes.
public struct UnitExportRow: Sendable {
    public var code, name, agencyCode, regionCode: String
    public var remote: Bool
    public init(code: String, name: String, agencyCode: String, regionCode: String, remote: Bool = false) {
        self.code = code; self.name = name; self.agencyCode = agencyCode; self.regionCode = regionCode; self.remote = remote
    }
}

public struct SlotExportRow: Sendable {
    public var unitCode: String
    public var slot: Slot
    public init(unitCode: String, slot: Slot) { self.unitCode = unitCode; self.slot = slot }
}

public struct EmployeeExportRow: Sendable {
    public var nip: String
    public var kind: CivilServantKind
    public var name: String
    public var birthDate: CalendarDate
    public var sex: Sex
    public var grade: Int
    public var educationLevel: String
    public var educationField: String
    public var competencies: [String: Int]
    public var unitCode: String?
    public var slotCode: String?
    public var slotSince: CalendarDate?
    public var performance: [PerformanceRating]
    public var locked: Bool
    public var lockReason: String?
    public init(nip: String, kind: CivilServantKind, name: String, birthDate: CalendarDate, sex: Sex, grade: Int,
                educationLevel: String, educationField: String, competencies: [String: Int], unitCode: String?,
                slotCode: String?, slotSince: CalendarDate?, performance: [PerformanceRating], locked: Bool, lockReason: String?) {
        self.nip = nip; self.kind = kind; self.name = name; self.birthDate = birthDate; self.sex = sex; self.grade = grade
        self.educationLevel = educationLevel; self.educationField = educationField; self.competencies = competencies
        self.unitCode = unitCode; self.slotCode = slotCode; self.slotSince = slotSince; self.performance = performance
        self.locked = locked; self.lockReason = lockReason
    }
}

/// Set-based writes and reads for CSV import and export and for the demo: references resolved
/// in one query each, rows streamed into a staging table and upserted by natural key in one
/// statement (units by code, slots by unit and code, employees by NIP), inside the caller's
/// transaction.
public protocol WorkforceBulkRepository: Sendable {
    func agencyIDsByCode(tenantID: UUID) async throws -> [String: UUID]
    func unitsByCode(tenantID: UUID) async throws -> [String: UnitReference]
    /// Keyed by `SlotKey.of(unitCode:slotCode:)`.
    func slotsByKey(tenantID: UUID) async throws -> [String: SlotReference]
    /// Kind of each employee of the tenant, by number.
    func employeeKindsByNumber(tenantID: UUID) async throws -> [String: CivilServantKind]
    func upsertUnits(tenantID: UUID, _ rows: [NewWorkUnit]) async throws -> ImportCounts
    /// Existing slots get only the `columns` given (and name, kind, grades and need).
    func upsertSlots(tenantID: UUID, _ rows: [NewSlot], columns: SlotImportColumns) async throws -> ImportCounts
    /// Existing employees get only the `columns` given; without some of `.required`, every row
    /// must be an existing employee. The rows come in chunks, staged as they come (the caller
    /// may still be checking later ones) and applied when the chunks end; chunks that end in an
    /// error stop it with that error. `progress` is called with the number of rows staged so far.
    func upsertEmployees(tenantID: UUID, _ chunks: AsyncThrowingStream<[EmployeeImportRow], any Error>,
                         columns: EmployeeImportColumns,
                         progress: (@Sendable (Int) -> Void)?) async throws -> ImportCounts
    func exportUnits(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [UnitExportRow]
    func exportSlots(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [SlotExportRow]
    func exportEmployees(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [EmployeeExportRow]
}

extension WorkforceBulkRepository {
    /// Upserts writing every field.
    public func upsertSlots(tenantID: UUID, _ rows: [NewSlot]) async throws -> ImportCounts {
        try await upsertSlots(tenantID: tenantID, rows, columns: .all)
    }

    public func upsertEmployees(tenantID: UUID, _ rows: [EmployeeImportRow],
                                progress: (@Sendable (Int) -> Void)?) async throws -> ImportCounts {
        let (chunks, sink) = AsyncThrowingStream.makeStream(of: [EmployeeImportRow].self)
        for start in stride(from: 0, to: rows.count, by: 5000) { sink.yield(Array(rows[start..<min(start + 5000, rows.count)])) }
        sink.finish()
        return try await upsertEmployees(tenantID: tenantID, chunks, columns: .all, progress: progress)
    }
}

/// The key of a slot among a tenant's: unit code and slot code.
public enum SlotKey {
    public static func of(unitCode: String, slotCode: String) -> String { unitCode + "\u{1F}" + slotCode }
}

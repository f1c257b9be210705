import Foundation

/// An employee (ASN, PNS or PPPK) as the API and the CLI show it: the record, where the employee
/// serves, the derived retirement date, the SKP ratings and the position history.
public struct Employee: Codable, Sendable, Equatable {
    public var tenantID: UUID
    public var id: UUID
    /// NIP (PNS) or NI PPPK (PPPK): 18 digits, as text.
    public var nip: String
    public var kind: CivilServantKind
    public var name: String
    public var birthDate: CalendarDate
    public var sex: Sex
    /// 1...17: golongan ruang I/a ... IV/e for PNS, PPPK grade I ... XVII for PPPK.
    public var grade: Int
    /// `III/a` for PNS, `IX` for PPPK.
    public var gradeLabel: String
    public var educationLevel: EducationLevel?
    public var educationField: String
    /// Competency levels 0...5 by code.
    public var competencies: [String: Int]
    public var slotID: UUID?
    /// Since when the employee serves in the slot (TMT jabatan).
    public var slotSince: CalendarDate?
    public var unitID: UUID?
    public var agencyID: UUID?
    public var positionKind: PositionKind?
    /// From the birth date and the tenant's retirement age for the slot's position kind; nil
    /// without a slot.
    public var retirementDate: CalendarDate?
    /// The retirement date has passed (as of the day the record is read): the employee has
    /// retired and no longer counts in the slot's headcount or in plans.
    public var retired: Bool
    /// SKP predicates, oldest year first.
    public var performance: [PerformanceRating]
    /// Slots served, oldest first; the open one has no end.
    public var positionHistory: [PositionHistoryEntry]
    public var transferRequested: Bool
    public var locked: Bool
    public var lockReason: String?
    public var version: Int

    public init(tenantID: UUID, id: UUID, nip: String, kind: CivilServantKind, name: String, birthDate: CalendarDate,
                sex: Sex, grade: Int, educationLevel: EducationLevel?, educationField: String, competencies: [String: Int],
                slotID: UUID?, slotSince: CalendarDate?, unitID: UUID?, agencyID: UUID?, positionKind: PositionKind?,
                performance: [PerformanceRating], positionHistory: [PositionHistoryEntry],
                transferRequested: Bool, locked: Bool, lockReason: String?, version: Int) {
        self.tenantID = tenantID; self.id = id; self.nip = nip; self.kind = kind; self.name = name
        self.birthDate = birthDate; self.sex = sex; self.grade = grade
        self.gradeLabel = EmployeeGrade.label(grade, kind: kind)
        self.educationLevel = educationLevel; self.educationField = educationField; self.competencies = competencies
        self.slotID = slotID; self.slotSince = slotSince; self.unitID = unitID; self.agencyID = agencyID
        self.positionKind = positionKind; self.retirementDate = nil; self.retired = false; self.performance = performance
        self.positionHistory = positionHistory; self.transferRequested = transferRequested; self.locked = locked
        self.lockReason = lockReason; self.version = version
    }

    /// The employee with `retirementDate` derived from `table`, and `retired` when it is not
    /// after `today`.
    public func withRetirement(_ table: RetirementAgeTable, asOf today: CalendarDate) -> Employee {
        var copy = self
        copy.retirementDate = positionKind.map { table.retirementDate(birthDate: birthDate, kind: $0) }
        copy.retired = copy.retirementDate.map { $0 <= today } ?? false
        return copy
    }
}

/// The SKP predicate of one year.
public struct PerformanceRating: Codable, Sendable, Equatable, Hashable {
    public var year: Int
    public var predicate: SKPPredicate

    /// Throws `performance.invalid_year` for a year outside 1990...2100.
    public init(year: Int, predicate: SKPPredicate, field: String = "year") throws {
        guard (1990...2100).contains(year) else {
            throw DomainError.invalid("performance.invalid_year", "An SKP year is 1990 to 2100; got \(year).", field: field)
        }
        self.year = year
        self.predicate = predicate
    }

    public init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case year, predicate }
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(year: try c.decode(Int.self, forKey: .year), predicate: try c.decode(SKPPredicate.self, forKey: .predicate))
    }

    /// Parses `2023:Baik|2024:Sangat Baik` (empty: none); throws `performance.invalid_format`,
    /// `performance.invalid_year`, `skp_predicate.invalid` or `performance.duplicate_year`.
    /// Throws `performance.future_year` for a year after `today`'s: an SKP is rated after its year.
    public static func checkYear(_ year: Int, asOf today: CalendarDate, field: String = "year") throws {
        guard year <= today.year else {
            throw DomainError.invalid("performance.future_year",
                                      "An SKP year cannot be after the current year \(today.year); got \(year).", field: field)
        }
    }

    /// `parseList`, refusing years after `today`'s.
    public static func parseList(_ raw: String, field: String, asOf today: CalendarDate) throws -> [PerformanceRating] {
        let ratings = try parseList(raw, field: field)
        for rating in ratings { try checkYear(rating.year, asOf: today, field: field) }
        return ratings
    }

    public static func parseList(_ raw: String, field: String) throws -> [PerformanceRating] {
        var result: [PerformanceRating] = []
        let shape = "SKP ratings are written YEAR:predicate separated by '|', e.g. 2023:Baik|2024:Sangat Baik"
        for (key, value) in try KeyValueList.parse(raw, field: field, errorCode: "performance.invalid_format", shape: shape) {
            guard let year = Int(key) else {
                throw DomainError.invalid("performance.invalid_format", "\(shape); '\(key)' is not a year.", field: field)
            }
            let rating = try PerformanceRating(year: year, predicate: try SKPPredicate(parsing: value, field: field), field: field)
            guard !result.contains(where: { $0.year == year }) else {
                throw DomainError.invalid("performance.duplicate_year", "The SKP of \(year) is given twice.", field: field)
            }
            result.append(rating)
        }
        return result.sorted { $0.year < $1.year }
    }

    /// `2023:Baik|2024:Sangat Baik`.
    public static func format(_ ratings: [PerformanceRating]) -> String {
        ratings.sorted { $0.year < $1.year }.map { "\($0.year):\($0.predicate.label)" }.joined(separator: "|")
    }
}

/// One stretch of service in one slot (riwayat jabatan).
public struct PositionHistoryEntry: Codable, Sendable, Equatable {
    public var seq: Int
    public var slotID: UUID
    public var slotCode: String
    public var slotName: String
    public var unitCode: String
    public var startedOn: CalendarDate
    public var endedOn: CalendarDate?

    public init(seq: Int, slotID: UUID, slotCode: String, slotName: String, unitCode: String,
                startedOn: CalendarDate, endedOn: CalendarDate?) {
        self.seq = seq; self.slotID = slotID; self.slotCode = slotCode; self.slotName = slotName
        self.unitCode = unitCode; self.startedOn = startedOn; self.endedOn = endedOn
    }
}

/// The highest level of formal education (pendidikan terakhir).
public enum EducationLevel: String, CaseIterable, Codable, Sendable, Hashable {
    case sd = "SD", smp = "SMP", sma = "SMA", d1 = "D1", d2 = "D2", d3 = "D3", d4 = "D4", s1 = "S1", s2 = "S2", s3 = "S3"

    private static let aliases: [String: EducationLevel] = [
        "SLTA": .sma, "SMK": .sma, "MA": .sma, "SLTP": .smp, "MTS": .smp, "MI": .sd,
        "DI": .d1, "DII": .d2, "DIII": .d3, "DIV": .d4,
    ]

    /// Parses `S1`, `s-1`, `SLTA`, `SMK`, `D-IV` ...; throws `education_level.invalid`.
    public init(parsing raw: String, field: String = "educationLevel") throws {
        let key = raw.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "." }
        guard let level = EducationLevel(rawValue: key) ?? Self.aliases[key] else {
            throw DomainError.invalid(
                "education_level.invalid",
                "An education level is one of \(EducationLevel.allCases.map(\.rawValue).joined(separator: ", ")); got '\(raw)'.",
                field: field)
        }
        self = level
    }
}

/// Employee grades by kind: golongan ruang for PNS (`III/a`), PPPK grades for PPPK (`IX`), both
/// kept as 1...17.
public enum EmployeeGrade {
    /// Parses the label of the kind's scale; throws `grade.invalid` (PNS) or `pppk_grade.invalid`.
    public static func parse(_ raw: String, kind: CivilServantKind, field: String = "grade") throws -> Int {
        switch kind {
        case .pns: try Grade(parsing: raw, field: field).rawValue
        case .pppk: try PPPKGrade(parsing: raw, field: field).value
        }
    }

    /// Checks a number 1...17 for the kind; throws `grade.out_of_range`.
    public static func check(_ value: Int, kind: CivilServantKind, field: String = "grade") throws -> Int {
        guard (1...17).contains(value) else {
            throw DomainError.invalid(
                "grade.out_of_range",
                kind == .pns ? "PNS grades run 1 (I/a) to 17 (IV/e); got \(value)." : "PPPK grades run 1 (I) to 17 (XVII); got \(value).",
                field: field)
        }
        return value
    }

    public static func label(_ value: Int, kind: CivilServantKind) -> String {
        switch kind {
        case .pns: Grade(rawValue: value)?.label ?? "\(value)"
        case .pppk: (try? PPPKGrade(value))?.label ?? "\(value)"
        }
    }
}

extension Sex: Codable {
    /// `male` or `female`.
    public var code: String { self == .male ? "male" : "female" }

    /// Parses `L`/`P` (laki-laki, perempuan), `male`/`female`, `1`/`2`; throws `sex.invalid`.
    public init(parsing raw: String, field: String = "sex") throws {
        switch raw.trimmingSpaces.lowercased() {
        case "l", "lk", "laki-laki", "laki laki", "pria", "male", "m", "1": self = .male
        case "p", "pr", "perempuan", "wanita", "female", "f", "2": self = .female
        default:
            throw DomainError.invalid("sex.invalid", "Sex is L (laki-laki) or P (perempuan); got '\(raw)'.", field: field)
        }
    }

    /// `L` or `P`, as CSV files write it.
    public var letter: String { self == .male ? "L" : "P" }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self),
                      field: decoder.codingPath.last?.stringValue ?? "sex")
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(code)
    }
}

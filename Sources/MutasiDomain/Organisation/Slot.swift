import Foundation

/// A slot: one position (jabatan) in one unit, with the grade range it is open to, the education
/// fields that fit it, the competencies it requires and its need (the approved headcount).
public struct Slot: Codable, Sendable, Equatable {
    public var tenantID: UUID
    public var id: UUID
    public var unitID: UUID
    /// The agency of the slot's unit.
    public var agencyID: UUID
    public var code: String
    public var name: String
    public var kind: PositionKind
    public var grades: GradeRange
    /// Education fields (bidang pendidikan) that fit the position; empty: any.
    public var educationFields: [String]
    public var competencies: [CompetencyRequirement]
    /// Required headcount (kebutuhan).
    public var need: Int
    /// Where `need` comes from: an approved needs analysis, or a tenant admin's override.
    public var needSource: NeedSource
    /// Why a tenant admin overrode the need (only with `needSource` `override`).
    public var needReason: String?
    /// The approved analysis that set the need (only with `needSource` `analysis`).
    public var needAnalysisID: UUID?
    public var version: Int

    public init(tenantID: UUID, id: UUID, unitID: UUID, agencyID: UUID, code: String, name: String, kind: PositionKind,
                grades: GradeRange, educationFields: [String], competencies: [CompetencyRequirement], need: Int,
                needSource: NeedSource = .none, needReason: String? = nil, needAnalysisID: UUID? = nil, version: Int) {
        self.tenantID = tenantID; self.id = id; self.unitID = unitID; self.agencyID = agencyID; self.code = code
        self.name = name; self.kind = kind; self.grades = grades; self.educationFields = educationFields
        self.competencies = competencies; self.need = need; self.needSource = needSource; self.needReason = needReason
        self.needAnalysisID = needAnalysisID; self.version = version
    }

    /// Validates a need: 0 or more, at most 100,000. Code `slot.invalid_need`.
    public static func need(_ value: Int, field: String = "need") throws -> Int {
        guard (0...100_000).contains(value) else {
            throw DomainError.invalid("slot.invalid_need", "A need is a whole number from 0 to 100000; got \(value).", field: field)
        }
        return value
    }
}

/// The grades a slot is open to, on the 1...17 scale (I/a ... IV/e for PNS, I ... XVII for PPPK).
/// Encodes as `{"min": 9, "max": 12}`.
public struct GradeRange: Codable, Sendable, Equatable {
    public let min: Int
    public let max: Int

    /// Throws `grade.out_of_range` (field `<field>.min` / `.max`) or `slot.grade_range_inverted`.
    public init(min: Int, max: Int, field: String = "grades") throws {
        for (value, name) in [(min, "min"), (max, "max")] where !(1...17).contains(value) {
            throw DomainError.invalid(
                "grade.out_of_range", "Grades run 1 (I/a) to 17 (IV/e); got \(value).", field: "\(field).\(name)")
        }
        guard min <= max else {
            throw DomainError.invalid(
                "slot.grade_range_inverted",
                "The lowest grade \(Grade(rawValue: min)!.label) is above the highest \(Grade(rawValue: max)!.label).",
                field: field)
        }
        self.min = min
        self.max = max
    }

    public init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case min, max }
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(min: try c.decode(Int.self, forKey: .min), max: try c.decode(Int.self, forKey: .max),
                      field: decoder.codingPath.last?.stringValue ?? "grades")
    }

    public func contains(_ grade: Int) -> Bool { (min...max).contains(grade) }

    /// A grade on the 1...17 scale from `III/a` or `9`; throws `grade.invalid`.
    public static func parseGrade(_ raw: String, field: String) throws -> Int {
        let text = raw.trimmingSpaces
        if let number = Int(text) {
            guard (1...17).contains(number) else {
                throw DomainError.invalid("grade.out_of_range", "Grades run 1 (I/a) to 17 (IV/e); got \(number).", field: field)
            }
            return number
        }
        return try Grade(parsing: text, field: field).rawValue
    }
}

/// A competency a slot requires, with the level (1...5) it requires.
public struct CompetencyRequirement: Codable, Sendable, Equatable, Hashable {
    public let code: String
    public let level: Int

    /// Throws `competency.invalid_code` or `competency.invalid_level`.
    public init(code: String, level: Int, field: String = "competencies") throws {
        self.code = try Competencies.code(code, field: field)
        guard (1...5).contains(level) else {
            throw DomainError.invalid(
                "competency.invalid_level", "A required competency level is 1 to 5; got \(level) for \(code).", field: field)
        }
        self.level = level
    }

    public init(from decoder: any Decoder) throws {
        enum Keys: String, CodingKey { case code, level }
        let c = try decoder.container(keyedBy: Keys.self)
        try self.init(code: try c.decode(String.self, forKey: .code), level: try c.decode(Int.self, forKey: .level),
                      field: decoder.codingPath.map(\.stringValue).joined(separator: "."))
    }
}

/// Competency codes and the `CODE:level|CODE:level` text form used in CSV files.
public enum Competencies {
    /// A competency code: 1-32 letters, digits, `_` or `-`, upper-cased (`epi` is `EPI`).
    public static func code(_ raw: String, field: String) throws -> String {
        let text = FastText.trimmed(raw).uppercased()
        guard (1...32).contains(text.utf8.count),
              text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x5F || $0 == 0x2D })
        else {
            throw DomainError.invalid(
                "competency.invalid_code", "A competency code has 1-32 letters, digits, '_' or '-'; got '\(raw)'.", field: field)
        }
        return text
    }

    /// Employee competency levels (0...5) by code. Throws `competency.invalid_level`.
    public static func levels(_ map: [String: Int], field: String = "competencies") throws -> [String: Int] {
        var result: [String: Int] = [:]
        for (code, level) in map.sorted(by: { $0.key < $1.key }) {
            guard (0...5).contains(level) else {
                throw DomainError.invalid(
                    "competency.invalid_level", "A competency level is 0 to 5; got \(level) for \(code).", field: field)
            }
            result[try self.code(code, field: field)] = level
        }
        return result
    }

    /// Parses `EPI:3|TIK:2` (spaces allowed, empty text: none) into code/level pairs, in order.
    /// Throws `competency.invalid_format` for a part without a whole-number level, and
    /// `competency.duplicate` for a code given twice.
    public static func parsePairs(_ raw: String, field: String) throws -> [(code: String, level: Int)] {
        var pairs: [(code: String, level: Int)] = []
        for (key, value) in try KeyValueList.parse(raw, field: field, errorCode: "competency.invalid_format",
                                                   shape: "Competencies are written CODE:level separated by '|', e.g. EPI:3|TIK:2") {
            guard let level = Int(value) else {
                throw DomainError.invalid("competency.invalid_format", "The level of competency \(key) must be a whole number; got '\(value)'.", field: field)
            }
            let code = try code(key, field: field)
            guard !pairs.contains(where: { $0.code == code }) else {
                throw DomainError.invalid("competency.duplicate", "Competency \(code) is given twice.", field: field)
            }
            pairs.append((code, level))
        }
        return pairs
    }

    /// `EPI:3|TIK:2`, codes sorted.
    public static func format(_ pairs: [(code: String, level: Int)]) -> String {
        pairs.sorted { $0.code < $1.code }.map { "\($0.code):\($0.level)" }.joined(separator: "|")
    }
}

/// Education fields (bidang pendidikan), e.g. "Pendidikan Matematika": trimmed, spaces collapsed,
/// at most 100 characters each; a list is written `A|B` in CSV files. Code `education_field.too_long`.
public enum EducationFields {
    public static func field(_ raw: String, field: String) throws -> String {
        let text = FastText.collapsed(raw)
        guard text.count <= 100 else {
            throw DomainError.invalid("education_field.too_long", "An education field has at most 100 characters.", field: field)
        }
        return text
    }

    /// The distinct non-empty fields of a list, in order.
    public static func list(_ raw: [String], field: String) throws -> [String] {
        var result: [String] = []
        for item in raw {
            let text = try self.field(item, field: field)
            if !text.isEmpty && !result.contains(text) { result.append(text) }
        }
        return result
    }

    /// Whether an employee's field fits a slot's fields (case-insensitive; no fields: anything fits).
    public static func fits(_ employeeField: String, _ slotFields: [String]) -> Bool {
        slotFields.isEmpty || slotFields.contains { $0.lowercased() == employeeField.lowercased() }
    }
}

/// The `KEY:value|KEY:value` lists of CSV cells (competencies, SKP ratings): parts separated by
/// `|`, key and value by the first `:`, both trimmed; empty parts skipped.
public enum KeyValueList {
    /// Throws `errorCode` with "`shape`; got '<part>'." for a part without `:`.
    public static func parse(_ raw: String, field: String, errorCode: String, shape: String) throws -> [(String, String)] {
        try raw.split(separator: "|").compactMap { part -> (String, String)? in
            let text = FastText.trimmed(part)
            guard !text.isEmpty else { return nil }
            guard let colon = text.firstIndex(of: ":") else {
                throw DomainError.invalid(errorCode, "\(shape); got '\(text)'.", field: field)
            }
            return (FastText.trimmed(text[..<colon]), FastText.trimmed(text[text.index(after: colon)...]))
        }
    }
}

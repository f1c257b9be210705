import Foundation

/// Reads an instance file (planning.md, "File formats") with its defaults, refusing wrong
/// types, missing fields and malformed JSON with the record, field and position at fault.
///
/// Only the shape is checked here; the rules (ids, ranges, references) are checked by
/// `PlanningInstance.validate()` and by the planner, for files and server data alike.
public enum InstanceDecoder {
    public static func decode(_ data: Data) throws -> PlanningInstance {
        try data.withUnsafeBytes { raw in try decode(raw.bindMemory(to: UInt8.self)) }
    }

    public static func decode(_ bytes: [UInt8]) throws -> PlanningInstance {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> PlanningInstance {
        var scanner = JSONScanner(bytes)
        let reader = FieldReader()
        var policy = PlanningInstance.Policy()
        var slots: [PlanningInstance.Slot]?
        var employees: [PlanningInstance.Employee]?
        try reader.expect(.object, &scanner, record: "document", field: "")
        try scanner.readObject { s, key in
            switch key {
            case "policy":
                if try reader.null(&s) { return }
                policy = try reader.policy(&s)
            case "slots":
                try reader.expect(.array, &s, record: "document", field: "slots")
                var list: [PlanningInstance.Slot] = []
                try s.readArray { s, i in list.append(try reader.slot(&s, index: i)) }
                slots = list
            case "employees":
                try reader.expect(.array, &s, record: "document", field: "employees")
                var list: [PlanningInstance.Employee] = []
                try s.readArray { s, i in list.append(try reader.employee(&s, index: i)) }
                employees = list
            default:
                try s.skipValue()
            }
        }
        try scanner.expectEnd()
        guard let slots else { throw FieldReader.missing(record: "document", field: "slots") }
        guard let employees else { throw FieldReader.missing(record: "document", field: "employees") }
        return PlanningInstance(policy: policy, slots: slots, employees: employees)
    }
}

/// Typed reads of one field each, naming the record and field when the type is wrong.
private struct FieldReader {
    static func missing(record: String, field: String) -> PlanningInputError {
        PlanningInputError("instance.missing_field", record: record, field: field, "is required")
    }

    func expect(_ kind: JSONScanner.Kind, _ s: inout JSONScanner, record: @autoclosure () -> String, field: String) throws {
        let found = try s.peekKind()
        if found != kind {
            // A value that is not even well-formed is reported as malformed JSON.
            let at = s.offset
            try s.skipValue()
            throw PlanningInputError(
                "json.wrong_type", record: record(), field: field,
                "expected \(kind.rawValue), found \(found.rawValue) at \(s.position(of: at))")
        }
    }

    /// Consumes a `null` (meaning "absent" for optional fields).
    func null(_ s: inout JSONScanner) throws -> Bool {
        if try s.peekKind() == .null {
            try s.readNull()
            return true
        }
        return false
    }

    func int(_ s: inout JSONScanner, record: @autoclosure () -> String, field: String) throws -> Int {
        try expect(.number, &s, record: record(), field: field)
        let at = s.offset
        let (value, isInteger) = try s.readNumber()
        guard let value else {
            throw PlanningInputError(
                "json.wrong_type", record: record(), field: field,
                (isInteger ? "integer too large" : "expected an integer") + " at \(s.position(of: at))")
        }
        return value
    }

    func string(_ s: inout JSONScanner, record: @autoclosure () -> String, field: String) throws -> String {
        try expect(.string, &s, record: record(), field: field)
        return try s.readString()
    }

    func bool(_ s: inout JSONScanner, record: @autoclosure () -> String, field: String) throws -> Bool {
        try expect(.bool, &s, record: record(), field: field)
        return try s.readBool()
    }

    func strings(_ s: inout JSONScanner, record: @autoclosure () -> String, field: String) throws -> [String] {
        try expect(.array, &s, record: record(), field: field)
        var list: [String] = []
        try s.readArray { s, i in list.append(try string(&s, record: record(), field: "\(field)[\(i)]")) }
        return list
    }

    func policy(_ s: inout JSONScanner) throws -> PlanningInstance.Policy {
        var policy = PlanningInstance.Policy()
        try expect(.object, &s, record: "document", field: "policy")
        try s.readObject { s, key in
            if try null(&s) { return }
            switch key {
            case "horizonMonths": policy.horizonMonths = try int(&s, record: "policy", field: key)
            case "minMonthsInPosition": policy.minMonthsInPosition = try int(&s, record: "policy", field: key)
            case "minPerformance": policy.minPerformance = try int(&s, record: "policy", field: key)
            case "maxTrainableGap": policy.maxTrainableGap = try int(&s, record: "policy", field: key)
            case "scope":
                let name = try string(&s, record: "policy", field: key)
                guard let scope = PlanningInstance.Scope(rawValue: name) else {
                    throw PlanningInputError(
                        "instance.unknown_scope", record: "policy", field: key,
                        "unknown scope \"\(name)\" (expected \"regency\", \"province\" or \"any\")")
                }
                policy.scope = scope
            default: try s.skipValue()
            }
        }
        return policy
    }

    func slot(_ s: inout JSONScanner, index: Int) throws -> PlanningInstance.Slot {
        var id: String?, unit: String?, region: String?
        var need: Int?, minGrade: Int?, maxGrade: Int?
        var educationFields: [String] = [], competencies: [PlanningInstance.Requirement] = []
        func record() -> String { "slots[\(index)]" + (id.map { " \"\($0)\"" } ?? "") }
        try expect(.object, &s, record: record(), field: "")
        try s.readObject { s, key in
            switch key {
            case "id": id = try string(&s, record: record(), field: key)
            case "unit": unit = try string(&s, record: record(), field: key)
            case "region": region = try string(&s, record: record(), field: key)
            case "need": need = try int(&s, record: record(), field: key)
            case "minGrade": minGrade = try int(&s, record: record(), field: key)
            case "maxGrade": maxGrade = try int(&s, record: record(), field: key)
            case "educationFields":
                educationFields = try null(&s) ? [] : try strings(&s, record: record(), field: key)
            case "competencies":
                if try null(&s) { competencies = []; return }
                try expect(.array, &s, record: record(), field: key)
                competencies = []
                try s.readArray { s, i in
                    let field = "competencies[\(i)]"
                    var code: String?, level: Int?
                    try expect(.object, &s, record: record(), field: field)
                    try s.readObject { s, key in
                        switch key {
                        case "code": code = try string(&s, record: record(), field: "\(field).code")
                        case "level": level = try int(&s, record: record(), field: "\(field).level")
                        default: try s.skipValue()
                        }
                    }
                    guard let code else { throw Self.missing(record: record(), field: "\(field).code") }
                    guard let level else { throw Self.missing(record: record(), field: "\(field).level") }
                    competencies.append(PlanningInstance.Requirement(code: code, level: level))
                }
            default: try s.skipValue()
            }
        }
        guard let id else { throw Self.missing(record: record(), field: "id") }
        guard let unit else { throw Self.missing(record: record(), field: "unit") }
        guard let region else { throw Self.missing(record: record(), field: "region") }
        guard let need else { throw Self.missing(record: record(), field: "need") }
        guard let minGrade else { throw Self.missing(record: record(), field: "minGrade") }
        guard let maxGrade else { throw Self.missing(record: record(), field: "maxGrade") }
        return PlanningInstance.Slot(
            id: id, unit: unit, region: region, need: need, minGrade: minGrade, maxGrade: maxGrade,
            educationFields: educationFields, competencies: competencies)
    }

    func employee(_ s: inout JSONScanner, index: Int) throws -> PlanningInstance.Employee {
        var id: String?, slot: String?, grade: Int?, educationField: String?
        var competencies: [String: Int] = [:]
        var performance: Int?, monthsInPosition: Int?, monthsToRetirement: Int?
        var requested = false, locked = false
        var preferences: [String] = []
        func record() -> String { "employees[\(index)]" + (id.map { " \"\($0)\"" } ?? "") }
        try expect(.object, &s, record: record(), field: "")
        try s.readObject { s, key in
            switch key {
            case "id": id = try string(&s, record: record(), field: key)
            case "slot": slot = try string(&s, record: record(), field: key)
            case "grade": grade = try int(&s, record: record(), field: key)
            case "educationField": educationField = try string(&s, record: record(), field: key)
            case "performance": performance = try int(&s, record: record(), field: key)
            case "monthsInPosition": monthsInPosition = try int(&s, record: record(), field: key)
            case "monthsToRetirement": monthsToRetirement = try int(&s, record: record(), field: key)
            case "requested": requested = try null(&s) ? false : try bool(&s, record: record(), field: key)
            case "locked": locked = try null(&s) ? false : try bool(&s, record: record(), field: key)
            case "preferences":
                preferences = try null(&s) ? [] : try strings(&s, record: record(), field: key)
            case "competencies":
                competencies = [:]
                if try null(&s) { return }
                try expect(.object, &s, record: record(), field: key)
                try s.readObject { s, code in
                    competencies[code] = try int(&s, record: record(), field: "competencies.\(code)")
                }
            default: try s.skipValue()
            }
        }
        guard let id else { throw Self.missing(record: record(), field: "id") }
        guard let slot else { throw Self.missing(record: record(), field: "slot") }
        guard let grade else { throw Self.missing(record: record(), field: "grade") }
        guard let educationField else { throw Self.missing(record: record(), field: "educationField") }
        guard let performance else { throw Self.missing(record: record(), field: "performance") }
        guard let monthsInPosition else { throw Self.missing(record: record(), field: "monthsInPosition") }
        guard let monthsToRetirement else { throw Self.missing(record: record(), field: "monthsToRetirement") }
        return PlanningInstance.Employee(
            id: id, slot: slot, grade: grade, educationField: educationField, competencies: competencies,
            performance: performance, monthsInPosition: monthsInPosition,
            monthsToRetirement: monthsToRetirement, requested: requested, locked: locked,
            preferences: preferences)
    }
}

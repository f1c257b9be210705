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
                throw FieldReader.unknown(record: "document", field: key)
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

    /// A field the format does not have; version 1's `requested` is named with its successor.
    static func unknown(record: String, field: String) -> PlanningInputError {
        let hint = field == "requested"
            ? " (version 1's \"requested\" is replaced by \"wish\": \"move\", \"stay\" or \"none\")"
            : ""
        return PlanningInputError("instance.unknown_field", record: record, field: field, "is not a field of this format" + hint)
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
            case "mode":
                let name = try string(&s, record: "policy", field: key)
                guard let mode = PlanningInstance.Mode(rawValue: name) else {
                    throw PlanningInputError(
                        "instance.unknown_mode", record: "policy", field: key,
                        "unknown mode \"\(name)\" (expected \"balance\" or \"voluntary\")")
                }
                policy.mode = mode
            case "fitWeight": policy.fitWeight = try int(&s, record: "policy", field: key)
            case "wishBonus": policy.wishBonus = try int(&s, record: "policy", field: key)
            case "wishStep": policy.wishStep = try int(&s, record: "policy", field: key)
            case "compulsoryCost": policy.compulsoryCost = try int(&s, record: "policy", field: key)
            case "stayCost": policy.stayCost = try int(&s, record: "policy", field: key)
            case "ignoredWishCost": policy.ignoredWishCost = try int(&s, record: "policy", field: key)
            default: try s.skipValue(); throw Self.unknown(record: "policy", field: key)
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
                educationFields = try strings(&s, record: record(), field: key)
            case "competencies":
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
                        default: try s.skipValue(); throw Self.unknown(record: record(), field: "\(field).\(key)")
                        }
                    }
                    guard let code else { throw Self.missing(record: record(), field: "\(field).code") }
                    guard let level else { throw Self.missing(record: record(), field: "\(field).level") }
                    competencies.append(PlanningInstance.Requirement(code: code, level: level))
                }
            default: try s.skipValue(); throw Self.unknown(record: record(), field: key)
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
        var wish = PlanningInstance.Wish.none, priority = 0, locked = false
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
            case "wish":
                let name = try string(&s, record: record(), field: key)
                guard let value = PlanningInstance.Wish(rawValue: name) else {
                    throw PlanningInputError(
                        "instance.unknown_wish", record: record(), field: key,
                        "unknown wish \"\(name)\" (expected \"move\", \"stay\" or \"none\")")
                }
                wish = value
            case "priority": priority = try int(&s, record: record(), field: key)
            case "locked": locked = try bool(&s, record: record(), field: key)
            case "preferences":
                preferences = try strings(&s, record: record(), field: key)
            case "competencies":
                competencies = [:]
                try expect(.object, &s, record: record(), field: key)
                try s.readObject { s, code in
                    let level = try int(&s, record: record(), field: "competencies.\(code)")
                    if competencies.index(forKey: code) != nil {
                        throw PlanningInputError(
                            "instance.duplicate_code", record: record(), field: "competencies.\(code)",
                            "the code is given more than once")
                    }
                    competencies[code] = level
                }
            default: try s.skipValue(); throw Self.unknown(record: record(), field: key)
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
            monthsToRetirement: monthsToRetirement, wish: wish, priority: priority, locked: locked,
            preferences: preferences)
    }
}

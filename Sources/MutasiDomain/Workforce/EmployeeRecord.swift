import Foundation

/// The fields of an employee that users write (API bodies, CSV rows), validated together: the
/// number by the kind's structure, the birth date and sex as the number encodes them, the grade
/// on the kind's scale, the placement and the lock.
public struct EmployeeRecord: Sendable, Equatable {
    public var number: EmployeeNumber
    public var name: String
    public var grade: Int
    public var educationLevel: EducationLevel?
    public var educationField: String
    public var competencies: [String: Int]
    public var slotID: UUID?
    public var slotSince: CalendarDate?
    public var locked: Bool
    public var lockReason: String?

    public var kind: CivilServantKind { number.kind }
    public var birthDate: CalendarDate { number.birthDate }
    public var sex: Sex { number.sex }

    public init(number: EmployeeNumber, name: String, grade: Int, educationLevel: EducationLevel?, educationField: String,
                competencies: [String: Int], slotID: UUID?, slotSince: CalendarDate?, locked: Bool, lockReason: String?) {
        self.number = number; self.name = name; self.grade = grade; self.educationLevel = educationLevel
        self.educationField = educationField; self.competencies = competencies; self.slotID = slotID
        self.slotSince = slotSince; self.locked = locked; self.lockReason = lockReason
    }

    /// A birth date given beside the number must be the one the number holds; throws
    /// `employee.birth_date_mismatch`.
    public static func checkBirthDate(_ given: CalendarDate?, _ number: EmployeeNumber, field: String = "birthDate") throws {
        guard let given, given != number.birthDate else { return }
        throw DomainError.invalid(
            "employee.birth_date_mismatch",
            "The birth date \(given) differs from the one in the \(number.kind == .pns ? "NIP" : "NI PPPK") (\(number.birthDate)).",
            field: field)
    }

    /// A sex given beside the number must be the one the number holds; throws `employee.sex_mismatch`.
    public static func checkSex(_ given: Sex?, _ number: EmployeeNumber, field: String = "sex") throws {
        guard let given, given != number.sex else { return }
        throw DomainError.invalid(
            "employee.sex_mismatch",
            "The sex \(given.letter) differs from the one in the \(number.kind == .pns ? "NIP" : "NI PPPK") (\(number.sex.letter)).",
            field: field)
    }

    /// A slot needs its since-date and a since-date needs a slot; the date is not before the
    /// birth date plus 18 years. Codes `employee.slot_since_required`, `employee.slot_since_without_slot`,
    /// `employee.slot_since_too_early`.
    public static func checkPlacement(hasSlot: Bool, since: CalendarDate?, birthDate: CalendarDate,
                                      field: String = "slotSince") throws {
        switch (hasSlot, since) {
        case (true, nil):
            throw DomainError.invalid("employee.slot_since_required", "Give the date since when the employee holds the slot (TMT jabatan).", field: field)
        case (false, .some):
            throw DomainError.invalid("employee.slot_since_without_slot", "A TMT jabatan needs a slot.", field: field)
        case (true, .some(let date)) where date < birthDate.addingYears(NIP.minimumStartAge):
            throw DomainError.invalid("employee.slot_since_too_early", "The TMT jabatan \(date) is before the employee turned 18.", field: field)
        default:
            return
        }
    }

    /// A locked employee needs a reason (1-500 characters); an unlocked one has none.
    /// Returns the reason to store; throws `employee.lock_reason_required` or `employee.lock_reason_too_long`.
    public static func lockReason(locked: Bool, reason: String?, field: String = "lockReason") throws -> String? {
        guard locked else { return nil }
        let text = (reason ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard !text.isEmpty else {
            throw DomainError.invalid("employee.lock_reason_required", "A locked employee needs a reason.", field: field)
        }
        guard text.count <= 500 else {
            throw DomainError.invalid("employee.lock_reason_too_long", "A lock reason has at most 500 characters.", field: field)
        }
        return text
    }
}

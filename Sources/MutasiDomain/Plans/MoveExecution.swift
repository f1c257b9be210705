import Foundation

/// What became of one kept move of a decreed plan on its effective date (TMT): `executed` (the
/// employee holds the target slot from the TMT) or `skipped`, never half-applied, with the
/// reason. An executed move then carries its follow-up: the date the employee reported for duty
/// (SPMT) and the mentor named in the receiving unit.
public struct MoveExecution: Codable, Sendable, Equatable {
    public enum Outcome: String, Codable, Sendable {
        case executed, skipped
    }
    public var employeeID: UUID
    public var outcome: Outcome
    /// Why a move was skipped: `employee.moved`, `employee.not_in_post`, `employee.locked`,
    /// `employee.retired`; nil when executed.
    public var reason: String?
    /// The reason in words (Bahasa Indonesia).
    public var note: String?
    public var effectiveDate: CalendarDate
    public var at: Date
    /// SPMT: the day the employee reported for duty in the new post.
    public var reportedOn: CalendarDate?
    public var mentorID: UUID?
    public var version: Int

    public init(employeeID: UUID, outcome: Outcome, reason: String?, note: String?, effectiveDate: CalendarDate, at: Date,
                reportedOn: CalendarDate?, mentorID: UUID?, version: Int) {
        self.employeeID = employeeID; self.outcome = outcome; self.reason = reason; self.note = note
        self.effectiveDate = effectiveDate; self.at = at; self.reportedOn = reportedOn; self.mentorID = mentorID
        self.version = version
    }
}

/// One item of an executed move's training plan.
public struct TrainingItem: Codable, Sendable, Equatable {
    public enum Status: String, Codable, Sendable {
        case planned, done
    }
    public var competency: String
    public var gap: Int
    public var course: String
    /// Lesson hours (jam pelajaran, JP).
    public var hours: Int
    public var dueOn: CalendarDate
    public var status: Status

    public init(competency: String, gap: Int, course: String, hours: Int, dueOn: CalendarDate, status: Status) {
        self.competency = competency; self.gap = gap; self.course = course; self.hours = hours; self.dueOn = dueOn
        self.status = status
    }

    /// The lesson hours each ASN is owed a year for competence development.
    public static let owedHoursPerYear = 20
    /// The hours an item seeded from a training need gets per level of gap.
    public static let seededHoursPerGapLevel = 10
    /// How long after the TMT a seeded item is due.
    public static let seededDueMonths = 6
    public static let maxItems = 50
    public static let hoursRange = 1...200
    public static let gapRange = 0...5
}

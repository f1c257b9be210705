import Foundation

/// A contest of priority points (sanggahan poin): an employee disputes their points in a campaign
/// with a reason while it is open; a tenant admin upholds it with an adjustment, which then counts
/// in the employee's points of that campaign, or rejects it. Both decisions carry a note.
public struct PointContest: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case pending, upheld, rejected
    }

    public enum Decision: String, Codable, Sendable, CaseIterable {
        case uphold, reject
    }

    /// A reason has 10 to 1,000 characters; a note 1 to 1,000 (counted as the database counts them).
    public static let reasonLength = 10...1000
    public static let noteLength = 1...1000
    /// An adjustment is never 0: a contest that changes nothing is rejected.
    public static let adjustmentRange = -PriorityPoints.max...PriorityPoints.max

    public var tenantID: UUID
    public var id: UUID
    public var campaignID: UUID
    public var employeeID: UUID
    public var nip: String
    public var employeeName: String
    /// The agency of the employee's slot now; nil when not placed.
    public var agencyID: UUID?
    public var reason: String
    public var state: State
    /// Points added (or taken away) by an upheld contest.
    public var adjustment: Int?
    /// The tenant admin's note on the decision.
    public var note: String?
    public var filedBy: UUID
    public var filedAt: Date
    public var decidedBy: UUID?
    public var decidedAt: Date?
    public var version: Int

    public init(tenantID: UUID, id: UUID, campaignID: UUID, employeeID: UUID, nip: String, employeeName: String,
                agencyID: UUID?, reason: String, state: State, adjustment: Int?, note: String?, filedBy: UUID, filedAt: Date,
                decidedBy: UUID?, decidedAt: Date?, version: Int) {
        self.tenantID = tenantID; self.id = id; self.campaignID = campaignID; self.employeeID = employeeID; self.nip = nip
        self.employeeName = employeeName; self.agencyID = agencyID; self.reason = reason; self.state = state
        self.adjustment = adjustment; self.note = note; self.filedBy = filedBy; self.filedAt = filedAt
        self.decidedBy = decidedBy; self.decidedAt = decidedAt; self.version = version
    }

    /// An employee has at most one pending contest per campaign.
    public static let pendingConflict = DomainError.conflict(
        "contest.pending", "You already have a pending contest in this campaign; wait for its decision.")

    /// The reason, trimmed, of 10 to 1,000 characters (`contest.invalid_reason`, field `reason`).
    public static func reason(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reasonLength.contains(text.unicodeScalars.count) else {
            throw DomainError.invalid("contest.invalid_reason", "reason must have 10 to 1000 characters.", field: "reason")
        }
        return text
    }

    /// The note, trimmed, of 1 to 1,000 characters (`contest.invalid_note`, field `note`).
    public static func note(_ raw: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard noteLength.contains(text.unicodeScalars.count) else {
            throw DomainError.invalid("contest.invalid_note", "note must have 1 to 1000 characters.", field: "note")
        }
        return text
    }

    /// The adjustment a decision gives: required and non-zero within -500...500 to uphold, absent
    /// to reject (`contest.invalid_adjustment`, field `adjustment`).
    public static func adjustment(_ value: Int?, for decision: Decision) throws -> Int? {
        switch decision {
        case .reject:
            guard value == nil else {
                throw DomainError.invalid("contest.invalid_adjustment", "A rejected contest has no adjustment.", field: "adjustment")
            }
            return nil
        case .uphold:
            guard let value, value != 0, adjustmentRange.contains(value) else {
                throw DomainError.invalid("contest.invalid_adjustment",
                    "Upholding needs an adjustment between -500 and 500 other than 0.", field: "adjustment")
            }
            return value
        }
    }
}

import Foundation

/// An employee's preference form (formulir preferensi) in one campaign: the wish, up to five
/// units ranked (most wanted first), the reasons, and the spouse's workplace for a reunion.
public struct PreferenceForm: Codable, Sendable, Equatable {
    public enum Wish: String, Codable, Sendable, CaseIterable {
        /// A transfer request (permohonan mutasi).
        case move
        case stay
        case none
    }

    public enum ReasonCategory: String, Codable, Sendable, CaseIterable {
        case familyReunion = "family_reunion"
        case health
        case career
        case childrenSchool = "children_school"
        case other
    }

    public struct Reason: Codable, Sendable, Equatable {
        public var category: ReasonCategory
        public var text: String
        public init(category: ReasonCategory, text: String) { self.category = category; self.text = text }
    }

    /// Where a transfer request stands: `filed`; `inPlan` while a plan from the campaign in
    /// review proposes a move for the employee; `answered` once they answered it; `decided` once
    /// a plan from the campaign is approved (or later), with `granted` and `decisionReason`. Only
    /// `filed` is stored; the others are read from the plans.
    public enum RequestStatus: String, Codable, Sendable {
        case filed
        case inPlan
        case answered
        case decided
    }

    public static let maxPreferences = 5
    public static let maxReasons = 5
    public static let maxReasonText = 1000

    public var tenantID: UUID
    public var campaignID: UUID
    public var employeeID: UUID
    public var nip: String
    public var employeeName: String
    /// The agency of the employee's slot now; nil when not placed.
    public var agencyID: UUID?
    public var wish: Wish
    public var preferences: [UUID]
    public var reasons: [Reason]
    /// A unit id of the tenant or a Kemendagri region code.
    public var spouseWorkplace: String?
    /// Only for a transfer request (`wish` = `move`).
    public var requestStatus: RequestStatus?
    /// Once `decided`: whether the approved plan moves the employee, and why, in Bahasa Indonesia.
    public var granted: Bool?
    public var decisionReason: String?
    public var filedAt: Date
    public var updatedAt: Date
    public var version: Int

    public init(tenantID: UUID, campaignID: UUID, employeeID: UUID, nip: String, employeeName: String, agencyID: UUID?,
                wish: Wish, preferences: [UUID], reasons: [Reason], spouseWorkplace: String?, requestStatus: RequestStatus?,
                filedAt: Date, updatedAt: Date, version: Int) {
        self.tenantID = tenantID; self.campaignID = campaignID; self.employeeID = employeeID; self.nip = nip
        self.employeeName = employeeName; self.agencyID = agencyID; self.wish = wish; self.preferences = preferences
        self.reasons = reasons; self.spouseWorkplace = spouseWorkplace; self.requestStatus = requestStatus
        self.filedAt = filedAt; self.updatedAt = updatedAt; self.version = version
    }
}

extension PreferenceForm {
    /// Marks a transfer request decided by an approved plan of its campaign: granted when the
    /// plan keeps a move for the employee (to `toUnit`); not granted when it has none for them
    /// (`toUnit` nil) or the approver dropped it (`droppedReason`).
    public mutating func decide(toUnit: String?, droppedReason: String?) {
        requestStatus = .decided
        if let droppedReason {
            granted = false
            decisionReason = "Usulan mutasi dibatalkan oleh pejabat yang menyetujui: \(droppedReason)"
        } else if let toUnit {
            granted = true
            decisionReason = "Dimutasi ke unit \(toUnit)."
        } else {
            granted = false
            decisionReason = "Tidak termasuk dalam rencana mutasi yang disetujui."
        }
    }
}

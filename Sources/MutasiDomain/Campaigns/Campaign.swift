import Foundation

/// A preference campaign (kampanye preferensi): the period in which employees of the agencies it
/// covers (none listed: the whole tenant) file preference forms, and the deadline for answers to
/// the moves proposed from it. A tenant admin prepares it as a draft, opens it, and closes it.
public struct Campaign: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case draft, open, closed
    }

    public var tenantID: UUID
    public var id: UUID
    public var name: String
    public var opensAt: Date
    public var closesAt: Date
    public var answerDeadline: Date?
    /// The agencies covered; empty: every agency of the tenant (and employees without one).
    public var agencyIDs: [UUID]
    public var state: State
    public var createdBy: UUID
    public var createdAt: Date
    public var openedAt: Date?
    public var closedAt: Date?
    public var version: Int
    /// How employees of the campaign earn priority points.
    public var pointRules: PointRules

    public init(tenantID: UUID, id: UUID, name: String, opensAt: Date, closesAt: Date, answerDeadline: Date?,
                agencyIDs: [UUID], state: State, createdBy: UUID, createdAt: Date, openedAt: Date?, closedAt: Date?,
                version: Int, pointRules: PointRules = PointRules()) {
        self.tenantID = tenantID; self.id = id; self.name = name; self.opensAt = opensAt; self.closesAt = closesAt
        self.answerDeadline = answerDeadline; self.agencyIDs = agencyIDs; self.state = state; self.createdBy = createdBy
        self.createdAt = createdAt; self.openedAt = openedAt; self.closedAt = closedAt; self.version = version
        self.pointRules = pointRules
    }

    public var coversWholeTenant: Bool { agencyIDs.isEmpty }

    /// Whether an employee of `agencyID` (nil: not placed in any slot) falls in the campaign.
    public func covers(agencyID: UUID?) -> Bool {
        coversWholeTenant || agencyID.map(agencyIDs.contains) == true
    }

    /// Whether two campaigns share an agency (a whole-tenant campaign shares all).
    public func overlaps(_ other: Campaign) -> Bool {
        coversWholeTenant || other.coversWholeTenant || !Set(agencyIDs).isDisjoint(with: other.agencyIDs)
    }
}

/// How many campaigns a tenant has in each state and how many forms were filed: what the
/// platform and BKN admins may see of them.
public struct CampaignCounts: Codable, Sendable, Equatable {
    public var draft: Int
    public var open: Int
    public var closed: Int
    public var forms: Int
    public init(draft: Int, open: Int, closed: Int, forms: Int) {
        self.draft = draft; self.open = open; self.closed = closed; self.forms = forms
    }
}

import Foundation
import MutasiDomain

/// The fields of a campaign its tenant admin sets (all of them, validated).
public struct CampaignFields: Sendable {
    public var name: String
    public var opensAt: Date
    public var closesAt: Date
    public var answerDeadline: Date?
    public var agencyIDs: [UUID]
    public var pointRules: PointRules
    public init(name: String, opensAt: Date, closesAt: Date, answerDeadline: Date?, agencyIDs: [UUID],
                pointRules: PointRules = PointRules()) {
        self.name = name; self.opensAt = opensAt; self.closesAt = closesAt; self.answerDeadline = answerDeadline
        self.agencyIDs = agencyIDs; self.pointRules = pointRules
    }
}

/// Which campaigns to list.
public struct CampaignFilter: Sendable {
    /// Only campaigns covering one of these agencies or the whole tenant (an operator's); nil: all.
    public var coveringAgencies: [UUID]?
    /// Only open campaigns that cover an employee of this agency (`.some(nil)`: not placed).
    public var openFor: UUID??
    public var state: Campaign.State?
    public init(coveringAgencies: [UUID]? = nil, openFor: UUID?? = nil, state: Campaign.State? = nil) {
        self.coveringAgencies = coveringAgencies; self.openFor = openFor; self.state = state
    }
}

/// A form as filed: what the employee wrote.
public struct FormContent: Sendable {
    public var wish: PreferenceForm.Wish
    public var preferences: [UUID]
    public var reasons: [PreferenceForm.Reason]
    public var spouseWorkplace: String?
    public init(wish: PreferenceForm.Wish, preferences: [UUID], reasons: [PreferenceForm.Reason], spouseWorkplace: String?) {
        self.wish = wish; self.preferences = preferences; self.reasons = reasons; self.spouseWorkplace = spouseWorkplace
    }
}

/// What one employee's priority points in a campaign are computed from.
public struct PointsSubject: Sendable, Equatable {
    public var employeeID: UUID
    public var nip: String
    public var name: String
    public var agencyID: UUID?
    public var slotSince: CalendarDate?
    /// The reason categories of the employee's form in the campaign (none without a form).
    public var reasons: [PreferenceForm.ReasonCategory]
    /// Codes of the remote units the employee serves in or served in.
    public var remoteUnits: [String]
    /// The adjustments of the employee's upheld contests in the campaign, in the order decided.
    public var adjustments: [PriorityPoints.Adjustment]
    public init(employeeID: UUID, nip: String, name: String, agencyID: UUID?, slotSince: CalendarDate?,
                reasons: [PreferenceForm.ReasonCategory], remoteUnits: [String] = [],
                adjustments: [PriorityPoints.Adjustment] = []) {
        self.employeeID = employeeID; self.nip = nip; self.name = name; self.agencyID = agencyID
        self.slotSince = slotSince; self.reasons = reasons; self.remoteUnits = remoteUnits; self.adjustments = adjustments
    }
}

/// A form written in bulk (the demo's): the employee by NIP and the units by code.
public struct FormImportRow: Sendable, Encodable {
    public var nip: String
    public var wish: PreferenceForm.Wish
    public var unitCodes: [String]
    public var reasons: [PreferenceForm.Reason]
    public var spouseWorkplace: String?
    public init(nip: String, wish: PreferenceForm.Wish, unitCodes: [String], reasons: [PreferenceForm.Reason],
                spouseWorkplace: String?) {
        self.nip = nip; self.wish = wish; self.unitCodes = unitCodes; self.reasons = reasons; self.spouseWorkplace = spouseWorkplace
    }
}

/// Storage of preference campaigns and their forms, within the transaction's tenant.
public protocol CampaignRepository: Sendable {
    func create(tenantID: UUID, _ fields: CampaignFields, createdBy: UUID) async throws -> Campaign
    /// With `lock`, the row stays locked until the transaction ends.
    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> Campaign?
    /// Newest opening first.
    func list(tenantID: UUID, _ filter: CampaignFilter, _ page: PageRequest) async throws -> Page<Campaign>
    /// Replaces the fields and bumps the version.
    func update(tenantID: UUID, id: UUID, _ fields: CampaignFields) async throws -> Campaign
    /// Moves the campaign to `state` (stamping when it opened or closed) and bumps the version.
    func setState(tenantID: UUID, id: UUID, _ state: Campaign.State) async throws -> Campaign
    /// Serialises the opening of campaigns of one tenant (until the transaction ends).
    func lockOpening(tenantID: UUID) async throws
    /// The open campaigns of the tenant.
    func openCampaigns(tenantID: UUID) async throws -> [Campaign]
    func counts(tenantID: UUID) async throws -> CampaignCounts
    /// Which of `ids` are agencies of the tenant.
    func existingAgencies(tenantID: UUID, _ ids: [UUID]) async throws -> Set<UUID>
    /// The agency of each of `ids` that is a unit of the tenant.
    func unitAgencies(tenantID: UUID, _ ids: [UUID]) async throws -> [UUID: UUID]
    /// The code of each of `ids` that is a unit of the tenant.
    func unitCodes(tenantID: UUID, _ ids: [UUID]) async throws -> [UUID: String]

    /// The employee's form, with `lock` held until the transaction ends.
    func form(tenantID: UUID, campaignID: UUID, employeeID: UUID, lock: Bool) async throws -> PreferenceForm?
    /// Stores the form (a new one at version 1, else the next version) and keeps the version in
    /// the history.
    func saveForm(tenantID: UUID, campaignID: UUID, employeeID: UUID, _ content: FormContent,
                  requestStatus: PreferenceForm.RequestStatus?, filedBy: UUID) async throws -> PreferenceForm
    /// Forms of the campaign, by NIP; `agencyIDs` limits them to employees of those agencies,
    /// `filter` to one wish and one agency.
    func forms(tenantID: UUID, campaignID: UUID, agencyIDs: [UUID]?, _ filter: FormFilter,
               _ page: PageRequest) async throws -> Page<PreferenceForm>
    /// Stores the forms (each at version 1, with its history row) in one statement per table and
    /// returns how many were stored; rows whose NIP or units the tenant lacks are skipped.
    func importForms(tenantID: UUID, campaignID: UUID, _ rows: [FormImportRow], filedBy: UUID) async throws -> Int
    /// The stored versions of the employee's form, newest first.
    func formVersions(tenantID: UUID, campaignID: UUID, employeeID: UUID, _ page: PageRequest) async throws -> Page<PreferenceFormVersion>
    /// Every form of the campaign, by NIP (for the export).
    func allForms(tenantID: UUID, campaignID: UUID) async throws -> [PreferenceForm]
    /// The employees the campaign covers, by NIP, with what their points come from; `agencyIDs`
    /// limits them to employees of those agencies, `employeeID` to one.
    func pointSubjects(tenantID: UUID, campaign: Campaign, agencyIDs: [UUID]?, employeeID: UUID?,
                       _ page: PageRequest) async throws -> Page<PointsSubject>
}

/// What a list of a campaign's forms is narrowed to: a wish, an agency (of the employee's slot).
public struct FormFilter: Sendable, Equatable {
    public var wish: PreferenceForm.Wish?
    public var agencyID: UUID?
    public init(wish: PreferenceForm.Wish? = nil, agencyID: UUID? = nil) { self.wish = wish; self.agencyID = agencyID }
}

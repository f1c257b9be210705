import Foundation
import MutasiDomain
import MutasiRepositories

/// Priority points (poin prioritas) of a campaign's employees, computed whenever they are read
/// from the campaign's rules, each employee's years in post, the reasons of their form, the
/// remote units they serve or served in and their upheld contests (`PointContestService`). An
/// employee reads their own (once the campaign is no longer a draft); staff read them with the
/// visibility of the forms: tenant admins, approvers and auditors all, operators their agencies'.
public struct PriorityPointsService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// One employee's points in a campaign.
    public struct Entry: Codable, Sendable, Equatable {
        public var employeeID: UUID
        public var nip: String
        public var name: String
        public var agencyID: UUID?
        /// The day up to which whole years in post are counted.
        public var asOf: CalendarDate
        public var total: Int
        public var breakdown: [PriorityPoints.Part]
    }

    public func mine(actor: Principal, tenantID: UUID, campaignID: UUID) async throws -> Entry {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            let (campaign, employee) = try await PreferenceFormService.ownCampaign(tx, actor, tenantID: tenantID, campaignID: campaignID)
            let subjects = try await tx.campaigns.pointSubjects(tenantID: tenantID, campaign: campaign, agencyIDs: nil,
                                                                employeeID: employee.id, try PageRequest(limit: 1))
            guard let subject = subjects.items.first else {
                throw DomainError(.forbidden, code: "form.outside_campaign", "This campaign does not cover your agency.")
            }
            return Self.entry(subject, campaign, asOf: Self.asOf(campaign, now: env.now()))
        }
    }

    public func list(actor: Principal, tenantID: UUID, campaignID: UUID, page: PageRequest) async throws -> Page<Entry> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: PreferenceFormService.staff) { tx, _ in
            let campaign = try await CampaignService.visible(tx, actor, tenantID: tenantID, id: campaignID, lock: false)
            let subjects = try await tx.campaigns.pointSubjects(tenantID: tenantID, campaign: campaign,
                                                                agencyIDs: TenantScope.visibleAgencies(actor), employeeID: nil, page)
            let asOf = Self.asOf(campaign, now: env.now())
            return Page(items: subjects.items.map { Self.entry($0, campaign, asOf: asOf) }, total: subjects.total,
                        request: page)
        }
    }

    /// Years in post count up to the campaign's closing or today, whichever is earlier.
    static func asOf(_ campaign: Campaign, now: Date) -> CalendarDate {
        CalendarDate.utc(min(campaign.closesAt, now))
    }

    static func entry(_ s: PointsSubject, _ campaign: Campaign, asOf: CalendarDate) -> Entry {
        let points = PriorityPoints.compute(campaign.pointRules, slotSince: s.slotSince, asOf: asOf, reasons: s.reasons,
                                            remoteUnits: s.remoteUnits, adjustments: s.adjustments)
        return Entry(employeeID: s.employeeID, nip: s.nip, name: s.name, agencyID: s.agencyID, asOf: asOf,
                     total: points.total, breakdown: points.breakdown)
    }
}

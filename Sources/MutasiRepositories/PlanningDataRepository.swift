import Foundation
import MutasiDomain

/// A slot as the planning engine needs it.
public struct PlanningSlotRecord: Sendable {
    public var id: UUID
    /// `unit-code/slot-code`: readable and unique in the tenant.
    public var key: String
    public var unitCode: String
    public var region: String
    public var need: Int
    public var minGrade: Int
    public var maxGrade: Int
    public var educationFields: [String]
    /// Required minimum levels, in the order the slot lists them.
    public var competencies: [(code: String, level: Int)]
    public var positionKind: String
    public init(id: UUID, key: String, unitCode: String, region: String, need: Int, minGrade: Int, maxGrade: Int,
                educationFields: [String], competencies: [(code: String, level: Int)], positionKind: String) {
        self.id = id; self.key = key; self.unitCode = unitCode; self.region = region; self.need = need
        self.minGrade = minGrade; self.maxGrade = maxGrade; self.educationFields = educationFields
        self.competencies = competencies; self.positionKind = positionKind
    }
}

/// An employee in a slot, as the planning engine needs them.
public struct PlanningEmployeeRecord: Sendable {
    public var id: UUID
    public var nip: String
    public var name: String
    public var slotID: UUID
    public var slotSince: CalendarDate
    public var birthDate: CalendarDate
    public var grade: Int
    public var educationField: String
    public var competencies: [String: Int]
    /// Latest SKP predicate (1..5), nil when none is recorded.
    public var latestPerformance: Int?
    public var transferRequested: Bool
    public var locked: Bool
    /// The wish of the employee's form in the plan's campaign; nil without a form (or a campaign).
    public var formWish: PreferenceForm.Wish?
    /// Unit codes the form ranks, most wanted first (up to five); empty without a form.
    public var preferredUnits: [String]
    /// The reason categories of the form (for priority points); empty without a form.
    public var formReasons: [PreferenceForm.ReasonCategory]
    /// The agency of the employee's slot (whether the plan's campaign covers them).
    public var agencyID: UUID?
    /// Codes of the remote units the employee serves in or served in (for priority points).
    public var remoteUnits: [String]
    /// Adjustments of the employee's upheld point contests in the plan's campaign.
    public var pointAdjustments: [PriorityPoints.Adjustment]
    public init(id: UUID, nip: String, name: String, slotID: UUID, slotSince: CalendarDate, birthDate: CalendarDate,
                grade: Int, educationField: String, competencies: [String: Int], latestPerformance: Int?,
                transferRequested: Bool, locked: Bool, formWish: PreferenceForm.Wish? = nil, preferredUnits: [String],
                formReasons: [PreferenceForm.ReasonCategory] = [], agencyID: UUID? = nil, remoteUnits: [String] = [],
                pointAdjustments: [PriorityPoints.Adjustment] = []) {
        self.id = id; self.nip = nip; self.name = name; self.slotID = slotID; self.slotSince = slotSince
        self.birthDate = birthDate; self.grade = grade; self.educationField = educationField
        self.competencies = competencies; self.latestPerformance = latestPerformance
        self.transferRequested = transferRequested; self.locked = locked; self.formWish = formWish
        self.preferredUnits = preferredUnits; self.formReasons = formReasons; self.agencyID = agencyID
        self.remoteUnits = remoteUnits; self.pointAdjustments = pointAdjustments
    }
}

/// Reads what a plan is built from: the tenant's slots, the employees holding them (with their
/// forms in the plan's campaign, if any), and the tenant's retirement ages.
public protocol PlanningDataRepository: Sendable {
    func slots(tenantID: UUID) async throws -> [PlanningSlotRecord]
    /// With `campaignID`, each employee's form in that campaign: its wish and its ranked units
    /// as unit codes.
    func employees(tenantID: UUID, campaignID: UUID?) async throws -> [PlanningEmployeeRecord]
    /// Position kind -> age, where the tenant departs from the defaults.
    func retirementAgeOverrides(tenantID: UUID) async throws -> [String: Int]
}

import Foundation
import MutasiDomain
import MutasiPlanning
import MutasiRepositories

/// Turns a tenant's live data into the planning.md instance the engine solves, and remembers
/// how the instance's text ids map back to records.
///
/// Ids in the instance are readable: a slot is `unit-code/slot-code`, a unit its code, an
/// employee their NIP. Months are whole calendar months up to `today`. An employee with no
/// SKP rating on record is given performance 1 and marked locked, so they count in their
/// slot's headcount but are never moved on an unknown rating. An employee whose retirement date
/// has passed is left out: retired, no longer in post. A plan from a campaign takes each
/// employee's wish and ranked units from their form in it (no form: `none`, no units); a plan
/// without one reads a recorded transfer request as the wish `move` and anyone else as `none`.
/// With the campaign, each employee it covers has the priority points its rules give them, with
/// their remote service and the adjustments of their upheld contests (`PriorityPoints`, as its
/// points routes show them); everyone else has none.
public struct PlanningInstanceBuilder: Sendable {
    public let instance: PlanningInstance
    public let slotIDs: [String: UUID]
    public let employeeIDs: [String: UUID]

    /// `fromCampaign`: the employees' records carry their forms of the plan's campaign.
    /// `points`: the campaign and the day up to which years in post count.
    /// `keptInPlace`: employees locked in their slot (whose objection a re-planned plan upheld).
    public init(policy: PlanPolicy, fromCampaign: Bool = false, points: (campaign: Campaign, asOf: CalendarDate)? = nil,
                slots: [PlanningSlotRecord], employees: [PlanningEmployeeRecord], keptInPlace: Set<UUID> = [],
                retirementAges: RetirementAgeTable, today: CalendarDate) {
        var slotIDs: [String: UUID] = [:]
        var slotKeys: [UUID: String] = [:]
        var slotKinds: [UUID: PositionKind] = [:]
        let planningSlots = slots.map { slot -> PlanningInstance.Slot in
            slotIDs[slot.key] = slot.id
            slotKeys[slot.id] = slot.key
            slotKinds[slot.id] = PositionKind(rawValue: slot.positionKind) ?? .executor
            return PlanningInstance.Slot(
                id: slot.key, unit: slot.unitCode, region: slot.region, need: slot.need,
                minGrade: slot.minGrade, maxGrade: slot.maxGrade, educationFields: slot.educationFields,
                competencies: slot.competencies.map { PlanningInstance.Requirement(code: $0.code, level: $0.level) })
        }
        var employeeIDs: [String: UUID] = [:]
        let planningEmployees = employees.compactMap { e -> PlanningInstance.Employee? in
            guard let slotKey = slotKeys[e.slotID] else { return nil }
            // Someone past their retirement date has retired: not in post, neither counted nor moved.
            let retirement = retirementAges.retirementDate(birthDate: e.birthDate, kind: slotKinds[e.slotID] ?? .executor)
            guard retirement > today else { return nil }
            employeeIDs[e.nip] = e.id
            let priority = points.map { p in
                p.campaign.covers(agencyID: e.agencyID)
                    ? PriorityPoints.compute(p.campaign.pointRules, slotSince: e.slotSince, asOf: p.asOf, reasons: e.formReasons,
                                            remoteUnits: e.remoteUnits, adjustments: e.pointAdjustments).total
                    : 0
            } ?? 0
            let wish: PlanningInstance.Wish = fromCampaign ? Self.wish(e.formWish ?? .none) : (e.transferRequested ? .move : .none)
            return PlanningInstance.Employee(
                id: e.nip, slot: slotKey, grade: e.grade, educationField: e.educationField,
                competencies: e.competencies, performance: e.latestPerformance ?? 1,
                monthsInPosition: Self.wholeMonths(from: e.slotSince, to: today),
                monthsToRetirement: Self.wholeMonths(from: today, to: retirement),
                wish: wish, priority: priority,
                locked: e.locked || e.latestPerformance == nil || keptInPlace.contains(e.id),
                preferences: fromCampaign ? Array(e.preferredUnits.prefix(PreferenceForm.maxPreferences)) : [])
        }
        let scope = PlanningInstance.Scope(rawValue: policy.scope.rawValue) ?? .province
        let mode = PlanningInstance.Mode(rawValue: policy.mode.rawValue) ?? .balance
        instance = PlanningInstance(
            policy: PlanningInstance.Policy(horizonMonths: policy.horizonMonths, minMonthsInPosition: policy.minMonthsInPosition,
                                            minPerformance: policy.minPerformance, maxTrainableGap: policy.maxTrainableGap,
                                            scope: scope, mode: mode, fitWeight: policy.fitWeight,
                                            wishBonus: policy.wishBonus, wishStep: policy.wishStep,
                                            compulsoryCost: policy.compulsoryCost, stayCost: policy.stayCost,
                                            ignoredWishCost: policy.ignoredWishCost),
            slots: planningSlots, employees: planningEmployees)
        self.slotIDs = slotIDs
        self.employeeIDs = employeeIDs
    }

    static func wish(_ wish: PreferenceForm.Wish) -> PlanningInstance.Wish {
        switch wish {
        case .move: .move
        case .stay: .stay
        case .none: .none
        }
    }

    /// Whole calendar months from `start` to `end` (0 when `end` is not later).
    public static func wholeMonths(from start: CalendarDate, to end: CalendarDate) -> Int {
        let months = (end.year - start.year) * 12 + (end.month - start.month) - (end.day < start.day ? 1 : 0)
        return max(0, months)
    }
}

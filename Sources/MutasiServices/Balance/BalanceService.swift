import Foundation
import MutasiDomain
import MutasiRepositories

/// The balance dashboard: need against current staff per slot, unit, agency and tenant
/// (planning.md, "Balance figures"), retirements ahead, education mismatches and rotations due.
///
/// `current` counts the employees holding a slot who do not retire within the horizon (`months`,
/// default 12, planning.md's horizonMonths), exactly like a plan's "before" figures; `headcount`
/// counts everybody in the slot not yet retired and `retiring` those who retire within the
/// horizon; `retired` those still recorded in the slot whose retirement date has passed. Figures are as of `asOf` (default
/// today, UTC). Agency operators see their agencies; tenant admins, approvers and auditors the
/// whole tenant; the tenant's platform and overseeing BKN admins its figures (not the employee lists).
public struct BalanceService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let readers: Set<Role> = [.tenantAdmin, .agencyOperator, .approver, .auditor]
    public static let defaultMonths = 12
    public static let months = 0...600

    /// What the figures cover and when.
    public struct Query: Sendable {
        public var asOf: CalendarDate?
        public var months: Int?
        public var agencyID: UUID?
        public var unitID: UUID?
        public init(asOf: CalendarDate? = nil, months: Int? = nil, agencyID: UUID? = nil, unitID: UUID? = nil) {
            self.asOf = asOf; self.months = months; self.agencyID = agencyID; self.unitID = unitID
        }
    }

    public func balance(actor: Principal, tenantID: UUID, level: BalanceLevel, query: Query = Query(),
                        page: PageRequest) async throws -> BalanceReport {
        let s = try await snapshot(actor: actor, tenantID: tenantID, query: query, managersToo: true)
        let rows = s.rows(level)
        let items = Array(rows.dropFirst(page.offset).prefix(page.limit))
        return BalanceReport(level: level, asOf: s.asOf, horizonMonths: s.months, totals: s.rows(.tenant)[0],
                             items: items, total: rows.count, limit: page.limit, offset: page.offset)
    }

    /// Employees retiring within the horizon, soonest first.
    public func retirements(actor: Principal, tenantID: UUID, query: Query = Query(),
                            page: PageRequest) async throws -> BalanceList<RetiringEmployee> {
        let s = try await snapshot(actor: actor, tenantID: tenantID, query: query, managersToo: false)
        return s.list(s.retiring, page: page, horizon: true)
    }

    /// Employees whose education field is not among their slot's fields (a slot without fields
    /// takes any field).
    public func educationMismatches(actor: Principal, tenantID: UUID, query: Query = Query(),
                                    page: PageRequest) async throws -> BalanceList<EducationMismatch> {
        let s = try await snapshot(actor: actor, tenantID: tenantID, query: query, managersToo: false)
        return s.list(s.mismatches, page: page, horizon: false)
    }

    /// Employees more than five years in their post, longest first.
    public func rotationDue(actor: Principal, tenantID: UUID, query: Query = Query(),
                            page: PageRequest) async throws -> BalanceList<RotationDue> {
        let s = try await snapshot(actor: actor, tenantID: tenantID, query: query, managersToo: false)
        return s.list(s.rotation, page: page, horizon: false)
    }

    /// The balance at one level with the sizes of the employee lists (retiring, education
    /// mismatches, rotation due), from one computation: the dashboard shows both. Only the
    /// roles that may read the lists.
    public func overview(actor: Principal, tenantID: UUID, level: BalanceLevel, query: Query = Query(),
                         page: PageRequest) async throws -> (BalanceReport, BalanceListCounts) {
        let s = try await snapshot(actor: actor, tenantID: tenantID, query: query, managersToo: false)
        let rows = s.rows(level)
        let report = BalanceReport(level: level, asOf: s.asOf, horizonMonths: s.months, totals: s.rows(.tenant)[0],
                                   items: Array(rows.dropFirst(page.offset).prefix(page.limit)), total: rows.count,
                                   limit: page.limit, offset: page.offset)
        return (report, BalanceListCounts(asOf: s.asOf, horizonMonths: s.months, retiring: s.retiring.count,
                                          educationMismatches: s.mismatches.count, rotationDue: s.rotation.count))
    }

    private func snapshot(actor: Principal, tenantID: UUID, query: Query, managersToo: Bool) async throws -> BalanceSnapshot {
        let months = query.months ?? Self.defaultMonths
        guard Self.months.contains(months) else {
            throw DomainError.invalid("balance.invalid_months",
                                      "months must be \(Self.months.lowerBound) to \(Self.months.upperBound); got \(months).",
                                      field: "months")
        }
        let asOf = query.asOf ?? CalendarDate.utc(env.now())
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers,
                                         managersToo: managersToo) { tx, tenant in
            var agencies = TenantScope.visibleAgencies(actor)
            if let agencyID = query.agencyID {
                try TenantScope.requireAgency(actor, agencyID)
                agencies = [agencyID]
            }
            var slots = try await tx.balance.slots(tenantID: tenantID, agencyIDs: agencies)
            if let unitID = query.unitID { slots = slots.filter { $0.unitID == unitID } }
            let overrides = try await tx.retirementAges.overrides(tenantID: tenantID)
            return BalanceSnapshot(
                tenant: tenant, slots: slots, employees: try await tx.balance.employees(tenantID: tenantID, agencyIDs: agencies),
                ages: try RetirementAgeTable(overriding: overrides), asOf: asOf, months: months)
        }
    }
}

/// The figures of one tenant (or the part an operator sees) on one day.
struct BalanceSnapshot: Sendable {
    let tenant: Tenant
    let slots: [BalanceSlotRecord]
    let asOf: CalendarDate
    let months: Int
    private(set) var perSlot: [UUID: BalanceRow] = [:]
    private(set) var retiring: [RetiringEmployee] = []
    private(set) var mismatches: [EducationMismatch] = []
    private(set) var rotation: [RotationDue] = []

    init(tenant: Tenant, slots: [BalanceSlotRecord], employees: [BalanceEmployeeRecord], ages: RetirementAgeTable,
         asOf: CalendarDate, months: Int) {
        self.tenant = tenant; self.slots = slots; self.asOf = asOf; self.months = months
        let byID = Dictionary(uniqueKeysWithValues: slots.map { ($0.slotID, $0) })
        var headcount: [UUID: Int] = [:], leaving: [UUID: Int] = [:]
        var misfits: [UUID: Int] = [:], due: [UUID: Int] = [:], gone: [UUID: Int] = [:]
        for e in employees {
            guard let slot = byID[e.slotID] else { continue }
            let holder = PostHolder(employeeID: e.employeeID, nip: e.nip, name: e.name, slotID: slot.slotID,
                                    slotCode: slot.slotCode, slotName: slot.slotName, unitID: slot.unitID,
                                    unitCode: slot.unitCode, agencyID: slot.agencyID, agencyCode: slot.agencyCode)
            let kind = PositionKind(rawValue: slot.positionKind) ?? .executor
            let retirement = ages.retirementDate(birthDate: e.birthDate, kind: kind)
            let monthsLeft = PlanningInstanceBuilder.wholeMonths(from: asOf, to: retirement)
            let isRetired = retirement <= asOf
            if isRetired {
                gone[slot.slotID, default: 0] += 1
            } else {
                headcount[slot.slotID, default: 0] += 1
                if monthsLeft <= months { leaving[slot.slotID, default: 0] += 1 }
            }
            if isRetired || monthsLeft <= months {
                retiring.append(RetiringEmployee(employee: holder, positionKind: kind.rawValue, retirementAge: ages.age(for: kind),
                                                 retirementDate: retirement, monthsToRetirement: monthsLeft, retired: isRetired))
            }
            if !EducationFields.fits(e.educationField, slot.educationFields) {
                misfits[slot.slotID, default: 0] += 1
                mismatches.append(EducationMismatch(employee: holder, educationField: e.educationField,
                                                    slotEducationFields: slot.educationFields))
            }
            if PostTenure.isRotationDue(since: e.slotSince, asOf: asOf) {
                due[slot.slotID, default: 0] += 1
                rotation.append(RotationDue(employee: holder, slotSince: e.slotSince,
                                            monthsInPost: PlanningInstanceBuilder.wholeMonths(from: e.slotSince, to: asOf)))
            }
        }
        retiring.sort { ($0.retirementDate, $0.employee.nip) < ($1.retirementDate, $1.employee.nip) }
        rotation.sort { ($0.slotSince, $0.employee.nip) < ($1.slotSince, $1.employee.nip) }
        for slot in slots {
            var row = BalanceRow(level: .slot, id: slot.slotID, code: slot.slotCode, name: slot.slotName, unitID: slot.unitID,
                                 unitCode: slot.unitCode, agencyID: slot.agencyID, agencyCode: slot.agencyCode,
                                 positionKind: slot.positionKind)
            row.figures = StaffingBalance(slotNeed: slot.need, headcount: headcount[slot.slotID] ?? 0,
                                          retiring: leaving[slot.slotID] ?? 0)
            row.educationMismatches = misfits[slot.slotID] ?? 0
            row.rotationDue = due[slot.slotID] ?? 0
            row.retired = gone[slot.slotID] ?? 0
            perSlot[slot.slotID] = row
        }
    }

    /// The rows of a level, in agency, unit and slot code order.
    func rows(_ level: BalanceLevel) -> [BalanceRow] {
        var order: [UUID] = []
        var groups: [UUID: BalanceRow] = [:]
        for slot in slots {
            let row = perSlot[slot.slotID]!
            let group: BalanceRow
            switch level {
            case .slot: group = row
            case .unit: group = BalanceRow(level: .unit, id: slot.unitID, code: slot.unitCode, name: slot.unitName,
                                           agencyID: slot.agencyID, agencyCode: slot.agencyCode)
            case .agency: group = BalanceRow(level: .agency, id: slot.agencyID, code: slot.agencyCode, name: slot.agencyName)
            case .tenant: group = BalanceRow(level: .tenant, id: tenant.id, code: tenant.code, name: tenant.name)
            }
            if level == .slot { order.append(row.id); groups[row.id] = row; continue }
            if groups[group.id] == nil { order.append(group.id); groups[group.id] = group }
            groups[group.id]!.figures = groups[group.id]!.figures + row.figures
            groups[group.id]!.educationMismatches += row.educationMismatches
            groups[group.id]!.rotationDue += row.rotationDue
            groups[group.id]!.retired += row.retired
        }
        if level == .tenant && order.isEmpty {
            return [BalanceRow(level: .tenant, id: tenant.id, code: tenant.code, name: tenant.name)]
        }
        return order.map { groups[$0]! }
    }

    func list<Item>(_ all: [Item], page: PageRequest, horizon: Bool) -> BalanceList<Item> {
        BalanceList(asOf: asOf, horizonMonths: horizon ? months : nil, items: Array(all.dropFirst(page.offset).prefix(page.limit)),
                    total: all.count, limit: page.limit, offset: page.offset)
    }
}

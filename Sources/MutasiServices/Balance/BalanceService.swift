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
///
/// The database computes the figures and lists (`BalanceRepository`): a request reads one page of
/// rows, whatever the tenant's size.
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
        try await read(actor: actor, tenantID: tenantID, query: query, managersToo: true) { repo, scope, tenant in
            try await Self.report(repo, scope, tenant, level: level, page: page)
        }
    }

    /// Employees retiring within the horizon (or already retired, still in their slot), soonest first.
    public func retirements(actor: Principal, tenantID: UUID, query: Query = Query(),
                            page: PageRequest) async throws -> BalanceList<RetiringEmployee> {
        try await list(.retiring, actor: actor, tenantID: tenantID, query: query, page: page, horizon: true) { holder, scope in
            let kind = PositionKind(rawValue: holder.slot.positionKind) ?? .executor
            let retirement = scope.ages.retirementDate(birthDate: holder.employee.birthDate, kind: kind)
            return RetiringEmployee(employee: PostHolder(holder), positionKind: kind.rawValue, retirementAge: scope.ages.age(for: kind),
                                    retirementDate: retirement,
                                    monthsToRetirement: PlanningInstanceBuilder.wholeMonths(from: scope.asOf, to: retirement),
                                    retired: retirement <= scope.asOf)
        }
    }

    /// Employees whose education field is not among their slot's fields (a slot without fields
    /// takes any field).
    public func educationMismatches(actor: Principal, tenantID: UUID, query: Query = Query(),
                                    page: PageRequest) async throws -> BalanceList<EducationMismatch> {
        try await list(.educationMismatches, actor: actor, tenantID: tenantID, query: query, page: page, horizon: false) { holder, _ in
            EducationMismatch(employee: PostHolder(holder), educationField: holder.employee.educationField,
                              slotEducationFields: holder.slot.educationFields)
        }
    }

    /// Employees more than five years in their post, longest first.
    public func rotationDue(actor: Principal, tenantID: UUID, query: Query = Query(),
                            page: PageRequest) async throws -> BalanceList<RotationDue> {
        try await list(.rotationDue, actor: actor, tenantID: tenantID, query: query, page: page, horizon: false) { holder, scope in
            RotationDue(employee: PostHolder(holder), slotSince: holder.employee.slotSince,
                        monthsInPost: PlanningInstanceBuilder.wholeMonths(from: holder.employee.slotSince, to: scope.asOf))
        }
    }

    /// The balance at one level with the sizes of the employee lists (retiring, education
    /// mismatches, rotation due), from one statement: the lists' sizes are sums the totals
    /// already hold. Only the roles that may read the lists.
    public func overview(actor: Principal, tenantID: UUID, level: BalanceLevel, query: Query = Query(),
                         page: PageRequest) async throws -> (BalanceReport, BalanceListCounts) {
        let report = try await read(actor: actor, tenantID: tenantID, query: query, managersToo: false) { repo, scope, tenant in
            try await Self.report(repo, scope, tenant, level: level, page: page)
        }
        let totals = report.totals
        return (report, BalanceListCounts(asOf: report.asOf, horizonMonths: report.horizonMonths,
                                          retiring: totals.figures.retiring + totals.retired,
                                          educationMismatches: totals.educationMismatches, rotationDue: totals.rotationDue))
    }

    private static func report(_ repo: any BalanceRepository, _ scope: BalanceScope, _ tenant: Tenant, level: BalanceLevel,
                               page: PageRequest) async throws -> BalanceReport {
        let tenantRow = { (counts: BalanceCounts) in BalanceRow(level: .tenant, id: tenant.id, code: tenant.code, name: tenant.name, counts: counts) }
        let grouping: BalanceGrouping
        switch level {
        case .tenant:
            let totals = tenantRow(try await repo.totals(scope))
            return BalanceReport(level: level, asOf: scope.asOf, horizonMonths: scope.months, totals: totals,
                                 items: Array([totals].dropFirst(page.offset).prefix(page.limit)), total: 1,
                                 limit: page.limit, offset: page.offset)
        case .slot: grouping = .slot
        case .unit: grouping = .unit
        case .agency: grouping = .agency
        }
        let groups = try await repo.groups(scope, by: grouping, limit: page.limit, offset: page.offset)
        return BalanceReport(level: level, asOf: scope.asOf, horizonMonths: scope.months, totals: tenantRow(groups.totals),
                             items: groups.items.map { BalanceRow(level: level, $0) }, total: groups.total,
                             limit: page.limit, offset: page.offset)
    }

    private func list<Item: Codable & Sendable>(
        _ list: BalanceEmployeeList, actor: Principal, tenantID: UUID, query: Query, page: PageRequest, horizon: Bool,
        _ item: @escaping @Sendable (BalanceHolderRecord, BalanceScope) -> Item
    ) async throws -> BalanceList<Item> {
        try await read(actor: actor, tenantID: tenantID, query: query, managersToo: false) { repo, scope, _ in
            let found = try await repo.employees(scope, list: list, limit: page.limit, offset: page.offset)
            return BalanceList(asOf: scope.asOf, horizonMonths: horizon ? scope.months : nil,
                               items: found.items.map { item($0, scope) }, total: found.total, limit: page.limit, offset: page.offset)
        }
    }

    /// Checks the query and the actor's reach, then runs `body` on the scope within the tenant's transaction.
    private func read<T: Sendable>(actor: Principal, tenantID: UUID, query: Query, managersToo: Bool,
                                   _ body: @escaping @Sendable (any BalanceRepository, BalanceScope, Tenant) async throws -> T) async throws -> T {
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
            let ages = try RetirementAgeTable(overriding: try await tx.retirementAges.overrides(tenantID: tenantID))
            let scope = BalanceScope(tenantID: tenantID, agencyIDs: agencies, unitID: query.unitID, asOf: asOf, months: months, ages: ages)
            return try await body(tx.balance, scope, tenant)
        }
    }
}

extension BalanceRow {
    init(level: BalanceLevel, id: UUID, code: String, name: String, counts: BalanceCounts) {
        self.init(level: level, id: id, code: code, name: name)
        figures = counts.figures; educationMismatches = counts.educationMismatches
        rotationDue = counts.rotationDue; retired = counts.retired
    }

    init(level: BalanceLevel, _ group: BalanceGroupRecord) {
        self.init(level: level, id: group.id, code: group.code, name: group.name, unitID: group.unitID, unitCode: group.unitCode,
                  agencyID: group.agencyID, agencyCode: group.agencyCode, positionKind: group.positionKind)
        figures = group.counts.figures; educationMismatches = group.counts.educationMismatches
        rotationDue = group.counts.rotationDue; retired = group.counts.retired
    }
}

extension PostHolder {
    init(_ holder: BalanceHolderRecord) {
        let e = holder.employee, s = holder.slot
        self.init(employeeID: e.employeeID, nip: e.nip, name: e.name, slotID: s.slotID, slotCode: s.slotCode, slotName: s.slotName,
                  unitID: s.unitID, unitCode: s.unitCode, agencyID: s.agencyID, agencyCode: s.agencyCode)
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// Employees (ASN) of a tenant: records, placement, lock, SKP ratings. See `WorkforceAccess`
/// for who may do what; only tenant admins lock and unlock.
public struct EmployeeService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public struct Draft: Sendable, Decodable {
        /// NIP for PNS, NI PPPK for PPPK.
        public var nip: String
        /// `PNS` or `PPPK`.
        public var kind: String
        public var name: String
        /// Optional; must match the number's when given.
        public var birthDate: CalendarDate?
        public var sex: Sex?
        /// `III/a` for PNS, `IX` for PPPK.
        public var grade: String
        public var educationLevel: String?
        public var educationField: String?
        public var competencies: [String: Int]?
        public var slotID: UUID?
        public var slotSince: CalendarDate?
        public var locked: Bool?
        public var lockReason: String?
        public init(nip: String, kind: String, name: String, birthDate: CalendarDate? = nil, sex: Sex? = nil, grade: String,
                    educationLevel: String? = nil, educationField: String? = nil, competencies: [String: Int]? = nil,
                    slotID: UUID? = nil, slotSince: CalendarDate? = nil, locked: Bool? = nil, lockReason: String? = nil) {
            self.nip = nip; self.kind = kind; self.name = name; self.birthDate = birthDate; self.sex = sex; self.grade = grade
            self.educationLevel = educationLevel; self.educationField = educationField; self.competencies = competencies
            self.slotID = slotID; self.slotSince = slotSince; self.locked = locked; self.lockReason = lockReason
        }
    }

    /// Changes; absent fields stay. `placement` moves the employee (`slotID` null: out of any slot).
    public struct Patch: Sendable, Decodable {
        public struct Placement: Sendable, Decodable {
            public var slotID: UUID?
            public var since: CalendarDate?
            public init(slotID: UUID?, since: CalendarDate?) { self.slotID = slotID; self.since = since }
        }
        public var name: String?
        public var grade: String?
        public var educationLevel: String?
        public var educationField: String?
        public var competencies: [String: Int]?
        public var placement: Placement?
        /// Tenant admins only.
        public var locked: Bool?
        public var lockReason: String?
        public init(name: String? = nil, grade: String? = nil, educationLevel: String? = nil, educationField: String? = nil,
                    competencies: [String: Int]? = nil, placement: Placement? = nil, locked: Bool? = nil, lockReason: String? = nil) {
            self.name = name; self.grade = grade; self.educationLevel = educationLevel; self.educationField = educationField
            self.competencies = competencies; self.placement = placement; self.locked = locked; self.lockReason = lockReason
        }
    }

    static func educationLevel(_ raw: String?) throws -> EducationLevel? {
        guard let raw, !raw.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return try EducationLevel(parsing: raw)
    }

    static func record(_ draft: Draft, today: CalendarDate) throws -> EmployeeRecord {
        let kind = try CivilServantKind(parsing: draft.kind, field: "kind")
        let number = try EmployeeNumber(draft.nip, kind: kind, field: "nip", asOf: today)
        try EmployeeRecord.checkBirthDate(draft.birthDate, number)
        try EmployeeRecord.checkSex(draft.sex, number)
        try EmployeeRecord.checkPlacement(hasSlot: draft.slotID != nil, since: draft.slotSince, birthDate: number.birthDate)
        let locked = draft.locked ?? false
        return EmployeeRecord(
            number: number, name: try RecordName.validate(draft.name, codePrefix: "employee_name", field: "name"),
            grade: try EmployeeGrade.parse(draft.grade, kind: kind), educationLevel: try educationLevel(draft.educationLevel),
            educationField: try EducationFields.field(draft.educationField ?? "", field: "educationField"),
            competencies: try Competencies.levels(draft.competencies ?? [:]), slotID: draft.slotID, slotSince: draft.slotSince,
            locked: locked, lockReason: try EmployeeRecord.lockReason(locked: locked, reason: draft.lockReason))
    }

    public func create(actor: Principal, tenantID: UUID, _ draft: Draft) async throws -> Employee {
        let record = try Self.record(draft, today: CalendarDate.utc(env.now()))
        return try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            if record.locked && actor.role != .tenantAdmin { throw DomainError.forbidden("Only tenant admins lock employees.") }
            let slot = try await Self.slot(tx, actor, tenantID, record.slotID)
            try WorkforceAccess.requireAgency(actor, slot?.agencyID, field: "slotID")
            let employee = try await tx.employees.create(tenantID: tenantID, record)
                .withRetirement(try await WorkforceAccess.retirementTable(tx, tenantID), asOf: CalendarDate.utc(env.now()))
            try await WorkforceAccess.audit(tx, actor, tenant, "employee.create", "employee", employee.id.uuidString.lowercased(),
                                            before: nil, after: employee)
            return employee
        }
    }

    public func list(actor: Principal, tenantID: UUID, filter: EmployeeFilter, page: PageRequest) async throws -> Page<Employee> {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            let scope = try WorkforceAccess.employeeReadScope(actor, tenant)
            var filter = filter
            filter.agencyIDs = scope.agencyIDs
            filter.onlyID = scope.onlyID
            let table = try await WorkforceAccess.retirementTable(tx, tenantID)
            var result = try await tx.employees.list(tenantID: tenantID, filter, page)
            let today = CalendarDate.utc(env.now())
            result.items = result.items.map { $0.withRetirement(table, asOf: today) }
            return result
        }
    }

    public func get(actor: Principal, tenantID: UUID, id: UUID) async throws -> Employee {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            return try await Self.visible(tx, actor, tenant, id, today: CalendarDate.utc(env.now()))
        }
    }

    public func update(actor: Principal, tenantID: UUID, id: UUID, _ patch: Patch, expectedVersion: Int) async throws -> Employee {
        if let placement = patch.placement, placement.slotID == nil, placement.since != nil {
            throw DomainError.invalid("employee.slot_since_without_slot", "A TMT jabatan needs a slot.", field: "placement.since")
        }
        return try await UnchangedUpdate.run { try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            let before = try await Self.visible(tx, actor, tenant, id, today: CalendarDate.utc(env.now()))
            if patch.locked != nil || patch.lockReason != nil {
                guard actor.role == .tenantAdmin else { throw DomainError.forbidden("Only tenant admins lock and unlock employees.") }
            }
            var changes = EmployeeChanges(
                name: try patch.name.map { try RecordName.validate($0, codePrefix: "employee_name", field: "name") },
                grade: try patch.grade.map { try EmployeeGrade.parse($0, kind: before.kind) },
                educationLevel: try Self.educationLevel(patch.educationLevel),
                educationField: try patch.educationField.map { try EducationFields.field($0, field: "educationField") },
                competencies: try patch.competencies.map { try Competencies.levels($0) })
            if let placement = patch.placement {
                try EmployeeRecord.checkPlacement(hasSlot: placement.slotID != nil, since: placement.since,
                                                  birthDate: before.birthDate, field: "placement.since")
                let slot = try await Self.slot(tx, actor, tenantID, placement.slotID, field: "placement.slotID")
                try WorkforceAccess.requireAgency(actor, slot?.agencyID, field: "placement.slotID")
                changes.placement = .init(slotID: placement.slotID, since: placement.since)
            }
            if patch.locked != nil || patch.lockReason != nil {
                let locked = patch.locked ?? before.locked
                changes.lock = .init(locked: locked, reason: try EmployeeRecord.lockReason(
                    locked: locked, reason: patch.lockReason ?? before.lockReason))
            }
            guard let after = try await tx.employees.update(tenantID: tenantID, id: id, changes, expectedVersion: expectedVersion)
            else { throw WorkforceAccess.employeeNotFound }
            let result = after.withRetirement(try await WorkforceAccess.retirementTable(tx, tenantID), asOf: CalendarDate.utc(env.now()))
            try UnchangedUpdate.check(before, result)
            let action = changes.lock.map { $0.locked != before.locked ? ($0.locked ? "employee.lock" : "employee.unlock") : nil }
            try await WorkforceAccess.audit(tx, actor, tenant, (action ?? nil) ?? "employee.update", "employee",
                                            id.uuidString.lowercased(), before: before, after: result)
            return result
        } }
    }

    /// Sets the SKP predicates of the given years (tenant admins; operators for their agencies' staff),
    /// if nobody changed the employee since `expectedVersion`. Predicates already recorded change nothing.
    public func setPerformance(actor: Principal, tenantID: UUID, id: UUID, ratings: [PerformanceRating],
                               expectedVersion: Int) async throws -> Employee {
        guard !ratings.isEmpty else {
            throw DomainError.invalid("performance.required", "Give at least one year's SKP predicate.", field: "ratings")
        }
        guard Set(ratings.map(\.year)).count == ratings.count else {
            throw DomainError.invalid("performance.duplicate_year", "A year is given twice.", field: "ratings")
        }
        let today = CalendarDate.utc(env.now())
        for (index, rating) in ratings.enumerated() {
            try PerformanceRating.checkYear(rating.year, asOf: today, field: "ratings[\(index)].year")
        }
        return try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            let before = try await Self.visible(tx, actor, tenant, id, today: CalendarDate.utc(env.now()))
            guard before.version == expectedVersion else { throw Self.stale }
            if ratings.allSatisfy(before.performance.contains) { return before }
            guard let after = try await tx.employees.setPerformance(tenantID: tenantID, id: id, ratings,
                                                                     expectedVersion: expectedVersion) else {
                throw WorkforceAccess.employeeNotFound
            }
            let result = after.withRetirement(try await WorkforceAccess.retirementTable(tx, tenantID), asOf: CalendarDate.utc(env.now()))
            try await WorkforceAccess.audit(tx, actor, tenant, "employee.performance", "employee", id.uuidString.lowercased(),
                                            before: before.performance, after: result.performance)
            return result
        }
    }

    public static let performanceNotFound = DomainError.notFound("performance.not_found", "No SKP rating is recorded for this year.")
    static let stale = DomainError(.preconditionFailed, code: "employee.version_mismatch",
                                   "The employee was changed by someone else; reload it and try again.")

    /// Removes the SKP predicate of one year, e.g. one recorded under the wrong year (the same
    /// actors as `setPerformance`), if nobody changed the employee since `expectedVersion`.
    public func removePerformance(actor: Principal, tenantID: UUID, id: UUID, year: Int, expectedVersion: Int) async throws -> Employee {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            let before = try await Self.visible(tx, actor, tenant, id, today: CalendarDate.utc(env.now()))
            guard before.performance.contains(where: { $0.year == year }) else { throw Self.performanceNotFound }
            guard before.version == expectedVersion else { throw Self.stale }
            guard let after = try await tx.employees.removePerformance(tenantID: tenantID, id: id, year: year,
                                                                        expectedVersion: expectedVersion)
            else { throw Self.performanceNotFound }
            let result = after.withRetirement(try await WorkforceAccess.retirementTable(tx, tenantID), asOf: CalendarDate.utc(env.now()))
            try await WorkforceAccess.audit(tx, actor, tenant, "employee.performance_remove", "employee", id.uuidString.lowercased(),
                                            before: before.performance, after: result.performance)
            return result
        }
    }

    /// The employee if the actor may read it; 404 otherwise.
    static func visible(_ tx: any StoreTransaction, _ actor: Principal, _ tenant: Tenant, _ id: UUID,
                        today: CalendarDate) async throws -> Employee {
        let scope = try WorkforceAccess.employeeReadScope(actor, tenant)
        guard let employee = try await tx.employees.find(tenantID: tenant.id, id: id),
              WorkforceAccess.canRead(actor, agencyID: employee.agencyID),
              scope.onlyID == nil || scope.onlyID == employee.id
        else { throw WorkforceAccess.employeeNotFound }
        return employee.withRetirement(try await WorkforceAccess.retirementTable(tx, tenant.id), asOf: today)
    }

    /// The slot an employee is placed in, if any; unknown or unreadable slots are invalid input.
    static func slot(_ tx: any StoreTransaction, _ actor: Principal, _ tenantID: UUID, _ id: UUID?,
                     field: String = "slotID") async throws -> Slot? {
        guard let id else { return nil }
        guard let slot = try await tx.slots.find(tenantID: tenantID, id: id), WorkforceAccess.canRead(actor, agencyID: slot.agencyID)
        else { throw DomainError.invalid("slot.not_found", "No slot of this tenant has id \(id).", field: field) }
        return slot
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// The follow-up (tindak lanjut) of one executed move: the outcome and SPMT, the mentor, the
/// training plan, and the employee's lesson hours (JP) of the year against the 20 owed.
public struct FollowUp: Sendable, Codable {
    public struct Mentor: Sendable, Codable, Equatable {
        public var employeeID: UUID
        public var nip: String
        public var name: String
    }
    /// The employee's lesson hours of training items due in `year`, over all their moves.
    public struct Hours: Sendable, Codable, Equatable {
        public var year: Int
        public var planned: Int
        public var done: Int
        public var owed: Int
        /// Hours still owed this year after those done.
        public var remaining: Int
    }
    public var planID: UUID
    public var move: PlanMove
    public var execution: MoveExecution
    public var mentor: Mentor?
    public var training: [TrainingItem]
    public var hours: Hours
}

/// Reading and keeping the follow-up of executed moves. The receiving agency's operators (the
/// agency of the target slot) and tenant admins record the SPMT and edit the training plan;
/// that agency's operators name the mentor, an employee of the receiving unit. Tenant admins,
/// approvers, auditors, the receiving agency's operators and the employee themselves read it.
public struct FollowUpService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let readers: Set<Role> = [.tenantAdmin, .approver, .auditor, .agencyOperator, .employee]
    static let moveNotFound = DomainError.notFound("move.not_found", "No move for this employee in this plan.")

    /// A training item as sent: competency, gap, course, hours (JP), due date, status.
    public struct ItemInput: Sendable, Decodable {
        public var competency: String
        public var gap: Int
        public var course: String
        public var hours: Int
        public var dueOn: String
        public var status: String?
        enum CodingKeys: String, CodingKey, CaseIterable { case competency, gap, course, hours, dueOn, status }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            competency = try c.decode(String.self, forKey: .competency)
            gap = try c.decode(Int.self, forKey: .gap)
            course = try c.decode(String.self, forKey: .course)
            hours = try c.decode(Int.self, forKey: .hours)
            dueOn = try c.decode(String.self, forKey: .dueOn)
            status = try c.decodeIfPresent(String.self, forKey: .status)
        }
        public init(competency: String, gap: Int, course: String, hours: Int, dueOn: String, status: String?) {
            self.competency = competency; self.gap = gap; self.course = course; self.hours = hours; self.dueOn = dueOn
            self.status = status
        }
    }

    /// The training plan seeded from a move's training needs on execution: one item per need,
    /// 10 JP per level of gap, due six months after the TMT; the operator edits it.
    static func seeded(_ needs: [PlanMove.TrainingNeed], effectiveDate: CalendarDate) -> [TrainingItem] {
        needs.prefix(TrainingItem.maxItems).map { need in
            let gap = min(max(need.gap, 0), 5)
            return TrainingItem(competency: String(need.code.prefix(64)), gap: gap, course: "Pelatihan kompetensi \(need.code.prefix(64))",
                                hours: max(1, gap) * TrainingItem.seededHoursPerGapLevel,
                                dueOn: effectiveDate.addingMonths(TrainingItem.seededDueMonths), status: .planned)
        }
    }

    public func get(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> FollowUp {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, _ in
            let (move, execution, _) = try await Self.executed(tx, actor, tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                               reading: true, lock: false)
            return try await Self.view(tx, env: env, tenantID: tenantID, planID: planID, move: move, execution: execution)
        }
    }

    /// Records the SPMT date: not before the TMT, not in the future (400 naming `reportedOn`).
    /// Changing a recorded date needs `expectedVersion` (428 without, 412 when stale).
    public func recordReport(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID, reportedOn: String,
                             expectedVersion: Int?) async throws -> FollowUp {
        let date = try CalendarDate(iso: reportedOn, field: "reportedOn")
        let today = CalendarDate.utc(env.now())
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin, .agencyOperator]) { tx, tenant in
            let (move, before, _) = try await Self.executed(tx, actor, tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                            reading: false, lock: true)
            guard date >= before.effectiveDate else {
                throw DomainError.invalid("spmt.before_effective_date",
                    "reportedOn cannot be before the effective date \(before.effectiveDate.iso).", field: "reportedOn")
            }
            guard date <= today else {
                throw DomainError.invalid("spmt.in_future", "reportedOn cannot be in the future.", field: "reportedOn")
            }
            // The same date again (a retry) changes nothing.
            if before.reportedOn == date {
                return try await Self.view(tx, env: env, tenantID: tenantID, planID: planID, move: move, execution: before)
            }
            try Self.checkVersion(before, expectedVersion, required: before.reportedOn != nil)
            let after = try await tx.planExecution.recordReport(tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                                reportedOn: date, by: actor.user.id)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "plan.move_reported", entityType: "plan_move", entityID: Self.entity(planID, employeeID),
                before: AuditSnapshot.json(["reportedOn": before.reportedOn?.iso]), after: AuditSnapshot.json(["reportedOn": date.iso])))
            return try await Self.view(tx, env: env, tenantID: tenantID, planID: planID, move: move, execution: after)
        }
    }

    /// Names the mentor: an employee holding a slot of the receiving unit, not the employee.
    public func nameMentor(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID, mentorID: UUID,
                           expectedVersion: Int?) async throws -> FollowUp {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.agencyOperator]) { tx, tenant in
            let (move, before, unitID) = try await Self.executed(tx, actor, tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                                 reading: false, lock: true)
            guard mentorID != employeeID, try await tx.planExecution.unitOf(tenantID: tenantID, employeeID: mentorID) == unitID else {
                throw DomainError.invalid("mentor.not_in_unit", "The mentor must be another employee of the receiving unit.",
                                          field: "mentorID")
            }
            if before.mentorID == mentorID {
                return try await Self.view(tx, env: env, tenantID: tenantID, planID: planID, move: move, execution: before)
            }
            try Self.checkVersion(before, expectedVersion, required: before.mentorID != nil)
            let after = try await tx.planExecution.nameMentor(tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                              mentorID: mentorID, by: actor.user.id)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "plan.move_mentor_named", entityType: "plan_move", entityID: Self.entity(planID, employeeID),
                before: AuditSnapshot.json(["mentorID": before.mentorID?.uuidString.lowercased()]),
                after: AuditSnapshot.json(["mentorID": mentorID.uuidString.lowercased()])))
            return try await Self.view(tx, env: env, tenantID: tenantID, planID: planID, move: move, execution: after)
        }
    }

    /// Replaces the move's training plan (at most 50 items); `expectedVersion` is required.
    public func replaceTraining(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID, items input: [ItemInput],
                                expectedVersion: Int) async throws -> FollowUp {
        let items = try Self.validated(input)
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin, .agencyOperator]) { tx, tenant in
            let (move, before, _) = try await Self.executed(tx, actor, tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                            reading: false, lock: true)
            try Self.checkVersion(before, expectedVersion, required: true)
            let old = try await tx.planExecution.training(tenantID: tenantID, planID: planID, employeeID: employeeID)
            let after = try await tx.planExecution.replaceTraining(tenantID: tenantID, planID: planID, employeeID: employeeID, items)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "plan.move_training_changed", entityType: "plan_move", entityID: Self.entity(planID, employeeID),
                before: AuditSnapshot.json(old), after: AuditSnapshot.json(items)))
            return try await Self.view(tx, env: env, tenantID: tenantID, planID: planID, move: move, execution: after)
        }
    }

    static func validated(_ input: [ItemInput]) throws -> [TrainingItem] {
        guard input.count <= TrainingItem.maxItems else {
            throw DomainError.invalid("training.too_many_items", "At most \(TrainingItem.maxItems) items.", field: "items")
        }
        return try input.enumerated().map { i, item in
            let field = "items[\(i)]"
            let competency = try Validate.text(item.competency, field: "\(field).competency", max: 64)
            let course = try Validate.text(item.course, field: "\(field).course", max: 200)
            guard TrainingItem.gapRange.contains(item.gap) else {
                throw DomainError.invalid("training.invalid_gap", "gap must be 0 to 5.", field: "\(field).gap")
            }
            guard TrainingItem.hoursRange.contains(item.hours) else {
                throw DomainError.invalid("training.invalid_hours", "hours (JP) must be 1 to 200.", field: "\(field).hours")
            }
            let due = try CalendarDate(iso: item.dueOn, field: "\(field).dueOn")
            guard let status = TrainingItem.Status(rawValue: item.status ?? "planned") else {
                throw DomainError.invalid("training.invalid_status", "status must be planned or done.", field: "\(field).status")
            }
            return TrainingItem(competency: competency, gap: item.gap, course: course, hours: item.hours, dueOn: due, status: status)
        }
    }

    static func checkVersion(_ execution: MoveExecution, _ expected: Int?, required: Bool) throws {
        guard let expected else {
            if required {
                throw DomainError(.preconditionRequired, code: "request.if_match_required",
                                  "Send If-Match with the ETag of the follow-up you read, so concurrent changes are detected.")
            }
            return
        }
        try PlanReviewService.checkVersion(execution.version, expected, code: "follow_up.version_mismatch", what: "follow-up")
    }

    static func entity(_ planID: UUID, _ employeeID: UUID) -> String {
        "\(planID.uuidString.lowercased())/\(employeeID.uuidString.lowercased())"
    }

    /// The move and its execution after the access rules: 404 for an unknown plan or move; an
    /// agency operator only for the receiving agency, an employee only their own move (403); 409
    /// `move.not_executed` unless the move was executed. Returns the receiving unit too.
    static func executed(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID,
                         reading: Bool, lock: Bool) async throws -> (PlanMove, MoveExecution, UUID) {
        guard try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: true) != nil else { throw PlanService.notFound }
        guard let move = try await tx.planReview.move(tenantID: tenantID, planID: planID, employeeID: employeeID) else {
            throw moveNotFound
        }
        guard let owner = try await tx.planExecution.slotOwner(tenantID: tenantID, slotID: move.toSlotID) else { throw moveNotFound }
        if actor.role == .employee && actor.user.employeeID != employeeID {
            throw DomainError.forbidden("An employee reads only the follow-up of their own move.")
        }
        try TenantScope.requireAgency(actor, owner.agencyID)
        guard let execution = try await tx.planExecution.execution(tenantID: tenantID, planID: planID, employeeID: employeeID, lock: lock),
              execution.outcome == .executed else {
            throw DomainError.conflict("move.not_executed", "The move has not been executed.")
        }
        return (move, execution, owner.unitID)
    }

    static func view(_ tx: any StoreTransaction, env: ServiceEnvironment, tenantID: UUID, planID: UUID, move: PlanMove,
                     execution: MoveExecution) async throws -> FollowUp {
        var mentor: FollowUp.Mentor?
        if let id = execution.mentorID, let e = try await tx.employees.find(tenantID: tenantID, id: id) {
            mentor = .init(employeeID: id, nip: e.nip, name: e.name)
        }
        let year = CalendarDate.utc(env.now()).year
        let hours = try await tx.planExecution.trainingHours(tenantID: tenantID, employeeID: move.employeeID, year: year)
        return FollowUp(planID: planID, move: move, execution: execution, mentor: mentor,
                        training: try await tx.planExecution.training(tenantID: tenantID, planID: planID, employeeID: move.employeeID),
                        hours: .init(year: year, planned: hours.planned, done: hours.done, owed: TrainingItem.owedHoursPerYear,
                                     remaining: max(0, TrainingItem.owedHoursPerYear - hours.done)))
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// The employee's side of a plan's review: the moves proposed for their own record in plans in
/// review, each with its explanation, and their answer (accept, or object with a reason),
/// changeable until the plan's answer deadline by the service's clock. Only the `employee`
/// role, only for the record their user is linked to; another employee's move reads as absent.
public struct MoveAnswerService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// A move proposed to the employee, with the plan it is in.
    public struct ProposedMove: Sendable, Codable, Equatable {
        public var planID: UUID
        public var planName: String
        public var planStatus: TransferPlan.Status
        public var answerDeadline: Date?
        public var move: PlanMove
    }

    public struct ProposedMoves: Sendable, Codable, Equatable {
        public var items: [ProposedMove]
    }

    /// An answer as the employee sends it. Unknown fields are refused.
    public struct Input: Sendable, Codable {
        public var answer: String
        public var reason: String?
        public init(answer: String, reason: String? = nil) { self.answer = answer; self.reason = reason }
        enum CodingKeys: String, CodingKey, CaseIterable { case answer, reason }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            answer = try c.decode(String.self, forKey: .answer)
            reason = try c.decodeIfPresent(String.self, forKey: .reason)
        }
    }

    static let moveNotFound = DomainError.notFound("move.not_found", "No move for this employee in this plan.")

    static func notInReview(_ plan: TransferPlan) -> DomainError {
        DomainError.conflict("plan.not_in_review", "The plan is not in review (it is \(plan.status.rawValue)).")
    }

    /// Every move proposed to the employee in the plans now in review.
    public func mine(actor: Principal, tenantID: UUID) async throws -> ProposedMoves {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            let employeeID = try await Self.ownRecord(tx, actor, tenantID: tenantID)
            let found = try await tx.planReview.proposedMoves(tenantID: tenantID, employeeID: employeeID)
            return ProposedMoves(items: found.map { Self.proposed($0.plan, $0.move) })
        }
    }

    /// The employee's move in one plan in review (409 `plan.not_in_review` before the review opens).
    public func mine(actor: Principal, tenantID: UUID, planID: UUID) async throws -> ProposedMove {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            guard let plan = try await tx.plans.find(tenantID: tenantID, id: planID) else { throw PlanService.notFound }
            let employeeID = try await Self.ownRecord(tx, actor, tenantID: tenantID)
            guard plan.status == .inReview else { throw Self.notInReview(plan) }
            guard let move = try await tx.planReview.move(tenantID: tenantID, planID: planID, employeeID: employeeID) else {
                throw Self.moveNotFound
            }
            return Self.proposed(plan, move)
        }
    }

    /// Records or changes the employee's answer while the plan is in review and before its
    /// deadline (409 `plan.not_in_review`, `answer.deadline_passed`). Changing an answer needs
    /// `expectedVersion` (If-Match: 428 without, 412 when stale); the same answer sent again is
    /// returned as stored, changing nothing. Returns the move and whether the answer was new.
    public func answer(actor: Principal, tenantID: UUID, planID: UUID, _ input: Input,
                       expectedVersion: Int?) async throws -> (move: ProposedMove, created: Bool) {
        guard let answer = MoveAnswer.Answer(rawValue: input.answer) else {
            throw DomainError.invalid("answer.invalid", "answer must be accept or object.", field: "answer")
        }
        let trimmed = input.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        let reason = trimmed?.isEmpty == true ? nil : trimmed
        switch answer {
        case .object:
            guard let text = reason, MoveAnswer.reasonLength.contains(text.unicodeScalars.count) else {
                throw DomainError.invalid("answer.invalid_reason",
                                          "An objection needs a reason of 10 to 1000 characters.", field: "reason")
            }
        case .accept:
            guard reason == nil else {
                throw DomainError.invalid("answer.reason_not_allowed", "Only an objection takes a reason.", field: "reason")
            }
        }
        let now = env.now()
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, tenant in
            guard let plan = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: true) else { throw PlanService.notFound }
            let employeeID = try await Self.ownRecord(tx, actor, tenantID: tenantID)
            guard plan.status == .inReview else { throw Self.notInReview(plan) }
            guard try await tx.planReview.move(tenantID: tenantID, planID: planID, employeeID: employeeID) != nil else {
                throw Self.moveNotFound
            }
            guard let deadline = plan.answerDeadline, now < deadline else {
                throw DomainError.conflict("answer.deadline_passed", "The deadline for answers to this plan has passed.")
            }
            let before = try await tx.planReview.answer(tenantID: tenantID, planID: planID, employeeID: employeeID, lock: true)
            if let before, before.answer == answer, before.reason == reason {
                // A retry of the request that stored this answer: nothing changes.
                return (try await Self.current(tx, plan, employeeID), false)
            }
            if let before {
                guard let expectedVersion else {
                    throw DomainError(.preconditionRequired, code: "request.if_match_required",
                                      "Send If-Match with the ETag of the answer you read, so concurrent changes are detected.")
                }
                try PlanReviewService.checkVersion(before.version, expectedVersion, code: "answer.version_mismatch", what: "answer")
            } else if expectedVersion != nil {
                throw DomainError(.preconditionFailed, code: "answer.version_mismatch", "There is no answer yet to replace.")
            }
            let after = try await tx.planReview.saveAnswer(tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                           answer: answer, reason: reason, answeredBy: actor.user.id)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: before == nil ? "plan.move_answered" : "plan.move_answer_changed", entityType: "plan_move_answer",
                entityID: "\(planID.uuidString.lowercased())/\(employeeID.uuidString.lowercased())",
                before: AuditSnapshot.json(before.map(Summary.init)), after: AuditSnapshot.json(Summary(after))))
            return (try await Self.current(tx, plan, employeeID), before == nil)
        }
    }

    static func current(_ tx: any StoreTransaction, _ plan: TransferPlan, _ employeeID: UUID) async throws -> ProposedMove {
        guard let move = try await tx.planReview.move(tenantID: plan.tenantID, planID: plan.id, employeeID: employeeID) else {
            throw moveNotFound
        }
        return proposed(plan, move)
    }

    static func proposed(_ plan: TransferPlan, _ move: PlanMove) -> ProposedMove {
        ProposedMove(planID: plan.id, planName: plan.name, planStatus: plan.status, answerDeadline: plan.answerDeadline, move: move)
    }

    /// The employee record the acting user is linked to (403 `answer.no_employee_record` without).
    static func ownRecord(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID) async throws -> UUID {
        guard let employeeID = actor.user.employeeID,
              try await tx.employees.find(tenantID: tenantID, id: employeeID) != nil else {
            throw DomainError(.forbidden, code: "answer.no_employee_record",
                              "Your user is not linked to an employee record; ask your BKPSDM.")
        }
        return employeeID
    }

    /// What the audit trail keeps of an answer: no free text (it may hold personal details).
    struct Summary: Encodable {
        var answer: MoveAnswer.Answer
        var reasonGiven: Bool
        var decision: MoveAnswer.Decision?
        var version: Int
        init(_ a: MoveAnswer) {
            answer = a.answer; reasonGiven = a.reason != nil; decision = a.decision; version = a.version
        }
    }
}

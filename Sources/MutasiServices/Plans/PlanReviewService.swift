import Foundation
import MutasiDomain
import MutasiRepositories

/// The tenant admin's side of a plan's review: opening a built draft for employees' answers
/// with a deadline, and deciding each objection (uphold: the employee stays where they are in a
/// re-plan; reject: the move stands).
public struct PlanReviewService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// Moves a built draft to `in_review`. The deadline is `answerDeadline` when given, else the
    /// campaign's; it must lie in the future (400 naming `answerDeadline`, also when neither
    /// exists). `expectedVersion` is the plan's (If-Match). A retry with the same
    /// `idempotencyKey` gets the first answer back.
    public func openReview(actor: Principal, tenantID: UUID, planID: UUID, answerDeadline: Date?, expectedVersion: Int,
                           idempotencyKey: String? = nil) async throws -> PlanStatus {
        let key = try Idempotency.validKey(idempotencyKey)
        let request = ["plan.review", planID.uuidString, "v\(expectedVersion)", answerDeadline.map { "\($0.timeIntervalSince1970)" } ?? ""]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                guard let before = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: false) else { throw PlanService.notFound }
                try Self.checkVersion(before.version, expectedVersion, code: "plan.version_mismatch", what: "plan")
                guard before.buildState == .built, before.status == .draft else {
                    throw DomainError.conflict("plan.invalid_state",
                        "Only a built draft plan is opened for review; this one is \(before.buildState.rawValue), \(before.status.rawValue).")
                }
                var deadline = answerDeadline
                if deadline == nil, let campaignID = before.campaignID {
                    deadline = try await tx.campaigns.find(tenantID: tenantID, id: campaignID, lock: false)?.answerDeadline
                }
                guard let deadline else {
                    throw DomainError.invalid("plan.answer_deadline_required",
                        "answerDeadline is required: the plan has no campaign with an answer deadline.", field: "answerDeadline")
                }
                guard deadline > env.now() else {
                    throw DomainError.invalid("plan.answer_deadline_past", "answerDeadline must be in the future.",
                                              field: "answerDeadline")
                }
                let plan = try await tx.planReview.openReview(tenantID: tenantID, id: planID, answerDeadline: deadline)
                try await tx.planHistory.append(tenantID: tenantID, planID: planID, step: "review_opened", from: before.status,
                                                to: plan.status, actorID: actor.user.id, note: nil)
                try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                    action: "plan.review_opened", entityType: "plan", entityID: planID.uuidString.lowercased(),
                    before: AuditSnapshot.json(["status": before.status.rawValue]),
                    after: AuditSnapshot.json(Opened(status: plan.status.rawValue, answerDeadline: deadline, version: plan.version))))
                return PlanStatus(plan: plan, job: try await tx.jobs.latest(tenantID: tenantID, subjectID: planID))
            }
        }
    }

    /// Upholds or rejects an employee's objection to their move, with a note (1-1000
    /// characters) the employee reads. Only an `object` answer (409 `answer.not_objection`) of
    /// a plan in review; `expectedVersion` is the answer's (If-Match).
    public func decideObjection(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID, decision: String,
                                note: String, expectedVersion: Int, idempotencyKey: String? = nil) async throws -> MoveAnswer {
        let key = try Idempotency.validKey(idempotencyKey)
        let decided: MoveAnswer.Decision
        switch decision {
        case "uphold": decided = .upheld
        case "reject": decided = .rejected
        default: throw DomainError.invalid("objection.invalid_decision", "decision must be uphold or reject.", field: "decision")
        }
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard MoveAnswer.noteLength.contains(note.unicodeScalars.count) else {
            throw DomainError.invalid("objection.invalid_note", "note must have 1 to 1000 characters.", field: "note")
        }
        let request = ["plan.objection", planID.uuidString, employeeID.uuidString, "v\(expectedVersion)", decision, note]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                guard let plan = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: true) else { throw PlanService.notFound }
                guard try await tx.planReview.move(tenantID: tenantID, planID: planID, employeeID: employeeID) != nil else {
                    throw MoveAnswerService.moveNotFound
                }
                guard plan.status == .inReview else { throw MoveAnswerService.notInReview(plan) }
                guard let before = try await tx.planReview.answer(tenantID: tenantID, planID: planID, employeeID: employeeID, lock: true),
                      before.answer == .object else {
                    throw DomainError.conflict("answer.not_objection", "The employee has not objected to this move.")
                }
                try Self.checkVersion(before.version, expectedVersion, code: "answer.version_mismatch", what: "answer")
                let after = try await tx.planReview.decide(tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                           decision: decided, note: note, decidedBy: actor.user.id)
                try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                    action: "plan.objection_decided", entityType: "plan_move_answer",
                    entityID: "\(planID.uuidString.lowercased())/\(employeeID.uuidString.lowercased())",
                    before: AuditSnapshot.json(MoveAnswerService.Summary(before)), after: AuditSnapshot.json(MoveAnswerService.Summary(after))))
                return after
            }
        }
    }

    static func checkVersion(_ actual: Int, _ expected: Int, code: String, what: String) throws {
        guard actual == expected else {
            throw DomainError(.preconditionFailed, code: code, "The \(what) was changed meanwhile; reload it and try again.")
        }
    }

    private struct Opened: Encodable {
        var status: String
        var answerDeadline: Date
        var version: Int
    }
}

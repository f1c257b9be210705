import Foundation
import MutasiDomain
import MutasiRepositories

/// Comments on the proposed moves of a plan: agency operators write them on the moves that
/// touch their agencies (where the employee is or where the move takes them), tenant admins on
/// any; those and the plan's readers (approvers, auditors) read them. Every comment is audited.
/// A move an operator's agencies do not touch reads as absent to them, like their agencies'
/// records elsewhere.
public struct PlanCommentService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let writers: Set<Role> = [.tenantAdmin, .agencyOperator]
    static let readers: Set<Role> = writers.union(PlanService.readers)
    static let moveNotFound = DomainError.notFound("plan_move.not_found", "The plan proposes no move for this employee.")
    static let notFound = DomainError.notFound("plan_move_comment.not_found", "Comment not found.")

    public func add(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID, text: String,
                    idempotencyKey: String? = nil) async throws -> PlanMoveComment {
        let key = try Idempotency.validKey(idempotencyKey)
        let fingerprint = ["plan_move_comment.create", planID.uuidString, employeeID.uuidString, text]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.writers) { tx, tenant in
            try await Self.requireMove(tx, actor, tenantID: tenantID, planID: planID, employeeID: employeeID)
            let text = try Self.validText(text)
            return try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: fingerprint) {
                let comment = try await tx.planComments.add(tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                            authorID: actor.user.id, text: text)
                try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                    action: "plan_move_comment.create", entityType: "plan_move_comment",
                    entityID: comment.id.uuidString.lowercased(), before: nil, after: AuditSnapshot.json(Summary(comment))))
                return comment
            }
        }
    }

    public func list(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID,
                     page: PageRequest) async throws -> Page<PlanMoveComment> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, _ in
            try await Self.requireMove(tx, actor, tenantID: tenantID, planID: planID, employeeID: employeeID)
            return try await tx.planComments.list(tenantID: tenantID, planID: planID, employeeID: employeeID, page)
        }
    }

    public func get(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID, id: UUID) async throws -> PlanMoveComment {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, _ in
            try await Self.requireMove(tx, actor, tenantID: tenantID, planID: planID, employeeID: employeeID)
            guard let comment = try await tx.planComments.find(tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                               id: id) else { throw Self.notFound }
            return comment
        }
    }

    /// The plan (404 `plan.not_found`) and its move for the employee (404 `plan_move.not_found`,
    /// also when the move touches none of an operator's agencies).
    static func requireMove(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID, planID: UUID,
                            employeeID: UUID) async throws {
        guard try await tx.plans.find(tenantID: tenantID, id: planID) != nil else { throw PlanService.notFound }
        guard let agencies = try await tx.planComments.moveAgencies(tenantID: tenantID, planID: planID, employeeID: employeeID)
        else { throw moveNotFound }
        if let own = TenantScope.visibleAgencies(actor), !agencies.touches(own) { throw moveNotFound }
    }

    /// What the audit trail keeps of a comment: not its text (it may speak of a person's health
    /// or family), as with preference forms.
    struct Summary: Encodable {
        var planID: UUID
        var employeeID: UUID
        var authorRole: Role
        var length: Int
        init(_ comment: PlanMoveComment) {
            planID = comment.planID; employeeID = comment.employeeID; authorRole = comment.authorRole
            length = comment.text.count
        }
    }

    /// 1 to 2,000 characters (Unicode scalars, as the database counts them) after trimming.
    static func validText(_ text: String) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw DomainError.invalid("comment.text_required", "text must not be empty.", field: "text") }
        guard trimmed.unicodeScalars.count <= PlanMoveComment.maxText else {
            throw DomainError.invalid("comment.text_too_long", "text must be at most \(PlanMoveComment.maxText) characters.",
                                      field: "text")
        }
        guard !trimmed.unicodeScalars.contains("\u{0}") else {
            throw DomainError.invalid("comment.text_invalid", "text must not contain NUL characters.", field: "text")
        }
        return trimmed
    }
}

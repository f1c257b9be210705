import Foundation
import MutasiDomain
import MutasiRepositories

/// A plan with the state of its latest build job.
public struct PlanStatus: Sendable, Codable {
    public var plan: TransferPlan
    public var job: Job?
}

/// Creating and reading transfer plans. Tenant admins create plans; tenant admins, approvers
/// and auditors read them. Building runs off the request path (`PlanBuildWorker`).
public struct PlanService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let readers: Set<Role> = [.tenantAdmin, .approver, .auditor]
    /// The kinds of move the engine proposes (planning.md).
    public static let moveKinds = ["voluntary", "compulsory"]
    static let notFound = DomainError.notFound("plan.not_found", "Plan not found.")

    /// Records the plan and queues its build; returns at once. The plan's policy is the
    /// tenant's default policy (`PlanSettingsService`) with the fields `policy` gives, stored in
    /// full. With `campaignID` (a closed campaign of the tenant) the plan honours the wishes and
    /// ranked units of that campaign's forms. With `replanOf` (a plan of the tenant from a
    /// campaign) it redoes that plan from the same campaign, keeping in place everyone whose
    /// objection there was upheld. A retry with the same `idempotencyKey` returns the first
    /// answer instead of queuing a second plan.
    public func create(actor: Principal, tenantID: UUID, name: String, policy overrides: PlanPolicy.Overrides,
                       campaignID: UUID? = nil, replanOf: UUID? = nil, idempotencyKey: String? = nil) async throws -> PlanStatus {
        let name = try Validate.text(name, field: "name")
        _ = try overrides.applied(to: PlanPolicy()).validated()
        let key = try Idempotency.validKey(idempotencyKey)
        let fingerprint = ["plan.create", name, AuditSnapshot.json(overrides) ?? ""] + (campaignID.map { [$0.uuidString] } ?? [])
            + (replanOf.map { ["replan", $0.uuidString] } ?? [])
        return try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            try Access.require(actor, in: tenant, roles: [.tenantAdmin])
            return try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: fingerprint) {
                var campaignID = campaignID
                if let replanOf { campaignID = try await Self.replannedCampaign(tx, tenantID: tenantID, replanOf: replanOf, campaignID: campaignID) }
                let defaults = try await tx.planSettings.find(tenantID: tenantID, lock: false)
                let policy = try overrides.applied(to: defaults.policy).validated()
                if let campaignID { try await Self.requireClosedCampaign(tx, tenantID: tenantID, id: campaignID) }
                return try await Self.queue(tx, tenant: tenant, actor: actor, name: name, policy: policy, campaignID: campaignID,
                                            replanOf: replanOf)
            }
        }
    }

    /// A re-plan uses the campaign of the plan it redoes, which must be a plan of the tenant
    /// built from a campaign (400 naming `replanOf`); a different `campaignID` is refused.
    static func replannedCampaign(_ tx: any StoreTransaction, tenantID: UUID, replanOf: UUID, campaignID: UUID?) async throws -> UUID {
        guard let original = try await tx.plans.find(tenantID: tenantID, id: replanOf) else {
            throw DomainError.invalid("plan.replan_not_found", "No plan of this tenant has id \(replanOf.uuidString.lowercased()).",
                                      field: "replanOf")
        }
        guard let campaign = original.campaignID else {
            throw DomainError.invalid("plan.replan_without_campaign", "Only a plan built from a campaign can be re-planned.",
                                      field: "replanOf")
        }
        if let campaignID, campaignID != campaign {
            throw DomainError.invalid("plan.replan_campaign_mismatch",
                                      "A re-plan uses the campaign of the plan it redoes; leave campaignID out.", field: "campaignID")
        }
        return campaign
    }

    /// A plan reads a campaign's forms only once they can no longer change: the campaign must
    /// be closed (409 `campaign.not_closed`); an id that is no campaign of the tenant is refused
    /// naming the field.
    static func requireClosedCampaign(_ tx: any StoreTransaction, tenantID: UUID, id: UUID) async throws {
        guard let campaign = try await tx.campaigns.find(tenantID: tenantID, id: id, lock: false) else {
            throw DomainError.invalid("campaign.not_found", "No campaign of this tenant has id \(id.uuidString.lowercased()).",
                                      field: "campaignID")
        }
        guard campaign.state == .closed else {
            throw DomainError(.conflict, code: "campaign.not_closed",
                              "A plan is built from a closed campaign only; this one is \(campaign.state.rawValue).",
                              field: "campaignID")
        }
    }

    private static func queue(_ tx: any StoreTransaction, tenant: Tenant, actor: Principal, name: String,
                              policy: PlanPolicy, campaignID: UUID?, replanOf: UUID?) async throws -> PlanStatus {
        let plan = try await tx.plans.create(tenantID: tenant.id, name: name, policy: policy, campaignID: campaignID,
                                             replanOf: replanOf, createdBy: actor.user.id)
        let job = try await tx.jobs.enqueue(tenantID: tenant.id, kind: Job.planBuild, subjectID: plan.id)
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: "plan.create", entityType: "plan", entityID: plan.id.uuidString.lowercased(),
            before: nil, after: AuditSnapshot.json(plan)))
        return PlanStatus(plan: plan, job: job)
    }

    public func list(actor: Principal, tenantID: UUID, page: PageRequest) async throws -> Page<TransferPlan> {
        try await read(actor, tenantID) { tx in try await tx.plans.list(tenantID: tenantID, page) }
    }

    public func get(actor: Principal, tenantID: UUID, id: UUID) async throws -> PlanStatus {
        try await read(actor, tenantID) { tx in
            guard let plan = try await tx.plans.find(tenantID: tenantID, id: id) else { throw Self.notFound }
            return PlanStatus(plan: plan, job: try await tx.jobs.latest(tenantID: tenantID, subjectID: id))
        }
    }

    /// The moves of a built plan, each with its explanation, answer and how many comments it
    /// has; `answer` keeps those whose answer is so, `dropped` those dropped (true) or kept (false),
    /// `filter` those leaving or entering an agency, of a kind (`voluntary`, `compulsory`; 400
    /// `plan.invalid_move_kind` naming `kind` otherwise).
    public func moves(actor: Principal, tenantID: UUID, id: UUID, answer: AnswerCounts.Filter? = nil, dropped: Bool? = nil,
                      filter: MoveFilter = MoveFilter(), page: PageRequest) async throws -> Page<PlanMove> {
        if let kind = filter.kind, !Self.moveKinds.contains(kind) {
            throw DomainError.invalid("plan.invalid_move_kind", "kind must be voluntary or compulsory.", field: "kind")
        }
        return try await read(actor, tenantID) { tx in
            guard try await tx.plans.find(tenantID: tenantID, id: id) != nil else { throw Self.notFound }
            var moves = try await tx.plans.moves(tenantID: tenantID, planID: id, answer: answer, dropped: dropped, where: filter, page)
            let counts = try await tx.planComments.counts(tenantID: tenantID, planID: id, employeeIDs: moves.items.map(\.employeeID))
            for i in moves.items.indices { moves.items[i].commentCount = counts[moves.items[i].employeeID] ?? 0 }
            return moves
        }
    }

    /// The exact planning.md instance the plan was built from, for re-checking offline.
    public func instance(actor: Principal, tenantID: UUID, id: UUID) async throws -> String {
        try await read(actor, tenantID) { tx in
            guard let plan = try await tx.plans.find(tenantID: tenantID, id: id) else { throw Self.notFound }
            guard plan.buildState == .built, let json = try await tx.plans.instanceJSON(tenantID: tenantID, planID: id) else {
                throw DomainError.conflict("plan.not_built", "The plan has not been built yet (state: \(plan.buildState.rawValue)).")
            }
            return json
        }
    }

    private func read<T: Sendable>(_ actor: Principal, _ tenantID: UUID,
                                   _ body: @Sendable (any StoreTransaction) async throws -> T) async throws -> T {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            try Access.require(actor, in: tenant, roles: Self.readers)
            return try await body(tx)
        }
    }
}

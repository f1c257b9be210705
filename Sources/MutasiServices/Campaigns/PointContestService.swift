import Foundation
import MutasiDomain
import MutasiRepositories

/// Contests of priority points (sanggahan poin). An employee contests their own points in a
/// campaign with a reason while it is open, one pending contest at a time. A tenant admin
/// upholds a pending contest with an adjustment (which then counts in the employee's points of
/// the campaign, and so in plans from it) or rejects it, each with a note. Contests are read
/// with the visibility of the forms: tenant admins, approvers and auditors all, agency
/// operators those of their agencies' employees, the employee their own.
public struct PointContestService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let notFound = DomainError.notFound("contest.not_found", "Point contest not found.")

    /// A contest as the employee files it. Unknown fields are refused.
    public struct Input: Sendable, Codable {
        public var reason: String
        public init(reason: String) { self.reason = reason }
        enum CodingKeys: String, CodingKey, CaseIterable { case reason }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            reason = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .reason)
        }
    }

    /// A tenant admin's decision: `uphold` with an `adjustment`, or `reject`; a note either way.
    public struct DecisionInput: Sendable, Codable {
        public var decision: String
        public var adjustment: Int?
        public var note: String
        public init(decision: String, adjustment: Int? = nil, note: String) {
            self.decision = decision; self.adjustment = adjustment; self.note = note
        }
        enum CodingKeys: String, CodingKey, CaseIterable { case decision, adjustment, note }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            decision = try c.decode(String.self, forKey: .decision)
            adjustment = try c.decodeIfPresent(Int.self, forKey: .adjustment)
            note = try c.decode(String.self, forKey: .note)
        }
    }

    // MARK: The employee's own

    /// Files a contest of the employee's points: the campaign must be open (409
    /// `campaign.not_open`) and no other contest of theirs in it pending (409 `contest.pending`).
    /// A retry with the same `idempotencyKey` returns the first answer.
    public func file(actor: Principal, tenantID: UUID, campaignID: UUID, _ input: Input,
                     idempotencyKey: String? = nil) async throws -> PointContest {
        let key = try Idempotency.validKey(idempotencyKey)
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, tenant in
            let (campaign, employee) = try await PreferenceFormService.ownCampaign(tx, actor, tenantID: tenantID,
                                                                                   campaignID: campaignID)
            let request = ["points.contest", campaignID.uuidString, input.reason]
            return try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                guard campaign.state == .open else {
                    throw DomainError.conflict("campaign.not_open",
                        "Points are contested only while the campaign is open; it is \(campaign.state.rawValue).")
                }
                let reason = try PointContest.reason(input.reason)
                guard try await tx.pointContests.pending(tenantID: tenantID, campaignID: campaignID, employeeID: employee.id) == nil
                else { throw PointContest.pendingConflict }
                let contest = try await tx.pointContests.create(tenantID: tenantID, campaignID: campaignID,
                                                                 employeeID: employee.id, reason: reason, filedBy: actor.user.id)
                try await Self.audit(tx, tenant, actor, "points.contested", contest, before: nil)
                return contest
            }
        }
    }

    /// The employee's contests in the campaign, newest first.
    public func mine(actor: Principal, tenantID: UUID, campaignID: UUID, page: PageRequest) async throws -> Page<PointContest> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.employee]) { tx, _ in
            let (campaign, employee) = try await PreferenceFormService.ownCampaign(tx, actor, tenantID: tenantID,
                                                                                   campaignID: campaignID)
            return try await tx.pointContests.list(tenantID: tenantID, campaignID: campaign.id,
                                                   PointContestFilter(employeeID: employee.id), page)
        }
    }

    // MARK: Staff

    public func list(actor: Principal, tenantID: UUID, campaignID: UUID, state: PointContest.State? = nil,
                     page: PageRequest) async throws -> Page<PointContest> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: PreferenceFormService.staff) { tx, _ in
            let campaign = try await CampaignService.visible(tx, actor, tenantID: tenantID, id: campaignID, lock: false)
            return try await tx.pointContests.list(
                tenantID: tenantID, campaignID: campaign.id,
                PointContestFilter(state: state, agencyIDs: TenantScope.visibleAgencies(actor)), page)
        }
    }

    /// One contest: staff as in `list`, the employee their own (404 for anyone else's).
    public func get(actor: Principal, tenantID: UUID, campaignID: UUID, id: UUID) async throws -> PointContest {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID,
                                  roles: PreferenceFormService.staff.union([.employee])) { tx, _ in
            try await Self.visible(tx, actor, tenantID: tenantID, campaignID: campaignID, id: id, lock: false)
        }
    }

    /// Decides a pending contest (tenant admins): the version first (412 when stale), then the
    /// state (409 `contest.already_decided`), then the input.
    public func decide(actor: Principal, tenantID: UUID, campaignID: UUID, id: UUID, _ input: DecisionInput,
                       expectedVersion: Int) async throws -> PointContest {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            let before = try await Self.visible(tx, actor, tenantID: tenantID, campaignID: campaignID, id: id, lock: true)
            guard before.version == expectedVersion else {
                throw DomainError(.preconditionFailed, code: "contest.version_mismatch",
                                  "The contest was changed meanwhile; reload it and try again.")
            }
            guard before.state == .pending else {
                throw DomainError.conflict("contest.already_decided", "The contest was already \(before.state.rawValue).")
            }
            guard let decision = PointContest.Decision(rawValue: input.decision) else {
                throw DomainError.invalid("contest.invalid_decision", "decision must be uphold or reject.", field: "decision")
            }
            let adjustment = try PointContest.adjustment(input.adjustment, for: decision)
            let note = try PointContest.note(input.note)
            let contest = try await tx.pointContests.decide(
                tenantID: tenantID, id: id, state: decision == .uphold ? .upheld : .rejected, adjustment: adjustment, note: note,
                decidedBy: actor.user.id)
            try await Self.audit(tx, tenant, actor, decision == .uphold ? "points.contest_upheld" : "points.contest_rejected",
                                 contest, before: before)
            return contest
        }
    }

    // MARK: Rules

    /// The contest if it belongs to the campaign and the actor may read it; 404 otherwise.
    static func visible(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID, campaignID: UUID, id: UUID,
                        lock: Bool) async throws -> PointContest {
        if actor.role == .employee {
            let (_, employee) = try await PreferenceFormService.ownCampaign(tx, actor, tenantID: tenantID, campaignID: campaignID)
            guard let contest = try await tx.pointContests.find(tenantID: tenantID, id: id, lock: lock),
                  contest.campaignID == campaignID, contest.employeeID == employee.id else { throw notFound }
            return contest
        }
        let campaign = try await CampaignService.visible(tx, actor, tenantID: tenantID, id: campaignID, lock: false)
        guard let contest = try await tx.pointContests.find(tenantID: tenantID, id: id, lock: lock),
              contest.campaignID == campaign.id, WorkforceAccess.canRead(actor, agencyID: contest.agencyID) else { throw notFound }
        return contest
    }

    /// What the audit trail keeps of a contest: no free text (a reason may hold health details).
    struct Summary: Encodable {
        var campaignID: UUID
        var employeeID: UUID
        var state: PointContest.State
        var adjustment: Int?
        var version: Int
        init(_ c: PointContest) {
            campaignID = c.campaignID; employeeID = c.employeeID; state = c.state; adjustment = c.adjustment; version = c.version
        }
    }

    static func audit(_ tx: any StoreTransaction, _ tenant: Tenant, _ actor: Principal, _ action: String, _ contest: PointContest,
                      before: PointContest?) async throws {
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: action, entityType: "point_contest", entityID: contest.id.uuidString.lowercased(),
            before: AuditSnapshot.json(before.map(Summary.init)), after: AuditSnapshot.json(Summary(contest))))
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// Preference campaigns (kampanye preferensi). Tenant admins create, edit (while draft), open and
/// close them; at most one open campaign covers an agency at a time. Who reads them:
/// - tenant admins, approvers and auditors: every campaign of their tenant;
/// - agency operators: campaigns covering one of their agencies (or the whole tenant);
/// - employees: open campaigns that cover them (to file their forms);
/// - the platform and the tenant's BKN admins: counts only (`counts`), 403 on campaigns.
public struct CampaignService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let readers: Set<Role> = [.tenantAdmin, .agencyOperator, .approver, .auditor, .employee]
    static let countReaders: Set<Role> = [.tenantAdmin, .approver, .auditor]

    /// A campaign as a tenant admin writes it. Unknown fields are refused.
    public struct Draft: Sendable, Codable {
        public var name: String
        public var opensAt: Date
        public var closesAt: Date
        public var answerDeadline: Date?
        public var agencyIDs: [UUID]?
        public var pointRules: PointRules?
        public init(name: String, opensAt: Date, closesAt: Date, answerDeadline: Date? = nil, agencyIDs: [UUID]? = nil,
                    pointRules: PointRules? = nil) {
            self.name = name; self.opensAt = opensAt; self.closesAt = closesAt; self.answerDeadline = answerDeadline
            self.agencyIDs = agencyIDs; self.pointRules = pointRules
        }
        enum CodingKeys: String, CodingKey, CaseIterable { case name, opensAt, closesAt, answerDeadline, agencyIDs, pointRules }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            opensAt = try c.decode(Date.self, forKey: .opensAt)
            closesAt = try c.decode(Date.self, forKey: .closesAt)
            answerDeadline = try c.decodeIfPresent(Date.self, forKey: .answerDeadline)
            agencyIDs = try c.decodeIfPresent([UUID].self, forKey: .agencyIDs)
            pointRules = try c.decodeIfPresent(PointRules.self, forKey: .pointRules)
        }
    }

    /// Changes to a draft campaign; absent fields stay. `answerDeadline: null` is not
    /// distinguished from absent (a deadline once set is changed, not removed).
    public struct Changes: Sendable, Codable {
        public var name: String?
        public var opensAt: Date?
        public var closesAt: Date?
        public var answerDeadline: Date?
        public var agencyIDs: [UUID]?
        /// Replaces the whole set of rules (absent rules in it are 0).
        public var pointRules: PointRules?
        public init(name: String? = nil, opensAt: Date? = nil, closesAt: Date? = nil, answerDeadline: Date? = nil,
                    agencyIDs: [UUID]? = nil, pointRules: PointRules? = nil) {
            self.name = name; self.opensAt = opensAt; self.closesAt = closesAt; self.answerDeadline = answerDeadline
            self.agencyIDs = agencyIDs; self.pointRules = pointRules
        }
        enum CodingKeys: String, CodingKey, CaseIterable { case name, opensAt, closesAt, answerDeadline, agencyIDs, pointRules }
        public init(from decoder: any Decoder) throws {
            try StrictKeys.refuseUnknown(decoder, allowed: Set(CodingKeys.allCases.map(\.rawValue)))
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            opensAt = try c.decodeIfPresent(Date.self, forKey: .opensAt)
            closesAt = try c.decodeIfPresent(Date.self, forKey: .closesAt)
            answerDeadline = try c.decodeIfPresent(Date.self, forKey: .answerDeadline)
            agencyIDs = try c.decodeIfPresent([UUID].self, forKey: .agencyIDs)
            pointRules = try c.decodeIfPresent(PointRules.self, forKey: .pointRules)
        }
    }

    // MARK: Reading

    public func list(actor: Principal, tenantID: UUID, state: Campaign.State? = nil, page: PageRequest) async throws -> Page<Campaign> {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, _ in
            var filter = CampaignFilter(state: state)
            switch actor.role {
            case .agencyOperator: filter.coveringAgencies = actor.user.agencyIDs
            case .employee: filter.openFor = .some(try await Self.employeeAgency(tx, actor, tenantID))
            default: break
            }
            return try await tx.campaigns.list(tenantID: tenantID, filter, page)
        }
    }

    public func get(actor: Principal, tenantID: UUID, id: UUID) async throws -> Campaign {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, _ in
            try await Self.visible(tx, actor, tenantID: tenantID, id: id, lock: false)
        }
    }

    /// Campaigns by state and forms filed: all the platform and the tenant's BKN admins see.
    public func counts(actor: Principal, tenantID: UUID) async throws -> CampaignCounts {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.countReaders, managersToo: true) { tx, _ in
            try await tx.campaigns.counts(tenantID: tenantID)
        }
    }

    // MARK: Writing

    /// A retry with the same `idempotencyKey` returns the campaign the first request created.
    public func create(actor: Principal, tenantID: UUID, _ draft: Draft, idempotencyKey: String? = nil) async throws -> Campaign {
        let key = try Idempotency.validKey(idempotencyKey)
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key,
                                      request: ["campaign.create", AuditSnapshot.json(draft) ?? ""]) {
                let fields = try await Self.validated(tx, tenantID: tenantID, CampaignFields(
                    name: draft.name, opensAt: draft.opensAt, closesAt: draft.closesAt, answerDeadline: draft.answerDeadline,
                    agencyIDs: draft.agencyIDs ?? [], pointRules: draft.pointRules ?? PointRules()))
                let campaign = try await tx.campaigns.create(tenantID: tenantID, fields, createdBy: actor.user.id)
                try await Self.audit(tx, tenant, actor, "campaign.create", campaign, before: nil)
                return campaign
            }
        }
    }

    /// Changes a draft campaign.
    public func update(actor: Principal, tenantID: UUID, id: UUID, _ changes: Changes, expectedVersion: Int) async throws -> Campaign {
        try await UnchangedUpdate.run { try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            let before = try await Self.find(tx, tenantID: tenantID, id: id, lock: true)
            try Self.check(before, expectedVersion: expectedVersion, from: [.draft], step: "edit")
            let fields = try await Self.validated(tx, tenantID: tenantID, CampaignFields(
                name: changes.name ?? before.name, opensAt: changes.opensAt ?? before.opensAt,
                closesAt: changes.closesAt ?? before.closesAt, answerDeadline: changes.answerDeadline ?? before.answerDeadline,
                agencyIDs: changes.agencyIDs ?? before.agencyIDs, pointRules: changes.pointRules ?? before.pointRules))
            let campaign = try await tx.campaigns.update(tenantID: tenantID, id: id, fields)
            try UnchangedUpdate.check(before, campaign)
            try await Self.audit(tx, tenant, actor, "campaign.update", campaign, before: before)
            return campaign
        } }
    }

    /// Opens a draft campaign for forms; refused (409 `campaign.overlap`) while another open
    /// campaign covers one of its agencies.
    public func open(actor: Principal, tenantID: UUID, id: UUID, expectedVersion: Int,
                     idempotencyKey: String? = nil) async throws -> Campaign {
        try await step(actor: actor, tenantID: tenantID, id: id, to: .open, from: [.draft], expectedVersion: expectedVersion,
                       idempotencyKey: idempotencyKey)
    }

    /// Closes an open campaign: its forms are read-only from then on.
    public func close(actor: Principal, tenantID: UUID, id: UUID, expectedVersion: Int,
                      idempotencyKey: String? = nil) async throws -> Campaign {
        try await step(actor: actor, tenantID: tenantID, id: id, to: .closed, from: [.open], expectedVersion: expectedVersion,
                       idempotencyKey: idempotencyKey)
    }

    private func step(actor: Principal, tenantID: UUID, id: UUID, to state: Campaign.State, from: Set<Campaign.State>,
                      expectedVersion: Int, idempotencyKey: String?) async throws -> Campaign {
        let key = try Idempotency.validKey(idempotencyKey)
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            if state == .open { try await tx.campaigns.lockOpening(tenantID: tenantID) }
            let before = try await Self.find(tx, tenantID: tenantID, id: id, lock: true)
            let request = ["campaign.\(state.rawValue)", id.uuidString, "v\(expectedVersion)"]
            return try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                try Self.check(before, expectedVersion: expectedVersion, from: from,
                               step: state == .open ? "open" : "close")
                if state == .open,
                   let other = try await tx.campaigns.openCampaigns(tenantID: tenantID).first(where: { $0.id != id && $0.overlaps(before) }) {
                    throw DomainError.conflict("campaign.overlap",
                        "The open campaign \(other.id.uuidString.lowercased()) covers an agency of this one; close it first.")
                }
                let campaign = try await tx.campaigns.setState(tenantID: tenantID, id: id, state)
                try await Self.audit(tx, tenant, actor, state == .open ? "campaign.open" : "campaign.close", campaign, before: before)
                return campaign
            }
        }
    }

    // MARK: Rules

    static let notFound = DomainError.notFound("campaign.not_found", "Campaign not found.")

    static func find(_ tx: any StoreTransaction, tenantID: UUID, id: UUID, lock: Bool) async throws -> Campaign {
        guard let campaign = try await tx.campaigns.find(tenantID: tenantID, id: id, lock: lock) else { throw notFound }
        return campaign
    }

    /// The campaign if the actor may read it: operators those covering their agencies, employees
    /// open ones covering them; 404 otherwise.
    static func visible(_ tx: any StoreTransaction, _ actor: Principal, tenantID: UUID, id: UUID, lock: Bool) async throws -> Campaign {
        let campaign = try await find(tx, tenantID: tenantID, id: id, lock: lock)
        switch actor.role {
        case .agencyOperator:
            guard campaign.coversWholeTenant || !Set(campaign.agencyIDs).isDisjoint(with: actor.user.agencyIDs) else { throw notFound }
        case .employee:
            guard campaign.state == .open, campaign.covers(agencyID: try await employeeAgency(tx, actor, tenantID)) else { throw notFound }
        default: break
        }
        return campaign
    }

    /// The agency an employee user's own record serves in (nil when not placed or not linked).
    static func employeeAgency(_ tx: any StoreTransaction, _ actor: Principal, _ tenantID: UUID) async throws -> UUID? {
        guard let employeeID = actor.user.employeeID else { return nil }
        return try await tx.employees.find(tenantID: tenantID, id: employeeID)?.agencyID
    }

    /// The version first (412 when stale), then the state (409 `campaign.invalid_state`).
    static func check(_ campaign: Campaign, expectedVersion: Int, from: Set<Campaign.State>, step: String) throws {
        guard campaign.version == expectedVersion else {
            throw DomainError(.preconditionFailed, code: "campaign.version_mismatch",
                              "The campaign was changed by someone else; reload it and try again.")
        }
        guard from.contains(campaign.state) else {
            let allowed = from.map(\.rawValue).sorted().joined(separator: " or ")
            throw DomainError.conflict("campaign.invalid_state",
                                       "Cannot \(step) a campaign that is \(campaign.state.rawValue); it must be \(allowed).")
        }
    }

    /// Name 1-200 characters, opening before closing, the answer deadline not before closing,
    /// point rules within their ranges, agencies of the tenant (duplicates dropped).
    static func validated(_ tx: any StoreTransaction, tenantID: UUID, _ f: CampaignFields) async throws -> CampaignFields {
        var fields = f
        fields.name = try Validate.text(f.name, field: "name", max: 200)
        guard f.opensAt < f.closesAt else {
            throw DomainError.invalid("campaign.invalid_period", "closesAt must be after opensAt.", field: "closesAt")
        }
        if let deadline = f.answerDeadline, deadline < f.closesAt {
            throw DomainError.invalid("campaign.invalid_answer_deadline", "answerDeadline must not be before closesAt.",
                                      field: "answerDeadline")
        }
        try f.pointRules.validate()
        guard f.agencyIDs.count <= 500 else {
            throw DomainError.invalid("campaign.too_many_agencies", "At most 500 agencies.", field: "agencyIDs")
        }
        let known = try await tx.campaigns.existingAgencies(tenantID: tenantID, f.agencyIDs)
        var seen: Set<UUID> = []
        fields.agencyIDs = []
        for (i, id) in f.agencyIDs.enumerated() {
            guard known.contains(id) else {
                throw DomainError.invalid("agency.not_found", "No agency of this tenant has id \(id.uuidString.lowercased()).",
                                          field: "agencyIDs[\(i)]")
            }
            if seen.insert(id).inserted { fields.agencyIDs.append(id) }
        }
        return fields
    }

    static func audit(_ tx: any StoreTransaction, _ tenant: Tenant, _ actor: Principal, _ action: String, _ campaign: Campaign,
                      before: Campaign?) async throws {
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: action, entityType: "campaign", entityID: campaign.id.uuidString.lowercased(),
            before: AuditSnapshot.json(before), after: AuditSnapshot.json(campaign)))
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// Slots (a position in a unit). See `WorkforceAccess` for who may do what.
public struct SlotService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public struct Draft: Sendable, Decodable {
        public var unitID: UUID
        public var code: String
        public var name: String
        /// A position kind code (`teacher`) or its Indonesian name (`Guru`).
        public var kind: String
        public var grades: GradeRange
        public var educationFields: [String]?
        public var competencies: [CompetencyRequirement]?
        /// Tenant admins only, with `needReason`; otherwise the need comes from an approved
        /// needs analysis (a new slot starts at 0).
        public var need: Int?
        public var needReason: String?
        public init(unitID: UUID, code: String, name: String, kind: String, grades: GradeRange,
                    educationFields: [String]? = nil, competencies: [CompetencyRequirement]? = nil, need: Int? = nil,
                    needReason: String? = nil) {
            self.unitID = unitID; self.code = code; self.name = name; self.kind = kind; self.grades = grades
            self.educationFields = educationFields; self.competencies = competencies; self.need = need
            self.needReason = needReason
        }
    }

    public struct Patch: Sendable, Decodable {
        public var name: String?
        public var kind: String?
        public var grades: GradeRange?
        public var educationFields: [String]?
        public var competencies: [CompetencyRequirement]?
        /// Tenant admins only, with `needReason` (see `Draft.need`).
        public var need: Int?
        public var needReason: String?
        public init(name: String? = nil, kind: String? = nil, grades: GradeRange? = nil, educationFields: [String]? = nil,
                    competencies: [CompetencyRequirement]? = nil, need: Int? = nil, needReason: String? = nil) {
            self.name = name; self.kind = kind; self.grades = grades; self.educationFields = educationFields
            self.competencies = competencies; self.need = need; self.needReason = needReason
        }
    }

    static func uniqueCompetencies(_ list: [CompetencyRequirement]) throws -> [CompetencyRequirement] {
        guard Set(list.map(\.code)).count == list.count else {
            throw DomainError.invalid("competency.duplicate", "A competency is listed twice.", field: "competencies")
        }
        return list.sorted { $0.code < $1.code }
    }

    public func create(actor: Principal, tenantID: UUID, _ draft: Draft) async throws -> Slot {
        let new = NewSlot(
            unitID: draft.unitID, code: try RecordCode.validate(draft.code, codePrefix: "slot_code", field: "code"),
            name: try RecordName.validate(draft.name, codePrefix: "slot_name", field: "name"),
            kind: try PositionKind(parsing: draft.kind, field: "kind"), grades: draft.grades,
            educationFields: try EducationFields.list(draft.educationFields ?? [], field: "educationFields"),
            competencies: try Self.uniqueCompetencies(draft.competencies ?? []),
            need: 0)
        return try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            let override = try Self.needOverride(actor, need: draft.need, reason: draft.needReason, current: 0)
            var slotToCreate = new
            if let override { slotToCreate.need = override.need; slotToCreate.needReason = override.reason }
            guard let unit = try await tx.units.find(tenantID: tenantID, id: draft.unitID),
                  WorkforceAccess.canRead(actor, agencyID: unit.agencyID) else {
                throw DomainError.invalid("unit.not_found", "No unit of this tenant has id \(draft.unitID).", field: "unitID")
            }
            let slot = try await tx.slots.create(tenantID: tenantID, slotToCreate)
            try await WorkforceAccess.audit(tx, actor, tenant, "slot.create", "slot", slot.id.uuidString.lowercased(),
                                            before: nil, after: slot)
            if override != nil {
                try await Self.auditOverride(tx, actor, tenant, before: nil, after: slot)
            }
            return slot
        }
    }

    public func list(actor: Principal, tenantID: UUID, filter: SlotFilter, page: PageRequest) async throws -> Page<Slot> {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            var filter = filter
            filter.agencyIDs = try WorkforceAccess.organisationReadScope(actor, tenant, employeesToo: false)
            return try await tx.slots.list(tenantID: tenantID, filter, page)
        }
    }

    public func get(actor: Principal, tenantID: UUID, id: UUID) async throws -> Slot {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            _ = try WorkforceAccess.organisationReadScope(actor, tenant, employeesToo: false)
            guard let slot = try await tx.slots.find(tenantID: tenantID, id: id),
                  WorkforceAccess.canRead(actor, agencyID: slot.agencyID) else { throw WorkforceAccess.slotNotFound }
            return slot
        }
    }

    public func update(actor: Principal, tenantID: UUID, id: UUID, _ patch: Patch, expectedVersion: Int) async throws -> Slot {
        let changes = SlotChanges(
            name: try patch.name.map { try RecordName.validate($0, codePrefix: "slot_name", field: "name") },
            kind: try patch.kind.map { try PositionKind(parsing: $0, field: "kind") }, grades: patch.grades,
            educationFields: try patch.educationFields.map { try EducationFields.list($0, field: "educationFields") },
            competencies: try patch.competencies.map(Self.uniqueCompetencies))
        if let need = patch.need { _ = try Slot.need(need) }
        return try await UnchangedUpdate.run { try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            guard let before = try await tx.slots.find(tenantID: tenantID, id: id),
                  WorkforceAccess.canRead(actor, agencyID: before.agencyID) else { throw WorkforceAccess.slotNotFound }
            var changes = changes
            changes.needOverride = try Self.needOverride(actor, need: patch.need, reason: patch.needReason, current: before.need)
            guard let after = try await tx.slots.update(tenantID: tenantID, id: id, changes, expectedVersion: expectedVersion)
            else { throw WorkforceAccess.slotNotFound }
            try UnchangedUpdate.check(before, after)
            try await WorkforceAccess.audit(tx, actor, tenant, "slot.update", "slot", id.uuidString.lowercased(),
                                            before: before, after: after)
            if changes.needOverride != nil {
                try await Self.auditOverride(tx, actor, tenant, before: before, after: after)
            }
            return after
        } }
    }

    /// The override a request asks for: nil when it gives no need or the need the slot already
    /// has (a client may send the need back unchanged). Any other need is an override: only a
    /// tenant admin may make it (everyone else sets needs through a needs analysis), and only
    /// with a reason.
    static func needOverride(_ actor: Principal, need: Int?, reason: String?, current: Int) throws -> NeedOverride? {
        guard let need = try need.map({ try Slot.need($0) }), need != current else {
            if reason != nil && need == nil {
                throw DomainError.invalid("slot.need_reason_without_need", "needReason goes with a new need.", field: "needReason")
            }
            return nil
        }
        guard actor.role == .tenantAdmin else {
            throw DomainError(.forbidden, code: "slot.need_from_analysis",
                              "A slot's need comes from an approved needs analysis; only a tenant admin may override it, with a reason.",
                              field: "need")
        }
        return NeedOverride(need: need, reason: try NeedOverrideReason.validate(reason))
    }

    /// The override as its own audit event, so that auditors find every need set outside an analysis.
    static func auditOverride(_ tx: any StoreTransaction, _ actor: Principal, _ tenant: Tenant,
                              before: Slot?, after: Slot) async throws {
        struct NeedChange: Encodable { var need: Int; var needSource: NeedSource; var needReason: String? }
        try await WorkforceAccess.audit(
            tx, actor, tenant, "slot.need_override", "slot", after.id.uuidString.lowercased(),
            before: before.map { NeedChange(need: $0.need, needSource: $0.needSource, needReason: $0.needReason) },
            after: NeedChange(need: after.need, needSource: after.needSource, needReason: after.needReason))
    }
}

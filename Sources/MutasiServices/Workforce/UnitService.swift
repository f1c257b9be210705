import Foundation
import MutasiDomain
import MutasiRepositories

/// Work units (unit kerja) of a tenant's agencies. See `WorkforceAccess` for who may do what.
public struct UnitService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public struct Draft: Sendable, Decodable {
        public var agencyID: UUID
        public var code: String
        public var name: String
        public var regionCode: String
        /// Remote/hardship unit (daerah terpencil); absent: false.
        public var remote: Bool?
        public init(agencyID: UUID, code: String, name: String, regionCode: String, remote: Bool? = nil) {
            self.agencyID = agencyID; self.code = code; self.name = name; self.regionCode = regionCode; self.remote = remote
        }
    }

    public struct Patch: Sendable, Decodable {
        public var agencyID: UUID?
        public var name: String?
        public var regionCode: String?
        public var remote: Bool?
        public init(agencyID: UUID? = nil, name: String? = nil, regionCode: String? = nil, remote: Bool? = nil) {
            self.agencyID = agencyID; self.name = name; self.regionCode = regionCode; self.remote = remote
        }
    }

    /// A unit's region code: valid, and inside the tenant's region. Throws `region_code.*` or
    /// `unit.region_outside_tenant`.
    static func regionCode(_ raw: String, tenant: Tenant, field: String = "regionCode") throws -> String {
        let code = try RegionCode(raw, field: field)
        if let tenantRegion = try? RegionCode(tenant.regionCode), !tenantRegion.contains(code) {
            throw DomainError.invalid(
                "unit.region_outside_tenant",
                "The region \(code.text) lies outside the tenant's region \(tenantRegion.text).", field: field)
        }
        return code.text
    }

    public func create(actor: Principal, tenantID: UUID, _ draft: Draft) async throws -> WorkUnit {
        let code = try RecordCode.validate(draft.code, codePrefix: "unit_code", field: "code")
        let name = try RecordName.validate(draft.name, codePrefix: "unit_name", field: "name")
        return try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            try await Self.requireAgency(tx, tenantID, draft.agencyID)
            try WorkforceAccess.requireAgency(actor, draft.agencyID, field: "agencyID")
            let region = try Self.regionCode(draft.regionCode, tenant: tenant)
            let unit = try await tx.units.create(tenantID: tenantID, NewWorkUnit(
                agencyID: draft.agencyID, code: code, name: name, regionCode: region, remote: draft.remote ?? false))
            try await WorkforceAccess.audit(tx, actor, tenant, "unit.create", "unit", unit.id.uuidString.lowercased(),
                                            before: nil, after: unit)
            return unit
        }
    }

    public func list(actor: Principal, tenantID: UUID, filter: WorkUnitFilter, page: PageRequest) async throws -> Page<WorkUnit> {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            var filter = filter
            filter.agencyIDs = try WorkforceAccess.organisationReadScope(actor, tenant, employeesToo: true)
            return try await tx.units.list(tenantID: tenantID, filter, page)
        }
    }

    public func get(actor: Principal, tenantID: UUID, id: UUID) async throws -> WorkUnit {
        try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            _ = try WorkforceAccess.organisationReadScope(actor, tenant, employeesToo: true)
            guard let unit = try await tx.units.find(tenantID: tenantID, id: id),
                  WorkforceAccess.canRead(actor, agencyID: unit.agencyID) else { throw WorkforceAccess.unitNotFound }
            return unit
        }
    }

    public func update(actor: Principal, tenantID: UUID, id: UUID, _ patch: Patch, expectedVersion: Int) async throws -> WorkUnit {
        let name = try patch.name.map { try RecordName.validate($0, codePrefix: "unit_name", field: "name") }
        return try await UnchangedUpdate.run { try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try await WorkforceAccess.tenant(actor, tenantID, tx)
            try WorkforceAccess.requireWriter(actor, tenant)
            guard let before = try await tx.units.find(tenantID: tenantID, id: id),
                  WorkforceAccess.canRead(actor, agencyID: before.agencyID) else { throw WorkforceAccess.unitNotFound }
            if let agencyID = patch.agencyID {
                try await Self.requireAgency(tx, tenantID, agencyID)
                try WorkforceAccess.requireAgency(actor, agencyID, field: "agencyID")
            }
            let region = try patch.regionCode.map { try Self.regionCode($0, tenant: tenant) }
            guard let after = try await tx.units.update(
                tenantID: tenantID, id: id, WorkUnitChanges(agencyID: patch.agencyID, name: name, regionCode: region, remote: patch.remote),
                expectedVersion: expectedVersion)
            else { throw WorkforceAccess.unitNotFound }
            try UnchangedUpdate.check(before, after)
            try await WorkforceAccess.audit(tx, actor, tenant, "unit.update", "unit", id.uuidString.lowercased(),
                                            before: before, after: after)
            return after
        } }
    }

    static func requireAgency(_ tx: any StoreTransaction, _ tenantID: UUID, _ agencyID: UUID) async throws {
        guard try await tx.agencies.find(tenantID: tenantID, id: agencyID) != nil else {
            throw DomainError.invalid("agency.not_found", "No agency of this tenant has id \(agencyID).", field: "agencyID")
        }
    }
}

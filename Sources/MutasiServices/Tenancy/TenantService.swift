import Foundation
import MutasiDomain
import MutasiRepositories

/// Tenants (regional governments): created and managed by platform admins and by the admins
/// of the BKN office that oversees them; seen by their own users.
public struct TenantService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public struct Draft: Sendable, Decodable {
        public var code: String
        public var name: String
        public var kind: Tenant.Kind
        public var regionCode: String
        /// Required for platform admins; a BKN admin's own office otherwise.
        public var bknOfficeID: UUID?
        public init(code: String, name: String, kind: Tenant.Kind, regionCode: String, bknOfficeID: UUID?) {
            self.code = code; self.name = name; self.kind = kind; self.regionCode = regionCode; self.bknOfficeID = bknOfficeID
        }
    }

    public func create(actor: Principal, _ draft: Draft) async throws -> Tenant {
        try Access.requirePlatform(actor, roles: [.platformAdmin, .bknAdmin])
        let officeID: UUID
        if actor.role == .bknAdmin {
            guard let own = actor.user.bknOfficeID else { throw DomainError.forbidden() }
            if let asked = draft.bknOfficeID, asked != own {
                throw DomainError.forbidden("A BKN admin creates tenants only for their own office.")
            }
            officeID = own
        } else {
            guard let asked = draft.bknOfficeID else {
                throw DomainError.invalid("bkn_office_id.required", "bknOfficeID is required.", field: "bknOfficeID")
            }
            officeID = asked
        }
        let new = NewTenant(code: try Validate.code(draft.code, field: "code"),
                            name: try Validate.text(draft.name, field: "name"), kind: draft.kind,
                            regionCode: try Validate.tenantRegionCode(draft.regionCode, kind: draft.kind),
                            bknOfficeID: officeID)
        return try await env.store.transaction(in: .platform) { tx in
            guard let office = try await tx.offices.find(id: officeID) else {
                throw DomainError.invalid("bkn_office.not_found", "No BKN office has this id.", field: "bknOfficeID")
            }
            guard office.covers(regionCode: new.regionCode) else {
                throw DomainError.invalid("tenant.region_outside_office_area",
                                          "Region \(new.regionCode) lies outside the area of BKN office \(office.code) "
                                            + "(provinces \(office.provinceCodes.joined(separator: ", "))).",
                                          field: "regionCode")
            }
            let tenant = try await tx.tenants.create(new)
            let entry = AuditEntry(action: "tenant.create", entityType: "tenant", entityID: tenant.id.uuidString.lowercased(),
                                   before: nil, after: AuditSnapshot.json(tenant))
            try await tx.audit.append(scope: .platform, actor: actor, entry)
            try await tx.enter(tenant.scope)
            try await tx.audit.append(scope: tenant.scope, actor: actor, entry)
            return tenant
        }
    }

    /// Platform admins see all tenants, BKN admins their office's within its area, everyone
    /// else their own.
    public func list(actor: Principal, page: PageRequest) async throws -> Page<Tenant> {
        try await env.store.transaction(in: .platform) { tx in
            switch actor.role {
            case .platformAdmin:
                return try await tx.tenants.list(bknOfficeID: nil, page)
            case .bknAdmin:
                guard let office = actor.user.bknOfficeID else { throw DomainError.forbidden() }
                return try await tx.tenants.list(bknOfficeID: office, provinceCodes: actor.bknArea, page)
            default:
                let own = try await tx.tenants.find(id: actor.scope.uuid)
                let items = own.map { [$0] } ?? []
                return Page(items: page.offset == 0 ? items : [], total: items.count, request: page)
            }
        }
    }

    public func get(actor: Principal, id: UUID) async throws -> Tenant {
        try await env.store.transaction(in: .platform) { tx in
            try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: id))
        }
    }

    /// A tenant by its code (`kota-kupang`), as the CLI names tenants.
    public func get(actor: Principal, code: String) async throws -> Tenant {
        try await env.store.transaction(in: .platform) { tx in
            try Access.requireVisible(actor, tenant: try await tx.tenants.find(code: code))
        }
    }

    /// Renames or (de)activates a tenant, if nobody changed it since `expectedVersion`.
    /// Deactivating revokes every session of the tenant in the same transaction, so its tokens
    /// stop working at once; its users cannot log in until it is active again.
    public func update(actor: Principal, id: UUID, _ changes: TenantChanges, expectedVersion: Int) async throws -> Tenant {
        var changes = changes
        if let name = changes.name { changes.name = try Validate.text(name, field: "name") }
        let validated = changes
        return try await UnchangedUpdate.run { try await env.store.transaction(in: .platform) { tx in
            let before = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: id))
            guard Access.canManage(actor, tenant: before) else { throw DomainError.forbidden() }
            guard let after = try await tx.tenants.update(id: id, validated, expectedVersion: expectedVersion) else {
                throw Access.notFoundTenant
            }
            try UnchangedUpdate.check(before, after)
            let entry = AuditEntry(action: "tenant.update", entityType: "tenant", entityID: id.uuidString.lowercased(),
                                   before: AuditSnapshot.json(before), after: AuditSnapshot.json(after))
            try await tx.audit.append(scope: .platform, actor: actor, entry)
            try await tx.enter(after.scope)
            if !after.active {
                try await tx.sessions.revokeAll(scope: after.scope)
            }
            try await tx.audit.append(scope: after.scope, actor: actor, entry)
            return after
        } }
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories

/// Users of every role. Platform admins create BKN and platform admins; platform and BKN admins
/// create the first admins of the tenants they manage; tenant admins create everyone else of
/// their tenant. Passwords are stored only as bcrypt hashes and never returned.
public struct UserService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public struct Draft: Sendable, Decodable {
        public var username: String
        public var fullName: String
        public var role: Role
        public var password: String
        public var bknOfficeID: UUID?
        public var agencyIDs: [UUID]?
        public init(username: String, fullName: String, role: Role, password: String,
                    bknOfficeID: UUID? = nil, agencyIDs: [UUID]? = nil) {
            self.username = username; self.fullName = fullName; self.role = role; self.password = password
            self.bknOfficeID = bknOfficeID; self.agencyIDs = agencyIDs
        }
    }

    /// Creates the first platform admin of an empty installation; refused once one exists.
    public func bootstrapPlatformAdmin(username: String, fullName: String, password: String) async throws -> User {
        let draft = Draft(username: username, fullName: fullName, role: .platformAdmin, password: password)
        let new = try await validated(draft, scope: .platform)
        return try await env.store.transaction(in: .platform) { tx in
            guard try await tx.users.countAll(scope: .platform) == 0 else {
                throw DomainError.conflict("platform.already_initialised", "The platform already has users.")
            }
            let user = try await tx.users.create(new)
            try await tx.audit.append(scope: .platform, actor: .system, AuditEntry(
                action: "user.create", entityType: "user", entityID: user.id.uuidString.lowercased(),
                before: nil, after: AuditSnapshot.json(user)))
            return user
        }
    }

    /// Creates a platform admin or a BKN admin (platform admins only).
    public func createPlatformUser(actor: Principal, _ draft: Draft) async throws -> User {
        try Access.requirePlatform(actor, roles: [.platformAdmin])
        guard draft.role.isPlatformScoped else {
            throw DomainError.invalid("user.role_scope", "Platform users are platform or BKN admins.", field: "role")
        }
        let new = try await validated(draft, scope: .platform)
        return try await env.store.transaction(in: .platform) { tx in
            if let office = new.bknOfficeID, try await tx.offices.find(id: office) == nil {
                throw DomainError.invalid("bkn_office.not_found", "No BKN office has this id.", field: "bknOfficeID")
            }
            let user = try await tx.users.create(new)
            try await tx.audit.append(scope: .platform, actor: actor, AuditEntry(
                action: "user.create", entityType: "user", entityID: user.id.uuidString.lowercased(),
                before: nil, after: AuditSnapshot.json(user)))
            return user
        }
    }

    /// Creates a user of a tenant.
    public func createTenantUser(actor: Principal, tenantID: UUID, _ draft: Draft) async throws -> User {
        guard !draft.role.isPlatformScoped else {
            throw DomainError.invalid("user.role_scope", "A tenant's users cannot be platform or BKN admins.", field: "role")
        }
        let scope = ScopeID(tenantID)
        let new = try await validated(draft, scope: scope)
        return try await env.store.transaction(in: scope) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            if Access.canManage(actor, tenant: tenant) {
                guard draft.role == .tenantAdmin else {
                    throw DomainError.forbidden("Platform and BKN admins create only tenant admins.")
                }
            } else {
                try Access.require(actor, in: tenant, roles: [.tenantAdmin])
            }
            for agencyID in new.agencyIDs where try await tx.agencies.find(tenantID: tenantID, id: agencyID) == nil {
                throw DomainError.invalid("agency.not_found", "No agency of this tenant has id \(agencyID).", field: "agencyIDs")
            }
            let user = try await tx.users.create(new)
            try await tx.audit.append(scope: scope, actor: actor, AuditEntry(
                action: "user.create", entityType: "user", entityID: user.id.uuidString.lowercased(),
                before: nil, after: AuditSnapshot.json(user)))
            return user
        }
    }

    /// Lists the users of a tenant, or of the platform when `tenantID` is nil.
    public func list(actor: Principal, tenantID: UUID?, role: Role?, page: PageRequest) async throws -> Page<User> {
        guard let tenantID else {
            try Access.requirePlatform(actor, roles: [.platformAdmin])
            return try await env.store.transaction(in: .platform) { tx in
                try await tx.users.list(scope: .platform, role: role, page)
            }
        }
        return try await env.store.transaction(in: ScopeID(tenantID)) { tx in
            let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
            try Access.require(actor, in: tenant, roles: [.tenantAdmin, .auditor], managersToo: true)
            return try await tx.users.list(scope: tenant.scope, role: role, page)
        }
    }

    /// One user: oneself, or a user of a tenant one administers, audits or manages.
    public func get(actor: Principal, tenantID: UUID?, id: UUID) async throws -> User {
        let scope = tenantID.map(ScopeID.init) ?? .platform
        if scope == actor.scope && id == actor.user.id { return actor.user }
        return try await env.store.transaction(in: scope) { tx in
            if let tenantID {
                let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
                try Access.require(actor, in: tenant, roles: [.tenantAdmin, .auditor], managersToo: true)
            } else {
                try Access.requirePlatform(actor, roles: [.platformAdmin])
            }
            guard let user = try await tx.users.find(scope: scope, id: id) else {
                throw DomainError.notFound("user.not_found", "User not found.")
            }
            return user
        }
    }

    /// Renames, (de)activates or re-assigns agencies, if nobody changed the user since `expectedVersion`.
    public func update(actor: Principal, tenantID: UUID?, id: UUID, _ changes: UserChanges, expectedVersion: Int) async throws -> User {
        let scope = tenantID.map(ScopeID.init) ?? .platform
        var changes = changes
        if let name = changes.fullName { changes.fullName = try Validate.text(name, field: "fullName") }
        let validated = changes
        return try await UnchangedUpdate.run { try await env.store.transaction(in: scope) { tx in
            guard let before = try await tx.users.find(scope: scope, id: id) else {
                if let tenantID { _ = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID)) }
                throw DomainError.notFound("user.not_found", "User not found.")
            }
            if let tenantID {
                let tenant = try Access.requireVisible(actor, tenant: try await tx.tenants.find(id: tenantID))
                if Access.canManage(actor, tenant: tenant) {
                    guard before.role == .tenantAdmin else { throw DomainError.forbidden() }
                } else {
                    try Access.require(actor, in: tenant, roles: [.tenantAdmin])
                }
                for agencyID in validated.agencyIDs ?? [] where try await tx.agencies.find(tenantID: tenantID, id: agencyID) == nil {
                    throw DomainError.invalid("agency.not_found", "No agency of this tenant has id \(agencyID).", field: "agencyIDs")
                }
            } else {
                try Access.requirePlatform(actor, roles: [.platformAdmin])
            }
            if validated.active == false && before.id == actor.user.id {
                throw DomainError.invalid("user.cannot_deactivate_self", "You cannot deactivate yourself.", field: "active")
            }
            guard let after = try await tx.users.update(scope: scope, id: id, validated, expectedVersion: expectedVersion) else {
                throw DomainError.notFound("user.not_found", "User not found.")
            }
            try UnchangedUpdate.check(before, after)
            if validated.active == false {
                try await tx.sessions.revokeAll(scope: scope, userID: id, except: nil)
            }
            try await tx.audit.append(scope: scope, actor: actor, AuditEntry(
                action: "user.update", entityType: "user", entityID: id.uuidString.lowercased(),
                before: AuditSnapshot.json(before), after: AuditSnapshot.json(after)))
            return after
        } }
    }

    private func validated(_ draft: Draft, scope: ScopeID) async throws -> NewUser {
        let username = try Validate.code(draft.username.lowercased(), field: "username")
        let fullName = try Validate.text(draft.fullName, field: "fullName")
        let password = try Validate.password(draft.password)
        if draft.role == .bknAdmin && draft.bknOfficeID == nil {
            throw DomainError.invalid("bkn_office_id.required", "A BKN admin needs bknOfficeID.", field: "bknOfficeID")
        }
        let agencies = draft.role == .agencyOperator ? (draft.agencyIDs ?? []) : []
        if draft.role == .agencyOperator && agencies.isEmpty {
            throw DomainError.invalid("agency_ids.required", "An agency operator needs at least one agency.", field: "agencyIDs")
        }
        return NewUser(scope: scope, username: username, fullName: fullName, role: draft.role,
                       bknOfficeID: draft.role == .bknAdmin ? draft.bknOfficeID : nil,
                       agencyIDs: agencies, passwordHash: try await env.hasher.hash(password))
    }
}

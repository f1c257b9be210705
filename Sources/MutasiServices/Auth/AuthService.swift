import Foundation
import MutasiDomain
import MutasiRepositories

/// What a successful login returns.
public struct LoginResult: Sendable, Encodable {
    public var token: String
    public var expiresAt: Date
    public var user: User
}

/// Login, token checks, logout and password change.
///
/// Wrong credentials never say whether the user exists. Every attempt is counted before its
/// password is checked, per login name and per client address (kept in the database, so it holds
/// across server instances and parallel requests); too many lock the name or the address for a
/// while. bcrypt runs on the hasher's own bounded pool between two short transactions, so a flood
/// of logins holds neither the request executor nor database connections while hashing.
public struct AuthService: Sendable {
    let env: ServiceEnvironment
    private let decoyHash: String

    public init(_ env: ServiceEnvironment) {
        self.env = env
        self.decoyHash = env.hasher.decoyHash
    }

    static let badCredentials = DomainError(.unauthenticated, code: "auth.invalid_credentials",
                                            "Wrong tenant, username or password.")
    static let badToken = DomainError(.unauthenticated, code: "auth.invalid_token",
                                      "The token is missing, expired or revoked; log in again.")
    static let tenantInactive = DomainError(.forbidden, code: "tenant.inactive",
                                            "This tenant is deactivated; its users cannot log in.")
    /// Longest tenant code or username that can exist; longer ones are refused before any work.
    static let maxNameLength = 64

    /// What the first transaction of a login found.
    private struct Attempt: Sendable {
        var scope: ScopeID
        var tenant: Tenant?
        /// False when a tenant code was given and no tenant has it.
        var tenantKnown: Bool
        var found: (user: User, passwordHash: String)?
        /// Whether a failure is recorded in the audit trail (see `login`).
        var audited: Bool
    }

    /// Logs in to a tenant by its code, or to the platform when `tenantCode` is nil.
    /// `clientAddress` is the caller's address as the HTTP layer established it.
    public func login(tenantCode: String?, username: String, password: String,
                      clientAddress: String? = nil, channel: Principal.Channel = .api) async throws -> LoginResult {
        guard (tenantCode?.count ?? 0) <= Self.maxNameLength, username.count <= Self.maxNameLength else {
            throw Self.badCredentials
        }
        let now = env.now()
        let keys = (name: "name:\(tenantCode ?? "")/\(username.lowercased())", address: "address:\(clientAddress ?? "unknown")")
        let policy = env.login

        // 1. Count the attempt, then read the credentials and the tenant's state.
        enum First: Sendable { case locked(Date), check(Attempt) }
        let first: First = try await env.store.transaction(in: .platform) { tx in
            let address = try await tx.loginThrottle.reserve(key: keys.address, now: now, limit: policy.maxFailuresPerAddress,
                                                             window: policy.window, lockFor: policy.lockFor)
            if let until = address.lockedUntil { return .locked(until) }
            let name = try await tx.loginThrottle.reserve(key: keys.name, now: now, limit: policy.maxFailures,
                                                          window: policy.window, lockFor: policy.lockFor)
            if let until = name.lockedUntil { return .locked(until) }
            var scope = ScopeID.platform
            var tenant: Tenant?
            if let tenantCode {
                tenant = try await tx.tenants.find(code: tenantCode)
                scope = tenant?.scope ?? ScopeID(UUID())  // looks up nobody, at the same cost
                try await tx.enter(scope)
            }
            let found = try await tx.users.findCredentials(scope: scope, username: username)
            let tenantKnown = tenantCode == nil || tenant != nil
            var audited = true
            if !tenantKnown {
                // Unknown tenants have no chain of their own: the platform's records only an
                // address's first such failure in each window, so guessing codes cannot flood it.
                try await tx.enter(.platform)
                let probe = try await tx.loginThrottle.reserve(key: "unknown-tenant:\(keys.address)", now: now, limit: Int(Int32.max),
                                                               window: policy.window, lockFor: policy.lockFor)
                audited = probe.attempts == 1
            }
            return .check(Attempt(scope: scope, tenant: tenant, tenantKnown: tenantKnown, found: found, audited: audited))
        }
        let attempt: Attempt
        switch first {
        case .locked(let until): throw Self.locked(until: until, now: now)
        case .check(let found): attempt = found
        }

        // 2. Check the password on the hasher's pool, outside any transaction.
        let passwordOK: Bool
        do {
            passwordOK = try await env.hasher.verify(password, hash: attempt.found?.passwordHash ?? decoyHash)
        } catch {
            // Never checked (the pool is full): the attempt does not count.
            try? await env.store.transaction(in: .platform) { tx in
                try await tx.loginThrottle.release(key: keys.name)
                try await tx.loginThrottle.release(key: keys.address)
            }
            throw error
        }

        // 3. Open a session, or record why not.
        guard let found = attempt.found, passwordOK, found.user.active else {
            let reason = if !attempt.tenantKnown { "unknown_tenant" }
                else if attempt.found == nil { "unknown_user" }
                else if password.utf8.count > PasswordHasher.maxBytes { "password_too_long" }
                else if !passwordOK { "wrong_password" }
                else { "user_inactive" }
            if attempt.audited {
                let scope = attempt.tenantKnown ? attempt.scope : .platform
                try await recordFailure(scope: scope, user: attempt.found?.user, tenantCode: tenantCode, username: username,
                                        reason: reason, clientAddress: clientAddress, channel: channel)
            }
            throw Self.badCredentials
        }
        let scope = attempt.scope, lifetime = env.tokenLifetime
        let result: LoginResult? = try await env.store.transaction(in: scope) { tx in
            if let tenant = attempt.tenant {
                // Locked until commit, so a deactivation waits for this session and then revokes it.
                guard try await tx.tenants.findForShare(id: tenant.id)?.active == true else { return nil }
            }
            let token = BearerToken.generate(scope: scope)
            let expiresAt = now.addingTimeInterval(Double(lifetime.components.seconds))
            try await tx.sessions.create(scope: scope, tokenHash: token.hash, userID: found.user.id, expiresAt: expiresAt)
            try await tx.audit.append(scope: scope, actor: Principal(user: found.user, channel: channel),
                                      AuditEntry(action: "auth.login", entityType: "user",
                                                 entityID: found.user.id.uuidString.lowercased(), before: nil, after: nil))
            try await tx.enter(.platform)
            try await tx.loginThrottle.reset(key: keys.name)
            try await tx.loginThrottle.release(key: keys.address)
            return LoginResult(token: token.value, expiresAt: expiresAt, user: found.user)
        }
        if let result { return result }
        // The right credentials of a deactivated tenant: say so, and do not count it.
        try await env.store.transaction(in: .platform) { tx in
            try await tx.loginThrottle.reset(key: keys.name)
            try await tx.loginThrottle.release(key: keys.address)
        }
        try await recordFailure(scope: scope, user: found.user, tenantCode: tenantCode, username: username,
                                reason: "tenant_inactive", clientAddress: clientAddress, channel: channel)
        throw Self.tenantInactive
    }

    /// What the audit trail keeps of a failed login (never the password).
    private struct FailedLogin: Encodable {
        var tenant: String?
        var username: String
        var reason: String
        var clientAddress: String?
    }

    private func recordFailure(scope: ScopeID, user: User?, tenantCode: String?, username: String,
                               reason: String, clientAddress: String?, channel: Principal.Channel) async throws {
        let after = AuditSnapshot.json(FailedLogin(tenant: tenantCode, username: username.lowercased(),
                                                   reason: reason, clientAddress: clientAddress))
        let entry = AuditEntry(action: "auth.login_failed", entityType: user == nil ? "login" : "user",
                               entityID: user?.id.uuidString.lowercased() ?? username.lowercased(), before: nil, after: after)
        try await env.store.transaction(in: scope) { tx in
            try await tx.audit.append(scope: scope, actor: .anonymous(in: scope, channel: channel), entry)
        }
    }

    static func locked(until: Date, now: Date) -> DomainError {
        let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
        return DomainError(.tooManyRequests, code: "auth.locked",
                           "Too many failed logins; try again in \(seconds) seconds.", field: "retryAfter=\(seconds)")
    }

    /// The actor a bearer token stands for: an active user of an active tenant (or the platform).
    public func authenticate(token value: String) async throws -> Principal {
        guard let token = BearerToken(value) else { throw Self.badToken }
        let now = env.now()
        let identity = try await env.store.unscoped { tx in
            try await tx.sessions.identity(scope: token.scope, tokenHash: token.hash, now: now, slide: nil)
        }
        guard let principal = Self.principal(identity, channel: .api) else { throw Self.badToken }
        return principal
    }

    /// The principal of a live session's identity: nil when there is none, or when the user or
    /// their tenant is inactive.
    static func principal(_ identity: SessionIdentity?, channel: Principal.Channel) -> Principal? {
        guard let identity, identity.user.active else { return nil }
        if !identity.user.scope.isPlatform && identity.tenant?.active != true { return nil }
        return Principal(user: identity.user, channel: channel,
                         bknArea: identity.user.role == .bknAdmin ? identity.bknArea : [], tenant: identity.tenant)
    }

    /// Revokes the token.
    public func logout(actor: Principal, token value: String) async throws {
        guard let token = BearerToken(value) else { throw Self.badToken }
        try await env.store.transaction(in: actor.scope) { tx in
            try await tx.sessions.revoke(scope: actor.scope, tokenHash: token.hash)
            try await tx.audit.append(scope: actor.scope, actor: actor, AuditEntry(
                action: "auth.logout", entityType: "user", entityID: actor.user.id.uuidString.lowercased(),
                before: nil, after: nil))
        }
    }

    /// Changes the actor's own password and revokes every other session of theirs. The hashing
    /// runs between two transactions; the second refuses if the password changed meanwhile.
    public func changePassword(actor: Principal, currentToken: String?, current: String, new: String) async throws {
        let newPassword = try Validate.password(new, field: "newPassword")
        let hasher = env.hasher
        let keep = currentToken.flatMap(BearerToken.init)?.hash
        let wrong = DomainError.invalid("auth.wrong_password", "The current password is wrong.", field: "currentPassword")
        let stored = try await env.store.transaction(in: actor.scope) { tx in
            try await tx.users.findCredentials(scope: actor.scope, username: actor.user.username)?.passwordHash
        }
        guard let stored, try await hasher.verify(current, hash: stored) else { throw wrong }
        let newHash = try await hasher.hash(newPassword)
        try await env.store.transaction(in: actor.scope) { tx in
            guard try await tx.users.findCredentials(scope: actor.scope, username: actor.user.username)?.passwordHash == stored else {
                throw wrong
            }
            try await tx.users.setPasswordHash(scope: actor.scope, id: actor.user.id, newHash)
            try await tx.sessions.revokeAll(scope: actor.scope, userID: actor.user.id, except: keep)
            try await tx.audit.append(scope: actor.scope, actor: actor, AuditEntry(
                action: "user.change_password", entityType: "user", entityID: actor.user.id.uuidString.lowercased(),
                before: nil, after: nil))
        }
    }
}

extension Principal {
    /// Whoever tried a login that failed: recorded as nobody in particular.
    static func anonymous(in scope: ScopeID, channel: Principal.Channel = .api) -> Principal {
        Principal(user: User(scope: scope, id: ScopeID.platform.uuid, username: "anonymous", fullName: "Anonymous",
                             role: .employee, bknOfficeID: nil, agencyIDs: [], employeeID: nil, active: false, version: 1),
                  channel: channel)
    }
}

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
/// Wrong credentials never say whether the user exists; repeated failures lock the login name
/// for a while (kept in the database, so it holds across server instances).
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

    /// Logs in to a tenant by its code, or to the platform when `tenantCode` is nil.
    public func login(tenantCode: String?, username: String, password: String) async throws -> LoginResult {
        let now = env.now()
        let key = "\(tenantCode ?? "")/\(username.lowercased())"
        let hasher = env.hasher, policy = env.login, lifetime = env.tokenLifetime, decoy = decoyHash
        enum Outcome: Sendable { case ok(LoginResult), failed, locked(Date) }
        let outcome: Outcome = try await env.store.transaction(in: .platform) { tx in
            if let until = try await tx.loginThrottle.lockedUntil(key: key, now: now) { return .locked(until) }
            var scope = ScopeID.platform
            var tenantActive = true
            if let tenantCode {
                if let tenant = try await tx.tenants.find(code: tenantCode) {
                    scope = tenant.scope
                    tenantActive = tenant.active
                } else {
                    scope = ScopeID(UUID())  // looks up nobody, at the same cost
                }
                try await tx.enter(scope)
            }
            let found = try await tx.users.findCredentials(scope: scope, username: username)
            let passwordOK = hasher.verify(password, hash: found?.passwordHash ?? decoy)
            guard let found, passwordOK, found.user.active, tenantActive else {
                try await tx.enter(.platform)
                if let until = try await tx.loginThrottle.recordFailure(
                    key: key, now: now, maxFailures: policy.maxFailures, window: policy.window, lockFor: policy.lockFor) {
                    return .locked(until)
                }
                return .failed
            }
            let token = BearerToken.generate(scope: scope)
            let expiresAt = now.addingTimeInterval(Double(lifetime.components.seconds))
            try await tx.sessions.create(scope: scope, tokenHash: token.hash, userID: found.user.id, expiresAt: expiresAt)
            try await tx.audit.append(scope: scope, actor: Principal(user: found.user, channel: .api),
                                      AuditEntry(action: "auth.login", entityType: "user",
                                                 entityID: found.user.id.uuidString.lowercased(), before: nil, after: nil))
            try await tx.enter(.platform)
            try await tx.loginThrottle.reset(key: key)
            return .ok(LoginResult(token: token.value, expiresAt: expiresAt, user: found.user))
        }
        switch outcome {
        case .ok(let result): return result
        case .failed: throw Self.badCredentials
        case .locked(let until):
            let seconds = max(1, Int(until.timeIntervalSince(now).rounded(.up)))
            throw DomainError(.tooManyRequests, code: "auth.locked",
                              "Too many failed logins; try again in \(seconds) seconds.", field: "retryAfter=\(seconds)")
        }
    }

    /// The actor a bearer token stands for.
    public func authenticate(token value: String) async throws -> Principal {
        guard let token = BearerToken(value) else { throw Self.badToken }
        let now = env.now()
        let user: User? = try await env.store.transaction(in: token.scope) { tx in
            guard let userID = try await tx.sessions.activeUser(scope: token.scope, tokenHash: token.hash, now: now) else {
                return nil
            }
            return try await tx.users.find(scope: token.scope, id: userID)
        }
        guard let user, user.active else { throw Self.badToken }
        return Principal(user: user, channel: .api)
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

    /// Changes the actor's own password and revokes every other session of theirs.
    public func changePassword(actor: Principal, currentToken: String?, current: String, new: String) async throws {
        let newPassword = try Validate.password(new, field: "newPassword")
        let hasher = env.hasher
        let keep = currentToken.flatMap(BearerToken.init)?.hash
        try await env.store.transaction(in: actor.scope) { tx in
            guard let found = try await tx.users.findCredentials(scope: actor.scope, username: actor.user.username),
                  hasher.verify(current, hash: found.passwordHash) else {
                throw DomainError.invalid("auth.wrong_password", "The current password is wrong.", field: "currentPassword")
            }
            try await tx.users.setPasswordHash(scope: actor.scope, id: actor.user.id, hasher.hash(newPassword))
            try await tx.sessions.revokeAll(scope: actor.scope, userID: actor.user.id, except: keep)
            try await tx.audit.append(scope: actor.scope, actor: actor, AuditEntry(
                action: "user.change_password", entityType: "user", entityID: actor.user.id.uuidString.lowercased(),
                before: nil, after: nil))
        }
    }
}

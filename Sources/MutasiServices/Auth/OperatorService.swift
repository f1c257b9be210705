import Foundation
import MutasiDomain
import MutasiRepositories

/// Identifies the operator of the admin CLI. Whoever runs the CLI already holds the database
/// credentials, so no password is asked; the operator named is the one the audit trail records,
/// and the same service rules apply to them as to an API caller of that role.
public struct OperatorService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// Resolves `username` (platform) or `tenant-code/username` to an active user.
    public func principal(login: String) async throws -> Principal {
        let parts = login.split(separator: "/", maxSplits: 1).map(String.init)
        let tenantCode = parts.count == 2 ? parts[0] : nil
        let username = parts.last ?? ""
        let found: (User, [String])? = try await env.store.transaction(in: .platform) { tx in
            var scope = ScopeID.platform
            if let tenantCode {
                guard let tenant = try await tx.tenants.find(code: tenantCode) else { return nil }
                scope = tenant.scope
                try await tx.enter(scope)
            }
            guard let user = try await tx.users.findCredentials(scope: scope, username: username)?.user else { return nil }
            var area: [String] = []
            if user.role == .bknAdmin, let office = user.bknOfficeID {
                try await tx.enter(.platform)
                area = try await tx.offices.find(id: office)?.provinceCodes ?? []
            }
            return (user, area)
        }
        guard let found, found.0.active else {
            throw DomainError(.unauthenticated, code: "cli.unknown_operator",
                              "No active user \(login); name one with --operator (username, or tenant-code/username).",
                              field: "operator")
        }
        return Principal(user: found.0, channel: .cli, bknArea: found.1)
    }
}

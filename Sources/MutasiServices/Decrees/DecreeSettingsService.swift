import Foundation
import MutasiDomain
import MutasiRepositories

/// A tenant's decree settings: read by tenant admins, approvers and auditors, changed by tenant
/// admins (If-Match), each change audited; a change that changes nothing keeps the version.
public struct DecreeSettingsService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let readers: Set<Role> = [.tenantAdmin, .approver, .auditor]

    public func get(actor: Principal, tenantID: UUID) async throws -> DecreeSettings {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Self.readers) { tx, tenant in
            try await tx.decrees.settings(tenantID: tenantID, lock: false) ?? .defaults(for: tenant)
        }
    }

    public func update(actor: Principal, tenantID: UUID, _ changes: DecreeSettings.Changes,
                       expectedVersion: Int) async throws -> DecreeSettings {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            let before = try await tx.decrees.settings(tenantID: tenantID, lock: true) ?? .defaults(for: tenant)
            guard before.version == expectedVersion else {
                throw DomainError(.preconditionFailed, code: "decree_settings.version_mismatch",
                                  "The decree settings were changed by someone else; reload them and try again.")
            }
            let settings = try changes.applied(to: before).validated()
            if settings == before { return before }
            let after = try await tx.decrees.saveSettings(tenantID: tenantID, settings, expectedVersion: expectedVersion)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "decree_settings.update", entityType: "decree_settings", entityID: tenantID.uuidString.lowercased(),
                before: AuditSnapshot.json(before), after: AuditSnapshot.json(after)))
            return after
        }
    }
}

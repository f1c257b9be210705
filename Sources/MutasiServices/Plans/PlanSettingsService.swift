import Foundation
import MutasiDomain
import MutasiRepositories

/// A tenant's default planning policy (bobot bawaan rencana): every plan takes it for the fields
/// its own request leaves out. Read by those who read plans (tenant admins, approvers,
/// auditors), changed by tenant admins, every change audited.
public struct PlanSettingsService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    public func get(actor: Principal, tenantID: UUID) async throws -> PlanSettings {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: PlanService.readers) { tx, _ in
            try await tx.planSettings.find(tenantID: tenantID, lock: false)
        }
    }

    /// Applies `changes` to the stored policy at `expectedVersion` (412 when stale). Checked with
    /// the same rules as a plan's policy, fields named as sent (`wishBonus`). A change that
    /// changes nothing keeps the version and writes no audit event.
    public func update(actor: Principal, tenantID: UUID, _ changes: PlanPolicy.Overrides,
                       expectedVersion: Int) async throws -> PlanSettings {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            let before = try await tx.planSettings.find(tenantID: tenantID, lock: true)
            guard before.version == expectedVersion else {
                throw DomainError(.preconditionFailed, code: "plan_settings.version_mismatch",
                                  "The plan settings were changed by someone else; reload them and try again.")
            }
            let policy = try changes.applied(to: before.policy).validated(fieldPrefix: "")
            if policy == before.policy { return before }
            let after = try await tx.planSettings.save(tenantID: tenantID, policy, expectedVersion: expectedVersion)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "plan_settings.update", entityType: "plan_settings", entityID: tenantID.uuidString.lowercased(),
                before: AuditSnapshot.json(before), after: AuditSnapshot.json(after)))
            return after
        }
    }
}

import Foundation
import MutasiDomain

/// Storage of a tenant's default planning policy; a tenant without a row has `PlanPolicy()`.
public protocol PlanSettingsRepository: Sendable {
    /// The stored settings, or the defaults at version 0. With `lock`, the row (if any) stays
    /// locked until the transaction ends.
    func find(tenantID: UUID, lock: Bool) async throws -> PlanSettings
    /// Stores the policy if the stored version is `expectedVersion` (0: none stored yet) and
    /// returns it at the next version; throws `plan_settings.version_mismatch` (412) otherwise.
    func save(tenantID: UUID, _ policy: PlanPolicy, expectedVersion: Int) async throws -> PlanSettings
}

import Foundation
import MutasiDomain

/// Storage of a tenant's needs-analysis settings; a tenant without a row has the defaults.
public protocol NeedsSettingsRepository: Sendable {
    /// The stored settings, or the defaults at version 0.
    func find(tenantID: UUID) async throws -> NeedsSettings
    /// Stores the settings if the stored version is `expectedVersion` (0: none stored yet);
    /// throws `needs_settings.version_mismatch` (412) otherwise.
    func save(tenantID: UUID, _ settings: NeedsSettings, expectedVersion: Int) async throws -> NeedsSettings
}

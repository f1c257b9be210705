import Foundation
import MutasiDomain
import MutasiRepositories

/// A tenant's needs-analysis settings: read by its users (and its platform or BKN managers),
/// changed by its tenant admins.
public struct NeedsSettingsService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// Changes; nil leaves a setting as it is.
    public struct Changes: Sendable, Codable {
        public var effectiveWorkingMinutes: Int?
        /// `up`, `nearest` or `down`.
        public var rounding: String?
        public var efficiencyThresholds: ThresholdsForm?
        public init(effectiveWorkingMinutes: Int? = nil, rounding: String? = nil, efficiencyThresholds: ThresholdsForm? = nil) {
            self.effectiveWorkingMinutes = effectiveWorkingMinutes; self.rounding = rounding
            self.efficiencyThresholds = efficiencyThresholds
        }
    }

    public func get(actor: Principal, tenantID: UUID) async throws -> NeedsSettings {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: Set(Role.allCases), managersToo: true) { tx, _ in
            try await tx.needsSettings.find(tenantID: tenantID)
        }
    }

    public func update(actor: Principal, tenantID: UUID, _ changes: Changes, expectedVersion: Int) async throws -> NeedsSettings {
        let minutes = try changes.effectiveWorkingMinutes.map { try EffectiveWorkingTime(minutes: $0, field: "effectiveWorkingMinutes") }
        let rounding = try changes.rounding.map { text in
            guard let rounding = HeadcountRounding(rawValue: text) else {
                throw DomainError.invalid("needs_settings.invalid_rounding",
                                          "rounding must be up, nearest or down; got '\(text)'.", field: "rounding")
            }
            return rounding
        }
        let thresholds = try changes.efficiencyThresholds.map { try $0.thresholds(field: "efficiencyThresholds") }
        return try await UnchangedUpdate.run { try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            let before = try await tx.needsSettings.find(tenantID: tenantID)
            var wanted = before
            if let minutes { wanted.effectiveTime = minutes }
            if let rounding { wanted.rounding = rounding }
            if let thresholds { wanted.thresholds = thresholds }
            let after = try await tx.needsSettings.save(tenantID: tenantID, wanted, expectedVersion: expectedVersion)
            try UnchangedUpdate.check(before, after)
            try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                action: "needs_settings.update", entityType: "needs_settings", entityID: tenantID.uuidString.lowercased(),
                before: AuditSnapshot.json(before), after: AuditSnapshot.json(after)))
            return after
        } }
    }
}

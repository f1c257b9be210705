import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPlanSettingsRepository: PlanSettingsRepository {
    let db: PostgresTransaction

    private func settings(_ row: PostgresRow) throws -> PlanSettings {
        let (policy, version) = try row.decode((String, Int32).self)
        return PlanSettings(policy: try JSONColumn.value(PlanPolicy.self, from: policy) ?? PlanPolicy(), version: Int(version))
    }

    func find(tenantID: UUID, lock: Bool) async throws -> PlanSettings {
        try await db.rows("""
            SELECT policy::text, version FROM plan_settings WHERE tenant_id = \(tenantID)
            \(unescaped: lock ? "FOR UPDATE" : "")
            """).first.map(settings) ?? PlanSettings()
    }

    func save(tenantID: UUID, _ policy: PlanPolicy, expectedVersion: Int) async throws -> PlanSettings {
        let json = try JSONColumn.text(policy)
        let rows: [PostgresRow]
        if expectedVersion == 0 {
            rows = try await db.rows("""
                INSERT INTO plan_settings (tenant_id, policy) VALUES (\(tenantID), \(json)::jsonb)
                ON CONFLICT (tenant_id) DO NOTHING
                RETURNING policy::text, version
                """)
        } else {
            rows = try await db.rows("""
                UPDATE plan_settings SET policy = \(json)::jsonb, updated_at = now(), version = version + 1
                WHERE tenant_id = \(tenantID) AND version = \(Int32(expectedVersion))
                RETURNING policy::text, version
                """)
        }
        guard let row = rows.first else { throw PlanSettingsStorage.versionMismatch }
        return try settings(row)
    }
}

enum PlanSettingsStorage {
    static let versionMismatch = DomainError(.preconditionFailed, code: "plan_settings.version_mismatch",
                                             "The plan settings were changed by someone else; reload them and try again.")
}

import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresRetirementAgeRepository: RetirementAgeRepository {
    let db: PostgresTransaction

    func overrides(tenantID: UUID) async throws -> [PositionKind: Int] {
        var result: [PositionKind: Int] = [:]
        for row in try await db.rows(prepared: "retirement_ages.overrides", "SELECT position_kind, age FROM retirement_ages WHERE tenant_id = \(tenantID)") {
            let (kind, age) = try row.decode((String, Int32).self)
            if let kind = PositionKind(rawValue: kind) { result[kind] = Int(age) }
        }
        return result
    }

    func version(tenantID: UUID) async throws -> Int {
        let rows = try await db.rows("SELECT version FROM retirement_age_versions WHERE tenant_id = \(tenantID)")
        return try rows.first.map { Int(try $0.decode(Int32.self)) } ?? 0
    }

    /// Stores the ages that depart from the default (the others are removed) and moves the version
    /// on; a concurrent replacement makes the row's version differ (or, from 0, the insert conflict).
    func replace(tenantID: UUID, _ table: RetirementAgeTable, expectedVersion: Int) async throws -> Int? {
        let bumped = try await db.rows(expectedVersion == 0 ? """
            INSERT INTO retirement_age_versions (tenant_id, version) VALUES (\(tenantID), 1)
            ON CONFLICT (tenant_id) DO NOTHING RETURNING version
            """ : """
            UPDATE retirement_age_versions SET version = version + 1, updated_at = now()
            WHERE tenant_id = \(tenantID) AND version = \(Int32(clamping: expectedVersion)) RETURNING version
            """)
        guard let row = bumped.first else { return nil }
        let version = Int(try row.decode(Int32.self))
        try await db.rows("DELETE FROM retirement_ages WHERE tenant_id = \(tenantID)")
        let changed = table.ages.filter { RetirementAgeTable.default.age(for: $0.key) != $0.value }
        guard !changed.isEmpty else { return version }
        let kinds = changed.keys.map(\.rawValue)
        let ages = kinds.map { changed[PositionKind(rawValue: $0)!]! }
        // RETURNING keeps the computed rows from reaching Citus's shards as COPY, which row-level
        // security refuses.
        try await db.rows("""
            WITH added AS (
                INSERT INTO retirement_ages (tenant_id, position_kind, age)
                SELECT \(tenantID), k, a FROM unnest(\(kinds)::text[], \(ages)::int[]) AS t(k, a)
                RETURNING 1
            )
            SELECT count(*) FROM added
            """)
        return version
    }
}

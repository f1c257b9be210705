import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresRetirementAgeRepository: RetirementAgeRepository {
    let db: PostgresTransaction

    func overrides(tenantID: UUID) async throws -> [PositionKind: Int] {
        var result: [PositionKind: Int] = [:]
        for row in try await db.rows("SELECT position_kind, age FROM retirement_ages WHERE tenant_id = \(tenantID)") {
            let (kind, age) = try row.decode((String, Int32).self)
            if let kind = PositionKind(rawValue: kind) { result[kind] = Int(age) }
        }
        return result
    }

    /// Stores the ages that depart from the default; the others are removed.
    func replace(tenantID: UUID, _ table: RetirementAgeTable) async throws {
        try await db.rows("DELETE FROM retirement_ages WHERE tenant_id = \(tenantID)")
        let changed = table.ages.filter { RetirementAgeTable.default.age(for: $0.key) != $0.value }
        guard !changed.isEmpty else { return }
        let kinds = changed.keys.map(\.rawValue)
        let ages = kinds.map { changed[PositionKind(rawValue: $0)!]! }
        try await db.rows("""
            INSERT INTO retirement_ages (tenant_id, position_kind, age)
            SELECT \(tenantID), k, a FROM unnest(\(kinds)::text[], \(ages)::int[]) AS t(k, a)
            """)
    }
}

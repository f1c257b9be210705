import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresNeedsSettingsRepository: NeedsSettingsRepository {
    let db: PostgresTransaction

    private static let columns = """
        effective_working_minutes, rounding, grade_a_min::text, grade_a_inclusive, grade_b_min::text, grade_b_inclusive,
        grade_c_min::text, grade_c_inclusive, grade_d_min::text, grade_d_inclusive, version
        """

    private func settings(_ row: PostgresRow) throws -> NeedsSettings {
        let r = row.makeRandomAccess()
        func bound(_ i: Int) throws -> EfficiencyThresholds.Bound {
            EfficiencyThresholds.Bound(try Rational(decimal: try r[i].decode(String.self)), inclusive: try r[i + 1].decode(Bool.self))
        }
        return NeedsSettings(
            effectiveTime: try EffectiveWorkingTime(minutes: Int(try r[0].decode(Int32.self))),
            rounding: HeadcountRounding(rawValue: try r[1].decode(String.self)) ?? .default,
            thresholds: try EfficiencyThresholds(a: bound(2), b: bound(4), c: bound(6), d: bound(8)),
            version: Int(try r[10].decode(Int32.self)))
    }

    func find(tenantID: UUID) async throws -> NeedsSettings {
        try await db.rows("SELECT \(unescaped: Self.columns) FROM needs_settings WHERE tenant_id = \(tenantID)")
            .first.map(settings) ?? .default
    }

    func save(tenantID: UUID, _ s: NeedsSettings, expectedVersion: Int) async throws -> NeedsSettings {
        let t = s.thresholds
        let (a, b, c, d) = (t.a.value.exactDecimal(), t.b.value.exactDecimal(), t.c.value.exactDecimal(), t.d.value.exactDecimal())
        let minutes = Int32(s.effectiveTime.minutes)
        let rows: [PostgresRow]
        if expectedVersion == 0 {
            rows = try await db.rows("""
                INSERT INTO needs_settings (tenant_id, effective_working_minutes, rounding, grade_a_min, grade_a_inclusive,
                    grade_b_min, grade_b_inclusive, grade_c_min, grade_c_inclusive, grade_d_min, grade_d_inclusive)
                VALUES (\(tenantID), \(minutes), \(s.rounding.rawValue), \(a)::numeric, \(t.a.inclusive), \(b)::numeric,
                        \(t.b.inclusive), \(c)::numeric, \(t.c.inclusive), \(d)::numeric, \(t.d.inclusive))
                ON CONFLICT (tenant_id) DO NOTHING
                RETURNING \(unescaped: Self.columns)
                """)
        } else {
            rows = try await db.rows("""
                UPDATE needs_settings SET effective_working_minutes = \(minutes), rounding = \(s.rounding.rawValue),
                    grade_a_min = \(a)::numeric, grade_a_inclusive = \(t.a.inclusive),
                    grade_b_min = \(b)::numeric, grade_b_inclusive = \(t.b.inclusive),
                    grade_c_min = \(c)::numeric, grade_c_inclusive = \(t.c.inclusive),
                    grade_d_min = \(d)::numeric, grade_d_inclusive = \(t.d.inclusive),
                    updated_at = now(), version = version + 1
                WHERE tenant_id = \(tenantID) AND version = \(Int32(expectedVersion))
                RETURNING \(unescaped: Self.columns)
                """)
        }
        guard let row = rows.first else {
            throw DomainError(.preconditionFailed, code: "needs_settings.version_mismatch",
                              "The settings were changed by someone else; reload them and try again.")
        }
        return try settings(row)
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresTenantRepository: TenantRepository {
    let db: PostgresTransaction

    private static let columns = "id, code, name, kind, region_code, bkn_office_id, active, version"

    private func tenant(_ row: PostgresRow) throws -> Tenant {
        let (id, code, name, kind, region, office, active, version) =
            try row.decode((UUID, String, String, String, String, UUID, Bool, Int32).self)
        return Tenant(id: id, code: code, name: name, kind: Tenant.Kind(rawValue: kind) ?? .regency,
                      regionCode: region, bknOfficeID: office, active: active, version: Int(version))
    }

    func create(_ new: NewTenant) async throws -> Tenant {
        let rows = try await db.rows("""
            INSERT INTO tenants (code, name, kind, region_code, bkn_office_id)
            VALUES (\(new.code), \(new.name), \(new.kind.rawValue), \(new.regionCode), \(new.bknOfficeID))
            RETURNING \(unescaped: Self.columns)
            """)
        return try tenant(rows[0])
    }

    func find(id: UUID) async throws -> Tenant? {
        try await db.rows(prepared: "tenants.find", "SELECT \(unescaped: Self.columns) FROM tenants WHERE id = \(id)").first.map(tenant)
    }

    func findForShare(id: UUID) async throws -> Tenant? {
        try await db.rows("SELECT \(unescaped: Self.columns) FROM tenants WHERE id = \(id) FOR SHARE").first.map(tenant)
    }

    func find(code: String) async throws -> Tenant? {
        try await db.rows("SELECT \(unescaped: Self.columns) FROM tenants WHERE code = \(code)").first.map(tenant)
    }

    func list(bknOfficeID: UUID?, provinceCodes: [String]?, _ page: PageRequest) async throws -> Page<Tenant> {
        let total = try await db.count("""
            SELECT count(*) FROM tenants
            WHERE (\(bknOfficeID)::uuid IS NULL OR bkn_office_id = \(bknOfficeID))
              AND (\(provinceCodes)::text[] IS NULL OR left(region_code, 2) = ANY(\(provinceCodes)::text[]))
            """)
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM tenants
            WHERE (\(bknOfficeID)::uuid IS NULL OR bkn_office_id = \(bknOfficeID))
              AND (\(provinceCodes)::text[] IS NULL OR left(region_code, 2) = ANY(\(provinceCodes)::text[]))
            ORDER BY code LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(tenant), total: total, request: page)
    }

    func anyOutside(bknOfficeID: UUID, provinceCodes: [String]) async throws -> Bool {
        try await db.count("""
            SELECT count(*) FROM tenants
            WHERE bkn_office_id = \(bknOfficeID) AND NOT (left(region_code, 2) = ANY(\(provinceCodes)::text[]))
            """) > 0
    }

    func update(id: UUID, _ changes: TenantChanges, expectedVersion: Int) async throws -> Tenant? {
        let rows = try await db.rows("""
            UPDATE tenants SET name = COALESCE(\(changes.name), name),
                               active = COALESCE(\(changes.active), active),
                               updated_at = now(), version = version + 1
            WHERE id = \(id) AND version = \(Int32(expectedVersion))
            RETURNING \(unescaped: Self.columns)
            """)
        if let row = rows.first { return try tenant(row) }
        guard try await find(id: id) != nil else { return nil }
        throw DomainError(.preconditionFailed, code: "tenant.version_mismatch",
                          "The tenant was changed by someone else; reload it and try again.")
    }
}

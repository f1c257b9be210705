import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresWorkUnitRepository: WorkUnitRepository {
    let db: PostgresTransaction

    static let columns = "tenant_id, id, agency_id, code, name, region_code, remote, version"

    static func unit(_ row: PostgresRow) throws -> WorkUnit {
        let (tenantID, id, agencyID, code, name, region, remote, version) =
            try row.decode((UUID, UUID, UUID, String, String, String, Bool, Int32).self)
        return WorkUnit(tenantID: tenantID, id: id, agencyID: agencyID, code: code, name: name, regionCode: region,
                        remote: remote, version: Int(version))
    }

    func create(tenantID: UUID, _ new: NewWorkUnit) async throws -> WorkUnit {
        try await WorkforceSQL.mappingUnique {
            let rows = try await db.rows("""
                INSERT INTO units (tenant_id, agency_id, code, name, region_code, remote)
                VALUES (\(tenantID), \(new.agencyID), \(new.code), \(new.name), \(new.regionCode), \(new.remote ?? false))
                RETURNING \(unescaped: Self.columns)
                """)
            return try Self.unit(rows[0])
        }
    }

    func find(tenantID: UUID, id: UUID) async throws -> WorkUnit? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM units WHERE tenant_id = \(tenantID) AND id = \(id)
            """).first.map(Self.unit)
    }

    func list(tenantID: UUID, _ f: WorkUnitFilter, _ page: PageRequest) async throws -> Page<WorkUnit> {
        let search = f.search.map(WorkforceSQL.likeContains)
        // The total counts the whole list; a cursor then seeks through the (tenant_id, code) index
        // instead of reading past `offset` rows.
        let after = try page.after?.sortKey(of: "units", parts: 1)[0]
        // Both statements are prepared, so their texts never vary: the page's bounds are bound too.
        let filter = { (after: String?, order: String, limit: Int?, offset: Int?) -> PostgresQuery in """
            WHERE tenant_id = \(tenantID)
              AND (\(f.agencyIDs)::uuid[] IS NULL OR agency_id = ANY(\(f.agencyIDs)))
              AND (\(f.agencyID)::uuid IS NULL OR agency_id = \(f.agencyID))
              AND (\(search)::text IS NULL OR code ILIKE \(search) OR name ILIKE \(search))
              AND (\(after)::text IS NULL OR code > \(after))
            \(unescaped: order) LIMIT \(limit) OFFSET \(offset)
            """ }
        let total = try await db.count(prepared: "units.count",
                                       WorkforceSQL.prefixed("SELECT count(*) FROM units ", filter(nil, "", nil, nil)))
        let rows = try await db.rows(prepared: "units.list", WorkforceSQL.prefixed(
            "SELECT \(Self.columns) FROM units ", filter(after, "ORDER BY code", page.limit + 1, page.offset)))
        let items = try rows.prefix(page.limit).map(Self.unit)
        let next = rows.count > page.limit ? items.last.map { PageCursor(list: "units", key: [$0.code]) } : nil
        return Page(items: items, total: total, request: page, next: next)
    }

    func update(tenantID: UUID, id: UUID, _ c: WorkUnitChanges, expectedVersion: Int) async throws -> WorkUnit? {
        let rows = try await db.rows("""
            UPDATE units SET agency_id = COALESCE(\(c.agencyID), agency_id), name = COALESCE(\(c.name), name),
                             region_code = COALESCE(\(c.regionCode), region_code), remote = COALESCE(\(c.remote), remote),
                             updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id) AND version = \(Int32(expectedVersion))
            RETURNING \(unescaped: Self.columns)
            """)
        if let row = rows.first { return try Self.unit(row) }
        guard try await find(tenantID: tenantID, id: id) != nil else { return nil }
        throw WorkforceSQL.stale("unit", "unit")
    }
}

/// SQL helpers shared by the workforce adapters.
enum WorkforceSQL {
    /// Unique constraints of the workforce tables and what each means.
    static let uniqueViolations: [String: DomainError] = [
        "units_tenant_id_code_key": .conflict("unit.code_taken", "A unit with this code exists."),
        "slots_tenant_id_unit_id_code_key": .conflict("slot.code_taken", "The unit has a slot with this code."),
        "employees_tenant_id_nip_key": .conflict("employee.nip_taken", "An employee with this NIP exists."),
    ]

    /// Runs `body`, turning a unique violation of the workforce tables into its `DomainError`.
    static func mappingUnique<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            if let mapped = PostgresErrorMapping.violatedUniqueConstraint(error).flatMap({ uniqueViolations[$0] }) {
                throw mapped
            }
            throw error
        }
    }

    static func stale(_ entity: String, _ name: String) -> DomainError {
        DomainError(.preconditionFailed, code: "\(entity).version_mismatch",
                    "The \(name) was changed by someone else; reload it and try again.")
    }

    /// `%text%` for ILIKE, with the wildcards of `text` escaped.
    static func likeContains(_ text: String) -> String { "%" + likeEscaped(text) + "%" }

    static func likeEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }

    /// `prefix` + the filter's SQL + `suffix`, keeping the filter's binds.
    static func prefixed(_ prefix: String, _ filter: PostgresQuery, _ suffix: String = "") -> PostgresQuery {
        PostgresQuery(unsafeSQL: prefix + filter.sql + suffix, binds: filter.binds)
    }

    static func date(_ text: String?) throws -> CalendarDate? {
        try text.map { try CalendarDate(iso: $0) }
    }

    /// A date bound as a PostgreSQL `date`, so that a statement needs no `text::date` cast: that
    /// cast is not immutable, and Citus refuses non-immutable functions in an UPDATE's CASE.
    struct Day: PostgresNonThrowingEncodable {
        var date: CalendarDate
        init(_ date: CalendarDate) { self.date = date }

        static var psqlType: PostgresDataType { .date }
        static var psqlFormat: PostgresFormat { .text }

        func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer,
                                                      context: PostgresEncodingContext<JSONEncoder>) {
            byteBuffer.writeString(date.iso)
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, json: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(json.utf8))
    }
}

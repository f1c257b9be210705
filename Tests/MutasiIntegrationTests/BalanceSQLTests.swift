import Foundation
import HummingbirdTesting
import MutasiDomain
@testable import MutasiServices
import PostgresNIO
import Testing

/// The balance the database computes against `BalanceReference`, the same rules in memory, on
/// generated data with the edge cases: units without slots, slots of zero need or without
/// holders, employees without a slot, retired employees still in their slot, 29 February births
/// and starts, birthdays on the first, retirement and five-year boundaries on the day, education
/// fields that differ by case, accents written two ways, and a dotted capital I.
@Suite("Balance in SQL")
struct BalanceSQLTests {
    /// Days and horizons: a 29 February, a first of the month, a 31st; no horizon, one month, the longest.
    static let moments = [("2026-06-15", 12), ("2026-06-15", 0), ("2024-02-29", 1), ("2024-02-29", 60),
                          ("2030-01-01", 600), ("2031-03-31", 12)]
    static let fieldLists: [[String]] = [[], ["Pendidikan Matematika"], ["ÉKONOMI", "Hukum"], ["Ilmu İslam"], ["Kesehatan"]]
    static let fields = ["Pendidikan Matematika", "pendidikan matematika", "ékonomi", "E\u{301}konomi", "ekonomi", "HUKUM",
                         "ilmu islam", "ilmu i\u{307}slam", "Kesehatan", "", "Teknik"]
    static let births = ["1966-06-15", "1968-02-29", "1964-02-29", "1972-01-01", "1976-03-31", "1970-07-16", "1961-12-01"]
    static let starts = ["2021-06-15", "2021-06-14", "2016-02-29", "2025-03-31", "2019-02-28", "2019-03-01", "2026-01-01", "2025-01-31"]

    /// Three agencies of four units (one without slots), their slots and 360 employees in kota-kupang.
    static func generate(_ db: TestDatabase) async throws {
        try await db.asOwner(tenant: "kota-kupang") { c, tenant in
            var rng = DemoRandom(seed: "balance-sql")
            func pick<T>(_ list: [T]) -> T { list[rng.int(0..<list.count)] }
            let log = TestDatabase.logger
            var slotIDs: [UUID] = []
            for a in 0..<3 {
                let agency = try await c.column("""
                    INSERT INTO agencies (tenant_id, code, name) VALUES (\(tenant), \("acak-\(a)"), \("Dinas Acak \(a)")) RETURNING id
                    """, as: UUID.self)[0]
                for u in 0..<4 {
                    let unit = try await c.column("""
                        INSERT INTO units (tenant_id, agency_id, code, name, region_code)
                        VALUES (\(tenant), \(agency), \("acak-\(a)-\(u)"), \("Unit Acak \(a)-\(u)"), '53.71.01') RETURNING id
                        """, as: UUID.self)[0]
                    for s in 0..<(u == 3 ? 0 : rng.int(1...4)) {
                        let kind = pick(PositionKind.allCases).rawValue
                        slotIDs += try await c.column("""
                            INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade, education_fields, need)
                            VALUES (\(tenant), \(unit), \("j-\(s)"), \("Jabatan \(s)"), \(kind), 5, 14,
                                    \(pick(fieldLists)), \(Int32(rng.int(0...4))))
                            RETURNING id
                            """, as: UUID.self)
                    }
                }
            }
            for i in 0..<360 {
                let slot: UUID? = rng.int(0..<10) == 0 ? nil : pick(slotIDs)
                let born = rng.int(0...1) == 0 ? pick(births)
                    : String(format: "%04ld-%02ld-%02ld", rng.int(1955...1999), rng.int(1...12), rng.int(1...28))
                let since = slot == nil ? nil : rng.int(0...1) == 0 ? pick(starts)
                    : String(format: "%04ld-%02ld-01", rng.int(2012...2026), rng.int(1...12))
                try await c.query("""
                    INSERT INTO employees (tenant_id, nip, kind, name, birth_date, sex, grade, education_field, slot_id, slot_since)
                    VALUES (\(tenant), \(String(format: "77%016ld", i)), 'PNS', \("Pegawai Acak \(i)"), \(born)::date, 1, 9,
                            \(pick(fields)), \(slot), \(since)::date)
                    """, logger: log)
            }
            try await c.query("""
                INSERT INTO retirement_ages (tenant_id, position_kind, age) VALUES (\(tenant), 'teacher', 62), (\(tenant), 'executor', 59)
                """, logger: log)
        }
    }

    /// Generated data in kota-kupang, the tenant admin's token, the balance routes' base path and the reference.
    static func setUp(_ http: any TestClientProtocol, _ db: TestDatabase) async throws -> (token: String, base: String, reference: BalanceReference) {
        try await generate(db)
        let admin = try await http.login("kota-kupang", "admin")
        let tenant = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
        return (admin, "/v1/tenants/\(tenant)/balance", try await BalanceReference.load(db, tenant: "kota-kupang"))
    }

    @Test("every level and list equals the in-memory reference, whatever the day, horizon and filter",
          .timeLimit(.minutes(10)))
    func matchesReference() async throws {
        try await TestApp.run { http, _, db, _ in
            let (admin, base, reference) = try await Self.setUp(http, db)
            let agency = try #require(reference.slots.first { $0.agencyCode == "acak-1" }).agencyID
            let unit = try #require(reference.slots.first { $0.unitCode == "acak-2-1" }).unitID
            let emptyUnit = try await db.asOwner(tenant: "kota-kupang") { c, _ in
                try await c.column("SELECT id FROM units WHERE code = 'acak-0-3'", as: UUID.self)[0]
            }
            let filters: [(UUID?, UUID?)] = [(nil, nil), (agency, nil), (nil, unit), (nil, emptyUnit)]
            for (day, months) in Self.moments {
                for (agencyID, unitID) in filters {
                    let expected = reference.answer(asOf: try CalendarDate(iso: day), months: months, agencyID: agencyID, unitID: unitID)
                    var query = "asOf=\(day)&months=\(months)&limit=200"
                    if let agencyID { query += "&agencyID=\(agencyID.uuidString.lowercased())" }
                    if let unitID { query += "&unitID=\(unitID.uuidString.lowercased())" }
                    for level in BalanceLevel.allCases {
                        let report = try await http.call(.get, "\(base)?level=\(level.rawValue)&\(query)", token: admin).json()
                        let rows = (report["items"] as? [[String: Any]] ?? []).map { BalanceReference.line(row: $0) }
                        #expect(rows == expected.rows[level], "\(level) \(query)")
                        #expect(report["total"] as? Int == expected.rows[level]?.count, "\(level) \(query)")
                        #expect(BalanceReference.line(row: report["totals"] as? [String: Any] ?? [:]) == expected.totals, "\(query)")
                    }
                    for (list, lines) in [("retirements", expected.retiring), ("education-mismatches", expected.mismatches),
                                          ("rotation-due", expected.rotation)] {
                        let found = try await http.call(.get, "\(base)/\(list)?\(query)", token: admin).json()
                        let items = (found["items"] as? [[String: Any]] ?? []).map { BalanceReference.line(item: $0, list: list) }
                        #expect(items == Array(lines.prefix(200)), "\(list) \(query)")
                        #expect(found["total"] as? Int == lines.count, "\(list) \(query)")
                    }
                }
            }
            // The generated data reaches the edges it is meant to.
            let all = reference.answer(asOf: try CalendarDate(iso: "2026-06-15"), months: 12, agencyID: nil, unitID: nil)
            #expect(all.retiring.contains { $0.hasSuffix("retired=true") })
            #expect(all.mismatches.count > 10 && all.rotation.count > 10)
            #expect(reference.employees.contains { $0.slotID == nil })
            #expect(reference.slots.contains { $0.need == 0 })
        }
    }

    @Test("pages follow one another, and a page past the end is empty but keeps the total", .timeLimit(.minutes(10)))
    func pages() async throws {
        try await TestApp.run { http, _, db, _ in
            let (admin, base, reference) = try await Self.setUp(http, db)
            let expected = reference.answer(asOf: try CalendarDate(iso: "2026-06-15"), months: 12, agencyID: nil, unitID: nil)
            let paths = [("?level=slot", expected.rows[.slot]!), ("?level=unit", expected.rows[.unit]!),
                         ("?level=agency", expected.rows[.agency]!), ("?level=tenant", expected.rows[.tenant]!),
                         ("/retirements?", expected.retiring), ("/education-mismatches?", expected.mismatches),
                         ("/rotation-due?", expected.rotation)]
            for (path, lines) in paths {
                var seen: [String] = []
                var offset = 0
                repeat {
                    let page = try await http.call(.get, "\(base)\(path)&asOf=2026-06-15&limit=40&offset=\(offset)", token: admin).json()
                    #expect(page["total"] as? Int == lines.count, "\(path) \(offset)")
                    #expect(page["offset"] as? Int == offset && page["limit"] as? Int == 40)
                    let items = page["items"] as? [[String: Any]] ?? []
                    seen += items.map { path.hasPrefix("?") ? BalanceReference.line(row: $0)
                        : BalanceReference.line(item: $0, list: String(path.dropFirst().dropLast())) }
                    offset += 40
                } while offset < lines.count
                #expect(seen == lines, "\(path)")
                let past = try await http.call(.get, "\(base)\(path)&asOf=2026-06-15&limit=40&offset=\(lines.count + 5)", token: admin).json()
                #expect((past["items"] as? [Any])?.isEmpty == true, "\(path)")
                #expect(past["total"] as? Int == lines.count, "\(path)")
            }
        }
    }
}

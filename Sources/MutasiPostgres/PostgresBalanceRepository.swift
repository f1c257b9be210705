import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresBalanceRepository: BalanceRepository {
    let db: PostgresTransaction

    func totals(_ scope: BalanceScope) async throws -> BalanceCounts {
        guard let row = try await db.rows(BalanceSQL.scoped(scope, BalanceSQL.totals)).first else {
            throw PostgresBalanceError.noRow
        }
        return try Self.counts(row.makeRandomAccess(), at: 0)
    }

    func groups(_ scope: BalanceScope, by grouping: BalanceGrouping, limit: Int, offset: Int) async throws -> BalanceGroupPage {
        let rows = try await db.rows(BalanceSQL.scoped(scope, limit: limit, offset: offset, BalanceSQL.groups(grouping)))
        guard let first = rows.first?.makeRandomAccess() else { throw PostgresBalanceError.noRow }
        var page = BalanceGroupPage(totals: try Self.counts(first, at: 0), items: [], total: Int(try first[9].decode(Int64.self)))
        for row in rows {
            let r = row.makeRandomAccess()
            guard let id = try r[10].decode(UUID?.self) else { continue }
            page.items.append(BalanceGroupRecord(
                id: id, code: try r[11].decode(String.self), name: try r[12].decode(String.self),
                unitID: try r[13].decode(UUID?.self), unitCode: try r[14].decode(String?.self),
                agencyID: try r[15].decode(UUID?.self), agencyCode: try r[16].decode(String?.self),
                positionKind: try r[17].decode(String?.self), counts: try Self.counts(r, at: 18)))
        }
        return page
    }

    func employees(_ scope: BalanceScope, list: BalanceEmployeeList, limit: Int, offset: Int) async throws
        -> (items: [BalanceHolderRecord], total: Int) {
        let rows = try await db.rows(BalanceSQL.scoped(scope, limit: limit, offset: offset, BalanceSQL.employees(list)))
        guard let first = rows.first?.makeRandomAccess() else { throw PostgresBalanceError.noRow }
        var items: [BalanceHolderRecord] = []
        for row in rows {
            let r = row.makeRandomAccess()
            guard let employeeID = try r[1].decode(UUID?.self) else { continue }
            let slotID = try r[4].decode(UUID.self)
            items.append(BalanceHolderRecord(
                employee: BalanceEmployeeRecord(
                    employeeID: employeeID, nip: try r[2].decode(String.self), name: try r[3].decode(String.self),
                    slotID: slotID, slotSince: try CalendarDate(iso: try r[5].decode(String.self)),
                    birthDate: try CalendarDate(iso: try r[6].decode(String.self)), educationField: try r[7].decode(String.self)),
                slot: BalanceSlotRecord(
                    slotID: slotID, slotCode: try r[8].decode(String.self), slotName: try r[9].decode(String.self),
                    positionKind: try r[10].decode(String.self), educationFields: try r[11].decode([String].self),
                    need: Int(try r[12].decode(Int32.self)), unitID: try r[13].decode(UUID.self),
                    unitCode: try r[14].decode(String.self), unitName: try r[15].decode(String.self),
                    agencyID: try r[16].decode(UUID.self), agencyCode: try r[17].decode(String.self),
                    agencyName: try r[18].decode(String.self))))
        }
        return (items, Int(try first[0].decode(Int64.self)))
    }

    /// The nine counts of `BalanceSQL.counts` from column `i` on.
    private static func counts(_ r: PostgresRandomAccessRow, at i: Int) throws -> BalanceCounts {
        let v = try (i..<i + 9).map { Int(try r[$0].decode(Int64.self)) }
        return BalanceCounts(figures: StaffingBalance(slots: v[0], need: v[1], headcount: v[2], retiring: v[3], deficit: v[4], surplus: v[5]),
                             educationMismatches: v[6], rotationDue: v[7], retired: v[8])
    }
}

/// An aggregate that returns no row: cannot happen, reported rather than trapped.
enum PostgresBalanceError: Error { case noRow }

import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPlanCommentRepository: PlanCommentRepository {
    let db: PostgresTransaction

    private static let columns = """
        c.id, c.plan_id, c.employee_id, c.author_id, u.full_name, u.role, c.body, c.created_at
        """
    private static let joins = "JOIN users u ON u.tenant_id = c.tenant_id AND u.id = c.author_id"

    private func comment(_ row: PostgresRow) throws -> PlanMoveComment {
        let r = row.makeRandomAccess()
        return PlanMoveComment(
            id: try r[0].decode(UUID.self), planID: try r[1].decode(UUID.self), employeeID: try r[2].decode(UUID.self),
            authorID: try r[3].decode(UUID.self), authorName: try r[4].decode(String.self),
            authorRole: Role(rawValue: try r[5].decode(String.self)) ?? .tenantAdmin,
            text: try r[6].decode(String.self), createdAt: try r[7].decode(Date.self))
    }

    func moveAgencies(tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> MoveAgencies? {
        try await db.rows("""
            SELECT fu.agency_id, tu.agency_id FROM plan_moves m
            JOIN slots fs ON fs.tenant_id = m.tenant_id AND fs.id = m.from_slot_id
            JOIN units fu ON fu.tenant_id = fs.tenant_id AND fu.id = fs.unit_id
            JOIN slots ts ON ts.tenant_id = m.tenant_id AND ts.id = m.to_slot_id
            JOIN units tu ON tu.tenant_id = ts.tenant_id AND tu.id = ts.unit_id
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND m.employee_id = \(employeeID)
            """).first.map { row in
            let (from, to) = try row.decode((UUID, UUID).self)
            return MoveAgencies(from: from, to: to)
        }
    }

    func add(tenantID: UUID, planID: UUID, employeeID: UUID, authorID: UUID, text: String) async throws -> PlanMoveComment {
        let id = try await db.rows("""
            INSERT INTO plan_move_comments (tenant_id, plan_id, employee_id, author_id, body)
            VALUES (\(tenantID), \(planID), \(employeeID), \(authorID), \(text))
            RETURNING id
            """).first!.decode(UUID.self)
        return try await find(tenantID: tenantID, planID: planID, employeeID: employeeID, id: id)!
    }

    func find(tenantID: UUID, planID: UUID, employeeID: UUID, id: UUID) async throws -> PlanMoveComment? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM plan_move_comments c \(unescaped: Self.joins)
            WHERE c.tenant_id = \(tenantID) AND c.plan_id = \(planID) AND c.employee_id = \(employeeID) AND c.id = \(id)
            """).first.map(comment)
    }

    func list(tenantID: UUID, planID: UUID, employeeID: UUID, _ page: PageRequest) async throws -> Page<PlanMoveComment> {
        let total = try await db.count("""
            SELECT count(*) FROM plan_move_comments
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            """)
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM plan_move_comments c \(unescaped: Self.joins)
            WHERE c.tenant_id = \(tenantID) AND c.plan_id = \(planID) AND c.employee_id = \(employeeID)
            ORDER BY c.created_at, c.id
            LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(comment), total: total, request: page)
    }

    func counts(tenantID: UUID, planID: UUID, employeeIDs: [UUID]) async throws -> [UUID: Int] {
        guard !employeeIDs.isEmpty else { return [:] }
        var result: [UUID: Int] = [:]
        for row in try await db.rows("""
            SELECT employee_id, count(*) FROM plan_move_comments
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = ANY(\(employeeIDs)::uuid[])
            GROUP BY employee_id
            """) {
            let (id, count) = try row.decode((UUID, Int64).self)
            result[id] = Int(count)
        }
        return result
    }
}

import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresUserRepository: UserRepository {
    let db: PostgresTransaction

    /// Columns of `users u`; each read follows them with the user's agencies, gathered from
    /// `user_agencies` by a subquery that names the tenant by its parameter (not `u.tenant_id`),
    /// so that Citus sends the statement to the tenant's shard alone.
    private static let columns = """
        u.tenant_id, u.id, u.username, u.full_name, u.role, u.bkn_office_id, u.employee_id, u.active, u.version
        """

    private func user(_ row: PostgresRow) throws -> User {
        let (scope, id, username, fullName, role, office, employee, active, version, agencies) =
            try row.decode((UUID, UUID, String, String, String, UUID?, UUID?, Bool, Int32, [UUID]).self)
        return User(scope: ScopeID(scope), id: id, username: username, fullName: fullName,
                    role: Role(rawValue: role) ?? .employee, bknOfficeID: office, agencyIDs: agencies,
                    employeeID: employee, active: active, version: Int(version))
    }

    func create(_ new: NewUser) async throws -> User {
        let rows = try await db.rows("""
            INSERT INTO users (tenant_id, username, full_name, role, bkn_office_id, password_hash)
            VALUES (\(new.scope.uuid), \(new.username), \(new.fullName), \(new.role.rawValue),
                    \(new.bknOfficeID), \(new.passwordHash))
            RETURNING id
            """)
        let id = try rows[0].decode(UUID.self)
        try await replaceAgencies(scope: new.scope, userID: id, new.agencyIDs)
        guard let created = try await find(scope: new.scope, id: id) else {
            throw DomainError.notFound("user.not_found", "User not found.")
        }
        return created
    }

    private func replaceAgencies(scope: ScopeID, userID: UUID, _ agencyIDs: [UUID]) async throws {
        try await db.rows("DELETE FROM user_agencies WHERE tenant_id = \(scope.uuid) AND user_id = \(userID)")
        guard !agencyIDs.isEmpty else { return }
        // RETURNING: on Citus an INSERT ... SELECT of rows the coordinator computes goes to the
        // shards as COPY, which row-level security refuses, unless it returns rows (sql/README.md).
        try await db.rows("""
            WITH added AS (
                INSERT INTO user_agencies (tenant_id, user_id, agency_id)
                SELECT \(scope.uuid), \(userID), unnest(\(agencyIDs)::uuid[])
                RETURNING 1)
            SELECT count(*) FROM added
            """)
    }

    func find(scope: ScopeID, id: UUID) async throws -> User? {
        try await db.rows(prepared: "users.find", """
            SELECT \(unescaped: Self.columns),
                   COALESCE((SELECT array_agg(a.agency_id ORDER BY a.agency_id) FROM user_agencies a
                             WHERE a.tenant_id = \(scope.uuid) AND a.user_id = u.id), '{}'::uuid[])
            FROM users u WHERE u.tenant_id = \(scope.uuid) AND u.id = \(id)
            """).first.map(user)
    }

    func findCredentials(scope: ScopeID, username: String) async throws -> (user: User, passwordHash: String)? {
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns),
                   COALESCE((SELECT array_agg(a.agency_id ORDER BY a.agency_id) FROM user_agencies a
                             WHERE a.tenant_id = \(scope.uuid) AND a.user_id = u.id), '{}'::uuid[]),
                   u.password_hash
            FROM users u WHERE u.tenant_id = \(scope.uuid) AND u.username = \(username)
            """)
        guard let row = rows.first else { return nil }
        let hash = try row.makeRandomAccess()[10].decode(String.self)
        return (try user(row), hash)
    }

    func list(scope: ScopeID, role: Role?, _ page: PageRequest) async throws -> Page<User> {
        let roleName = role?.rawValue
        let total = try await db.count("""
            SELECT count(*) FROM users u
            WHERE u.tenant_id = \(scope.uuid) AND (\(roleName)::text IS NULL OR u.role = \(roleName))
            """)
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns),
                   COALESCE((SELECT array_agg(a.agency_id ORDER BY a.agency_id) FROM user_agencies a
                             WHERE a.tenant_id = \(scope.uuid) AND a.user_id = u.id), '{}'::uuid[])
            FROM users u
            WHERE u.tenant_id = \(scope.uuid) AND (\(roleName)::text IS NULL OR u.role = \(roleName))
            ORDER BY u.username LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(user), total: total, request: page)
    }

    func update(scope: ScopeID, id: UUID, _ changes: UserChanges, expectedVersion: Int) async throws -> User? {
        let rows = try await db.rows("""
            UPDATE users SET full_name = COALESCE(\(changes.fullName), full_name),
                             active = COALESCE(\(changes.active), active),
                             updated_at = now(), version = version + 1
            WHERE tenant_id = \(scope.uuid) AND id = \(id) AND version = \(Int32(expectedVersion))
            RETURNING id
            """)
        guard !rows.isEmpty else {
            guard try await find(scope: scope, id: id) != nil else { return nil }
            throw DomainError(.preconditionFailed, code: "user.version_mismatch",
                              "The user was changed by someone else; reload it and try again.")
        }
        if let agencyIDs = changes.agencyIDs {
            try await replaceAgencies(scope: scope, userID: id, agencyIDs)
        }
        return try await find(scope: scope, id: id)
    }

    func setPasswordHash(scope: ScopeID, id: UUID, _ hash: String) async throws {
        try await db.rows("""
            UPDATE users SET password_hash = \(hash), updated_at = now(), version = version + 1
            WHERE tenant_id = \(scope.uuid) AND id = \(id)
            """)
    }

    func countAll(scope: ScopeID) async throws -> Int {
        try await db.count("SELECT count(*) FROM users WHERE tenant_id = \(scope.uuid)")
    }
}

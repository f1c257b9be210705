import PostgresNIO
import Synchronization

/// The statements that run on nearly every request (authentication, the tenant, one record by
/// id, the first page of a list) are prepared once per pooled connection and then only bound and
/// executed: PostgreSQL then skips parsing and, once it settles on a generic plan, planning, which
/// for a query joined under row-level security costs several times its execution.
///
/// PostgresNIO prepares statement *types* (`PostgresPreparedStatement`, whose name and SQL are
/// static). `NamedStatement` is one such type whose static name and SQL are read from a task-local
/// value for the duration of one `execute` call, so that a query written with the usual
/// interpolation can be prepared under a name of its own: `db.rows(prepared: "users.find", query)`.
/// A name must always carry the same SQL, so only queries whose text does not vary (the values are
/// all bound) may be named; `PreparedNames` refuses a name reused with other text.
struct NamedStatement: PostgresPreparedStatement {
    typealias Row = PostgresRow

    @TaskLocal static var current = (name: "", sql: "")
    static var name: String { current.name }
    static var sql: String { current.sql }

    let bindings: PostgresBindings
    func makeBindings() throws -> PostgresBindings { bindings }
    func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
}

/// The text each statement name was first prepared with, in this process.
enum PreparedNames {
    private static let known = Mutex<[String: String]>([:])

    /// The name PostgreSQL knows the statement by; throws when `name` was used with other text.
    static func register(_ name: String, sql: String) throws -> String {
        let first = known.withLock { known in
            if let text = known[name] { return text }
            known[name] = sql
            return sql
        }
        guard first == sql else { throw PreparedNameReused(name: name) }
        return "mutasi." + name
    }

    struct PreparedNameReused: Error, CustomStringConvertible {
        let name: String
        var description: String { "The prepared statement name \(name) was used with two different texts." }
    }
}

extension PostgresConnection {
    /// Runs `query` as the statement prepared under `name` on this connection (preparing it on
    /// first use) and returns its rows, collected.
    func preparedRows(_ name: String, _ query: PostgresQuery, logger: Logger) async throws -> [PostgresRow] {
        let statement = (name: try PreparedNames.register(name, sql: query.sql), sql: query.sql)
        return try await NamedStatement.$current.withValue(statement) {
            var rows: [PostgresRow] = []
            for try await row in try await execute(NamedStatement(bindings: query.binds), logger: logger) {
                rows.append(row)
            }
            return rows
        }
    }
}

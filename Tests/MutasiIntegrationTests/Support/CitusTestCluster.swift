import Foundation
import MutasiApp
import PostgresNIO

/// The suite on a Citus cluster instead of one server: with MUTASI_TEST_CITUS_WORKER_URLS (the
/// workers' superuser URLs, comma-separated, as the coordinator reaches them) and
/// MUTASI_TEST_SUPER_URL (the coordinator's), each test database is created on every node under
/// one name, since Citus reaches a database's shards on the workers under that database's name.
/// An empty one gets the extension and the nodes; a template is distributed
/// (`mutasi citus distribute`) and then sealed, so that a copy made on each node (`CREATE
/// DATABASE ... TEMPLATE`) is a whole, consistent cluster database.
struct CitusTestCluster: Sendable {
    let coordinator: String
    let workers: [String]

    static let current: CitusTestCluster? = {
        let env = ProcessInfo.processInfo.environment
        guard let list = env["MUTASI_TEST_CITUS_WORKER_URLS"], !list.isEmpty else { return nil }
        guard let coordinator = env["MUTASI_TEST_SUPER_URL"], !coordinator.isEmpty else {
            fatalError("MUTASI_TEST_CITUS_WORKER_URLS needs MUTASI_TEST_SUPER_URL, the coordinator's superuser URL")
        }
        return CitusTestCluster(coordinator: coordinator, workers: list.split(separator: ",").map(String.init))
    }()

    var nodes: [String] { [coordinator] + workers }

    /// Creates `name` owned by `owner` on every node; without a template, an empty database with
    /// the citus extension, its workers registered on the coordinator.
    /// Creating an empty database and migrating one run one at a time in the test process:
    /// `citus_add_node` and `CREATE FUNCTION` copy roles to the workers, and two databases doing
    /// it at once clash on the shared role catalog ("tuple concurrently updated").
    static let serial = SerialGate()

    func createDatabase(_ name: String, owner: String, template: String?) async throws {
        if template == nil {
            try await Self.serial.run { try await create(name, owner: owner, template: nil) }
        } else {
            try await create(name, owner: owner, template: template)
        }
    }

    private func create(_ name: String, owner: String, template: String?) async throws {
        let copy = template.map { " TEMPLATE \($0)" } ?? ""
        for node in nodes {
            try await run(node + "/postgres", "CREATE DATABASE \(name) OWNER \(owner)\(copy)")
        }
        guard template == nil else { return }
        for node in nodes {
            try await run(node + "/" + name, "CREATE EXTENSION citus")
        }
        let (host, port) = try Self.address(coordinator)
        try await run(coordinator + "/" + name, "SELECT citus_set_coordinator_host('\(host)', \(port))")
        for worker in workers {
            let (host, port) = try Self.address(worker)
            try await run(coordinator + "/" + name, "SELECT citus_add_node('\(host)', \(port))")
        }
    }

    /// Makes `name` copyable: no new connections, and the ones left (Citus's maintenance daemon,
    /// the coordinator's cached connections to the workers) ended.
    func seal(_ name: String) async throws {
        for node in nodes {
            try await run(node + "/postgres", "ALTER DATABASE \(name) ALLOW_CONNECTIONS false")
            try await run(node + "/postgres", """
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(name)' AND pid <> pg_backend_pid()
                """)
        }
    }

    private func run(_ url: String, _ sql: String) async throws {
        try await DatabaseConnection.withClient(url, logger: TestDatabase.logger) { client in
            try await client.query(PostgresQuery(unsafeSQL: sql), logger: TestDatabase.logger)
        }
    }

    private static func address(_ url: String) throws -> (String, Int) {
        guard let c = URLComponents(string: url), let host = c.host else { throw TestSetupError("bad node URL \(url)") }
        return (host, c.port ?? 5432)
    }
}

/// Runs bodies one after another, in the order they asked, across tasks.
final class SerialGate: @unchecked Sendable {
    private let lock = NSLock()
    private var tail: Task<Void, Never>?

    func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = lock.withLock {
            let previous = tail
            let task = Task<T, any Error> {
                await previous?.value
                return try await body()
            }
            tail = Task { _ = try? await task.value }
            return task
        }
        return try await task.value
    }
}

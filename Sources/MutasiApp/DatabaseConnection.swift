import Foundation
import Logging
import MutasiDomain
import PostgresNIO

/// Turns a `postgres://user:password@host:port/database` URL into a client configuration. As in
/// libpq, `?host=/a/folder` (an absolute path) connects through the Unix socket
/// `/a/folder/.s.PGSQL.<port>` instead: on one machine that skips the TCP stack on every round trip.
public enum DatabaseConnection {
    public static func configuration(_ url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url),
              ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let user = components.user, !user.isEmpty else {
            throw DomainError.invalid("config.invalid_database_url",
                                      "DATABASE_URL must look like postgres://user:password@host:5432/database.", field: "DATABASE_URL")
        }
        let database = components.path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        let username = user.removingPercentEncoding ?? user, password = components.password?.removingPercentEncoding
        var config: PostgresClient.Configuration
        if let socket = try socketPath(components) {
            config = PostgresClient.Configuration(unixSocketPath: socket, username: username, password: password,
                                                  database: database.isEmpty ? nil : database)
        } else {
            let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
            let tls: PostgresClient.Configuration.TLS = sslmode == "require"
                ? .require(.clientDefault) : sslmode == "prefer" ? .prefer(.clientDefault) : .disable
            config = PostgresClient.Configuration(
                host: components.host ?? "127.0.0.1", port: components.port ?? 5432,
                username: username, password: password, database: database.isEmpty ? nil : database, tls: tls)
        }
        config.options.maximumConnections = 20
        return config
    }

    /// The Unix socket a `?host=/folder` URL names, or nil for a TCP URL.
    public static func socketPath(_ url: String) throws -> String? {
        guard let components = URLComponents(string: url) else { return nil }
        return try socketPath(components)
    }

    static func socketPath(_ components: URLComponents) throws -> String? {
        guard let folder = components.queryItems?.first(where: { $0.name == "host" })?.value else { return nil }
        guard folder.hasPrefix("/") else {
            throw DomainError.invalid("config.invalid_database_url",
                                      "DATABASE_URL's host= must be the absolute path of the socket's folder.", field: "DATABASE_URL")
        }
        return "\(folder)/.s.PGSQL.\(components.port ?? 5432)"
    }

    /// Runs `body` with a running client, then shuts the client down.
    public static func withClient<T: Sendable>(
        _ url: String, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        // The client's own warnings (a lease asked for a moment before run() starts) are noise
        // here; failures still reach the caller as thrown errors.
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .error)
        let client = PostgresClient(configuration: try configuration(url), backgroundLogger: quiet)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { await client.run(); return nil }
            defer { group.cancelAll() }
            return try await body(client)
        }
    }
}

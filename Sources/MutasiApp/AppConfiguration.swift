import Foundation
import Logging
import MutasiDomain
import MutasiHTTP
import MutasiServices

/// Settings from the environment, with defaults that suit the embedded PostgreSQL that
/// `scripts/run` starts.
public struct AppConfiguration: Sendable {
    /// The server's connection (a member of `mutasi_app`, owning nothing).
    public var databaseURL: String
    /// The schema owner's connection, for migrations; nil when none was given (then `serve`
    /// does not migrate and `migrate` uses `databaseURL`).
    public var migrationDatabaseURL: String?
    public var host: String
    public var port: Int
    public var logLevel: Logger.Level
    /// `LOG_FORMAT`: `text` (default, for people) or `json` (one object per line, for collectors).
    public var logFormat: LogFormat
    public var tokenLifetime: Duration
    /// A web page session unused this long is over (`WEB_IDLE_SECONDS`, default 30 minutes).
    public var webIdleLimit: Duration
    public var bcryptCost: UInt8
    /// Threads that run bcrypt, and how many logins may wait for one before 503.
    public var bcryptThreads: Int
    public var bcryptQueue: Int
    /// Login throttling: failures per login name and per client address within the window.
    public var login: LoginPolicy
    /// Proxies whose X-Forwarded-For names the client (comma-separated IPs or CIDRs); none by default.
    public var trustedProxies: TrustedProxies
    public var migrateOnStart: Bool
    /// Folder of the numbered migrations.
    public var sqlDirectory: URL
    /// Claims of one background job before it is given up as failed.
    public var jobMaxAttempts: Int
    /// A running job whose heartbeat (every second) is this old lost its worker and is claimed
    /// again (`JOB_STALE_SECONDS`, default 60).
    public var jobStaleAfter: Duration
    /// On SIGTERM/SIGINT the server stops accepting connections and finishes the requests in
    /// flight for at most this long, then cancels the rest (`SHUTDOWN_GRACE_SECONDS`, default 8:
    /// inside the 10 s Docker waits before SIGKILL).
    public var shutdownGrace: Duration
    /// When set, `/metrics` answers only requests with `Authorization: Bearer <token>`.
    public var metricsToken: String?
    /// Headless Chromium that prints decrees to PDF (`CHROMIUM_PATH`; default: found on PATH),
    /// how many renders run at once and how long one may take.
    public var chromiumPath: String?
    public var pdfConcurrency: Int
    public var pdfTimeoutSeconds: Int

    public static let defaultDatabaseURL = "postgres://mutasi_app:mutasi_app@127.0.0.1:5432/mutasi"

    public init(environment env: [String: String] = ProcessInfo.processInfo.environment) throws {
        databaseURL = env["DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultDatabaseURL
        migrationDatabaseURL = env["MIGRATION_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
        host = env["HOST"] ?? "127.0.0.1"
        port = try Self.int(env, "PORT", default: 8080, range: 1...65535)
        guard let level = Logger.Level(rawValue: (env["LOG_LEVEL"] ?? "info").lowercased()) else {
            throw DomainError.invalid("config.invalid", "LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical.", field: "LOG_LEVEL")
        }
        logLevel = level
        guard let format = LogFormat(rawValue: (env["LOG_FORMAT"] ?? "text").lowercased()) else {
            throw DomainError.invalid("config.invalid", "LOG_FORMAT must be text or json.", field: "LOG_FORMAT")
        }
        logFormat = format
        tokenLifetime = .seconds(try Self.int(env, "TOKEN_LIFETIME_SECONDS", default: 8 * 3600, range: 60...(90 * 86400)))
        webIdleLimit = .seconds(try Self.int(env, "WEB_IDLE_SECONDS", default: WebSettings.defaultIdleSeconds, range: 60...86400))
        bcryptCost = UInt8(try Self.int(env, "BCRYPT_COST", default: 12, range: 4...16))
        bcryptThreads = try Self.int(env, "BCRYPT_THREADS", default: max(1, ProcessInfo.processInfo.activeProcessorCount / 2),
                                     range: 1...64)
        bcryptQueue = try Self.int(env, "BCRYPT_QUEUE", default: 64, range: 0...10_000)
        login = LoginPolicy(
            maxFailures: try Self.int(env, "LOGIN_MAX_FAILURES", default: 5, range: 1...1000),
            maxFailuresPerAddress: try Self.int(env, "LOGIN_MAX_FAILURES_PER_ADDRESS", default: 50, range: 1...1_000_000),
            window: .seconds(try Self.int(env, "LOGIN_WINDOW_SECONDS", default: 900, range: 1...86400)),
            lockFor: .seconds(try Self.int(env, "LOGIN_LOCK_SECONDS", default: 900, range: 1...86400)))
        switch TrustedProxies.parse(env["TRUSTED_PROXIES"] ?? "") {
        case .success(let proxies): trustedProxies = proxies
        case .failure(let bad):
            throw DomainError.invalid("config.invalid",
                                      "TRUSTED_PROXIES must list IP addresses or CIDR networks separated by commas; got '\(bad.text)'.",
                                      field: "TRUSTED_PROXIES")
        }
        migrateOnStart = (env["MIGRATE_ON_START"] ?? "true").lowercased() != "false"
        sqlDirectory = env["SQL_DIR"].map { URL(fileURLWithPath: $0) } ?? Self.findSQLDirectory()
        jobMaxAttempts = try Self.int(env, "JOB_MAX_ATTEMPTS", default: 3, range: 1...100)
        jobStaleAfter = .seconds(try Self.int(env, "JOB_STALE_SECONDS", default: 60, range: 3...86400))
        shutdownGrace = .seconds(try Self.int(env, "SHUTDOWN_GRACE_SECONDS", default: 8, range: 1...600))
        metricsToken = env["METRICS_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        chromiumPath = env["CHROMIUM_PATH"].flatMap { $0.isEmpty ? nil : $0 }
        pdfConcurrency = try Self.int(env, "PDF_RENDER_CONCURRENCY", default: 2, range: 1...32)
        pdfTimeoutSeconds = try Self.int(env, "PDF_RENDER_TIMEOUT_SECONDS", default: 60, range: 1...600)
    }

    /// The owner's connection when one was given apart from the server's own: only then may
    /// `serve` migrate.
    public var separateOwnerURL: String? {
        migrationDatabaseURL.flatMap { $0 == databaseURL ? nil : $0 }
    }

    static func int(_ env: [String: String], _ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = env[name], !text.isEmpty else { return value }
        guard let parsed = Int(text), range.contains(parsed) else {
            throw DomainError.invalid("config.invalid", "\(name) must be an integer in \(range.lowerBound)...\(range.upperBound).", field: name)
        }
        return parsed
    }

    /// `sql/` of the working directory, else beside the executable's package checkout
    /// (`.build/<config>/mutasi` -> `../../sql`), else `/app/sql` (the container image).
    static func findSQLDirectory() -> URL {
        let fm = FileManager.default
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
        var candidates = [URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("sql")]
        var dir = executable.deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("sql"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: "/app/sql"))
        return candidates.first { fm.fileExists(atPath: $0.appendingPathComponent("001_foundation.sql").path) }
            ?? candidates[0]
    }
}

/// How the server writes its log.
public enum LogFormat: String, Sendable {
    case text, json
}

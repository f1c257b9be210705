import Foundation
import Hummingbird
import Logging
import Metrics
import MutasiDomain
import MutasiHTTP
import MutasiPostgres
import MutasiRepositories
import MutasiServices
import PostgresNIO
import Prometheus

/// The one place the application is assembled, used by `mutasi serve` and by the tests.
public enum MutasiApplication {
    /// Prometheus registry of this process (metrics are process-global).
    public static let metrics: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()

    /// The services over a running client.
    public static func services(client: PostgresClient, config: AppConfiguration, logger: Logger) -> Services {
        let endpoint = try? DatabaseConnection.configuration(config.databaseURL)
        let probe = endpoint.flatMap { e in
            e.unixSocketPath.map { DatabaseProbe(socketPath: $0) } ?? e.host.map { DatabaseProbe(host: $0, port: e.port ?? 5432) }
        }
        let store = PostgresStore(client: client, logger: logger, probe: probe)
        let hasher = PasswordHasher(cost: config.bcryptCost, threads: config.bcryptThreads, maxWaiting: config.bcryptQueue)
        return Services(ServiceEnvironment(store: store, hasher: hasher, tokenLifetime: config.tokenLifetime, login: config.login),
                        pdf: PDFRenderer(path: config.chromiumPath, maxConcurrent: config.pdfConcurrency,
                                         timeout: .seconds(config.pdfTimeoutSeconds)))
    }

    /// Applies the migrations of `config.sqlDirectory` as the schema owner (the owner's URL,
    /// else `databaseURL`, which must then be the owner's).
    @discardableResult
    public static func migrate(config: AppConfiguration, logger: Logger) async throws -> [String] {
        let migrations = try Migration.load(from: config.sqlDirectory)
        return try await DatabaseConnection.withClient(config.migrationDatabaseURL ?? config.databaseURL, logger: logger) { client in
            try await Migrator(client: client, logger: logger).migrate(migrations)
        }
    }

    /// Distributes the migrated schema on a Citus coordinator, as the schema owner (see
    /// `CitusDistribution`); run again after each migration that adds a table.
    public static func distributeOnCitus(config: AppConfiguration, logger: Logger) async throws -> CitusDistribution.Outcome {
        try await DatabaseConnection.withClient(config.migrationDatabaseURL ?? config.databaseURL, logger: logger) { client in
            try await CitusDistribution(client: client, logger: logger).distribute()
        }
    }

    /// What `serve` does before it listens: refuses a server role that row-level security
    /// would not hold back, migrates only when the owner's connection was given apart from the
    /// server's (and `migrateOnStart`), then refuses a schema older than the shipped migrations.
    public static func prepareToServe(config: AppConfiguration, logger: Logger) async throws {
        let shipped = try Migration.load(from: config.sqlDirectory)
        try await DatabaseConnection.withClient(config.databaseURL, logger: logger) { client in
            try await StartupCheck(client: client, logger: logger).checkRole()
        }
        if config.migrateOnStart, config.separateOwnerURL != nil {
            let applied = try await migrate(config: config, logger: logger)
            logger.info("migrations applied", metadata: ["count": "\(applied.count)"])
        }
        try await DatabaseConnection.withClient(config.databaseURL, logger: logger) { client in
            try await StartupCheck(client: client, logger: logger).checkSchema(shipped: shipped)
        }
    }

    /// The HTTP application: router over the services, the Postgres client as an app service.
    public static func build(config: AppConfiguration, logger: Logger) throws -> some ApplicationProtocol {
        let client = PostgresClient(configuration: try DatabaseConnection.configuration(config.databaseURL),
                                    backgroundLogger: logger)
        let services = services(client: client, config: config, logger: logger)
        let (router, _) = APIRouter.build(services: services, metrics: metrics, metricsToken: config.metricsToken,
                                          trustedProxies: config.trustedProxies, webIdleLimit: config.webIdleLimit)
        var app = Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "mutasi"),
            logger: logger)
        var jobLogger = logger
        jobLogger[metadataKey: "component"] = "jobs"
        app.addServices(client, JobRunnerService(worker: PlanBuildWorker(
            services.env, staleAfter: config.jobStaleAfter, maxAttempts: config.jobMaxAttempts, logger: jobLogger), execution: services.execution, logger: jobLogger))
        return app
    }
}

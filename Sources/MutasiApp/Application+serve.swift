import Logging
import ServiceLifecycle

extension MutasiApplication {
    /// What `serve` runs: `app` until SIGTERM or SIGINT, then a graceful shutdown (the server
    /// stops accepting connections and finishes the requests in flight, then the job worker and
    /// the database pool stop). What still runs after `grace` is cancelled; a process that
    /// still has not stopped two seconds later ends with a crash rather than hang, so a
    /// supervisor can start it again.
    public static func serviceGroup(_ app: some Service, grace: Duration, logger: Logger) -> ServiceGroup {
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = grace
        configuration.maximumCancellationDuration = .seconds(2)
        return ServiceGroup(configuration: configuration)
    }

    /// Runs `serviceGroup` until it has shut down.
    public static func serve(_ app: some Service, grace: Duration, logger: Logger) async throws {
        try await serviceGroup(app, grace: grace, logger: logger).run()
    }
}

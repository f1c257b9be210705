import ArgumentParser
import Hummingbird
import Logging
import MutasiApp

/// `mutasi serve`: check the database role and schema (migrating first when the owner's
/// MIGRATION_DATABASE_URL is given, unless MIGRATE_ON_START=false) and run the HTTP server
/// until SIGINT/SIGTERM, finishing requests in flight within SHUTDOWN_GRACE_SECONDS.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Jalankan server HTTP.")

    func run() async throws {
        do {
            let config = try AppConfiguration()
            if config.logFormat == .json {
                LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
            }
            var logger = Logger(label: "mutasi")
            logger.logLevel = config.logLevel
            try await MutasiApplication.prepareToServe(config: config, logger: logger)
            let app = try MutasiApplication.build(config: config, logger: logger)
            try await MutasiApplication.serve(app, grace: config.shutdownGrace, logger: logger)
        } catch {
            throw CLI.fail(error)
        }
    }
}

import ArgumentParser
import Hummingbird
import Logging
import MutasiApp

/// `mutasi serve`: migrate (unless MIGRATE_ON_START=false) and run the HTTP server until
/// SIGINT/SIGTERM, finishing requests in flight.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Jalankan server HTTP.")

    func run() async throws {
        do {
            let config = try AppConfiguration()
            var logger = Logger(label: "mutasi")
            logger.logLevel = config.logLevel
            if config.migrateOnStart {
                let applied = try await MutasiApplication.migrate(config: config, logger: logger)
                logger.info("migrations applied", metadata: ["count": "\(applied.count)"])
            }
            let app = try MutasiApplication.build(config: config, logger: logger)
            try await app.runService()
        } catch {
            throw CLI.fail(error)
        }
    }
}

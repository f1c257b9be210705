import ArgumentParser
import Logging
import MutasiApp

/// `mutasi migrate`: apply the numbered migrations of sql/ as the schema owner
/// (MIGRATION_DATABASE_URL, else DATABASE_URL).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Terapkan migrasi skema (sql/) secara berurutan.")

    func run() async throws {
        do {
            let config = try AppConfiguration()
            let applied = try await MutasiApplication.migrate(config: config, logger: CLI.logger(config))
            print(applied.isEmpty ? "Skema sudah mutakhir." : "Diterapkan: " + applied.joined(separator: ", "))
        } catch {
            throw CLI.fail(error)
        }
    }
}

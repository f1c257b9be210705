import ArgumentParser
import MutasiApp

/// `mutasi citus distribute`: spreads the migrated schema over a Citus cluster by tenant, as the
/// schema owner (MIGRATION_DATABASE_URL, else DATABASE_URL) on the coordinator. Idempotent.
struct CitusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "citus", abstract: "Operasi klaster Citus.", subcommands: [Distribute.self])

    struct Distribute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "distribute",
            abstract: "Sebarkan tabel ke node pekerja Citus menurut tenant (jalankan lagi setelah setiap migrate).")

        func run() async throws {
            do {
                let config = try AppConfiguration()
                let outcome = try await MutasiApplication.distributeOnCitus(config: config, logger: CLI.logger(config))
                let t = outcome.tables
                print("Citus \(outcome.citusVersion): \(t["distributed"] ?? 0) tabel tersebar menurut tenant, "
                      + "\(t["reference"] ?? 0) tabel rujukan di setiap node, \(t["coordinator"] ?? 0) tabel di koordinator.")
            } catch {
                throw CLI.fail(error)
            }
        }
    }
}

import ArgumentParser
import MutasiServices

/// `mutasi demo seed`: load the deterministic demo data (idempotent) and print the logins.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Data demo.", subcommands: [Seed.self])

    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "seed", abstract: "Muat data demo (aman diulang).")

        func run() async throws {
            let logins = try await CLI.withServices { s in try await s.demo.seed() }
            print("Data demo siap. Semua pengguna demo memakai password: \(DemoSeedService.password)")
            CLI.table(["TENANT", "USERNAME", "PERAN"], logins.map { [$0.tenant ?? "(platform)", $0.username, $0.role.rawValue] })
        }
    }
}

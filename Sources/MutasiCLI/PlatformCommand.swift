import ArgumentParser
import Foundation
import MutasiServices

/// `mutasi platform init`: create the first platform admin of an empty installation.
struct PlatformCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform", abstract: "Pengaturan platform.", subcommands: [Init.self])

    struct Init: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init", abstract: "Buat admin platform pertama (password dari env MUTASI_ADMIN_PASSWORD).")
        @Option(help: "Username of the first platform admin.") var username = "admin"
        @Option(help: "Full name.") var fullName = "Platform Admin"

        func run() async throws {
            guard let password = ProcessInfo.processInfo.environment["MUTASI_ADMIN_PASSWORD"], !password.isEmpty else {
                CLI.printError("galat: set MUTASI_ADMIN_PASSWORD to the new admin's password [cli.password_required]")
                throw ExitCode(2)
            }
            let (username, fullName) = (self.username, self.fullName)
            let user = try await CLI.withServices { s in
                try await s.users.bootstrapPlatformAdmin(username: username, fullName: fullName, password: password)
            }
            print("Admin platform dibuat: \(user.username)")
        }
    }
}

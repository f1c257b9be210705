import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi audit verify [--tenant CODE]`: recompute the hash chains and report the first
/// broken or missing link. Exit code 3 when any chain is broken.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Jejak audit.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Periksa keutuhan rantai hash jejak audit.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code; omit to check the platform and every tenant (platform admins).") var tenant: String?

        func run() async throws {
            let (login, tenantCode) = (op.login, tenant)
            let results = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                if let tenantID = try await UserCommand.tenantID(tenantCode, s, actor) {
                    return [try await s.audit.verify(actor: actor, tenantID: tenantID)]
                }
                return try await s.audit.verifyAll(actor: actor)
            }
            for result in results {
                let scope = result.scope.isPlatform ? "platform" : result.scope.description
                if result.intact {
                    print("utuh   \(scope): \(result.eventsChecked) peristiwa")
                } else {
                    print("RUSAK  \(scope): mata rantai \(result.firstBrokenSeq!) — \(result.problem ?? "")")
                }
            }
            if results.contains(where: { !$0.intact }) { throw ExitCode(3) }
        }
    }
}

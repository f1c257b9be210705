import ArgumentParser
import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `mutasi user create|list`: users of the platform or of one tenant.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Kelola pengguna.", subcommands: [Create.self, List.self])

    /// Resolves `--tenant CODE` to its id as the operator sees it (nil: the platform).
    static func tenantID(_ code: String?, _ s: Services, _ actor: Principal) async throws -> UUID? {
        guard let code else { return nil }
        return try await s.tenants.get(actor: actor, code: code).id
    }

    /// Resolves a required `--tenant CODE` to its id as the operator sees it.
    static func tenantID(_ code: String, _ s: Services, _ actor: Principal) async throws -> UUID {
        try await s.tenants.get(actor: actor, code: code).id
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Buat pengguna (password dari env MUTASI_USER_PASSWORD).")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code; omit for platform users.") var tenant: String?
        @Option var username: String
        @Option var fullName: String
        @Option(help: "platform_admin, bkn_admin, tenant_admin, agency_operator, approver, employee or auditor.") var role: String
        @Option(help: "BKN office id (BKN admins).") var bknOffice: String?
        @Option(help: "Agency id (agency operators); repeat for several.") var agency: [String] = []

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                CLI.printError("galat: unknown --role \(role) [user.invalid_role]")
                throw ExitCode(2)
            }
            guard let password = ProcessInfo.processInfo.environment["MUTASI_USER_PASSWORD"], !password.isEmpty else {
                CLI.printError("galat: set MUTASI_USER_PASSWORD to the new user's password [cli.password_required]")
                throw ExitCode(2)
            }
            let agencyIDs = agency.compactMap(UUID.init(uuidString:))
            let draft = UserService.Draft(username: username, fullName: fullName, role: role, password: password,
                                          bknOfficeID: bknOffice.flatMap(UUID.init(uuidString:)), agencyIDs: agencyIDs)
            let (login, tenantCode) = (op.login, tenant)
            let user = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                if let tenantID = try await UserCommand.tenantID(tenantCode, s, actor) {
                    return try await s.users.createTenantUser(actor: actor, tenantID: tenantID, draft)
                }
                return try await s.users.createPlatformUser(actor: actor, draft)
            }
            print("Pengguna dibuat: \(user.username) (\(user.role.rawValue))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar pengguna.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code; omit for platform users.") var tenant: String?
        @Option var limit = 50
        @Option var offset = 0
        @Flag var json = false

        func run() async throws {
            let (login, tenantCode, limit, offset) = (op.login, tenant, limit, offset)
            let page = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID = try await UserCommand.tenantID(tenantCode, s, actor)
                return try await s.users.list(actor: actor, tenantID: tenantID, role: nil,
                                              page: try PageRequest(limit: limit, offset: offset))
            }
            if json { return try CLI.json(page) }
            CLI.table(["USERNAME", "NAMA", "PERAN", "AKTIF"], page.items.map {
                [$0.username, $0.fullName, $0.role.rawValue, $0.active ? "ya" : "tidak"]
            })
            print("\(page.items.count) dari \(page.total) pengguna")
        }
    }
}

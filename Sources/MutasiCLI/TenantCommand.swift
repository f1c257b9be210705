import ArgumentParser
import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `mutasi tenant create|list`: regional governments.
struct TenantCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tenant", abstract: "Kelola tenant (pemerintah daerah).", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Buat tenant baru.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Short handle, e.g. kota-kupang.") var code: String
        @Option(help: "Full name, e.g. Pemerintah Kota Kupang.") var name: String
        @Option(help: "province, regency or city.") var kind: String
        @Option(help: "Kemendagri region code, e.g. 53.71.") var regionCode: String
        @Option(help: "Code of the overseeing BKN office (platform admins only).") var bknOffice: String?

        func run() async throws {
            guard let kind = Tenant.Kind(rawValue: kind) else {
                CLI.printError("galat: --kind must be province, regency or city [tenant.invalid_kind]")
                throw ExitCode(2)
            }
            let (login, code, name, region, officeCode) = (op.login, code, name, regionCode, bknOffice)
            let tenant = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                var officeID: UUID?
                if let officeCode {
                    let offices = try await s.offices.list(actor: actor, page: try PageRequest(limit: 200))
                    guard let office = offices.items.first(where: { $0.code == officeCode }) else {
                        throw DomainError.invalid("bkn_office.not_found", "No BKN office has code \(officeCode).", field: "bkn-office")
                    }
                    officeID = office.id
                }
                return try await s.tenants.create(actor: actor, .init(code: code, name: name, kind: kind,
                                                                      regionCode: region, bknOfficeID: officeID))
            }
            print("Tenant dibuat: \(tenant.code) (\(tenant.id.uuidString.lowercased()))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar tenant.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Rows per page (1-200).") var limit = 50
        @Option(help: "Rows to skip.") var offset = 0
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let (login, limit, offset) = (op.login, limit, offset)
            let page = try await CLI.withServices { s in
                try await s.tenants.list(actor: try await s.operators.principal(login: login),
                                         page: try PageRequest(limit: limit, offset: offset))
            }
            if json { return try CLI.json(page) }
            CLI.table(["KODE", "NAMA", "JENIS", "KODE WILAYAH", "AKTIF"], page.items.map {
                [$0.code, $0.name, $0.kind.rawValue, $0.regionCode, $0.active ? "ya" : "tidak"]
            })
            print("\(page.items.count) dari \(page.total) tenant")
        }
    }
}

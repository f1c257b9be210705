import ArgumentParser
import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `mutasi bkn-office create|list|set-area`: BKN regional offices and the provinces they cover.
struct BknOfficeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bkn-office", abstract: "Kelola kantor regional BKN dan wilayah kerjanya.",
        subcommands: [Create.self, List.self, SetArea.self])

    /// `51,52,53` -> ["51", "52", "53"]; the service checks each code.
    static func provinces(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Buat kantor regional BKN baru.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Short handle, e.g. kanreg-x.") var code: String
        @Option(help: "Full name, e.g. Kantor Regional X BKN Denpasar.") var name: String
        @Option(help: "Province codes of its area, comma-separated, e.g. 51,52,53.") var provinces: String

        func run() async throws {
            let (login, code, name, provinces) = (op.login, code, name, BknOfficeCommand.provinces(provinces))
            let office = try await CLI.withServices { s in
                try await s.offices.create(actor: try await s.operators.principal(login: login), code: code, name: name,
                                           provinceCodes: provinces)
            }
            print("Kantor regional dibuat: \(office.code), wilayah \(office.provinceCodes.joined(separator: ", "))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar kantor regional BKN.")
        @OptionGroup var op: OperatorOptions
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let login = op.login
            let page = try await CLI.withServices { s in
                try await s.offices.list(actor: try await s.operators.principal(login: login), page: try PageRequest(limit: 200))
            }
            if json { return try CLI.json(page) }
            CLI.table(["KODE", "NAMA", "PROVINSI"], page.items.map { [$0.code, $0.name, $0.provinceCodes.joined(separator: ",")] })
        }
    }

    struct SetArea: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set-area", abstract: "Ubah wilayah kerja kantor regional BKN.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Code of the office, e.g. kanreg-x.") var code: String
        @Option(help: "Province codes of its area, comma-separated, e.g. 51,52,53.") var provinces: String

        func run() async throws {
            let (login, code, provinces) = (op.login, code, BknOfficeCommand.provinces(provinces))
            let office = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let offices = try await s.offices.list(actor: actor, page: try PageRequest(limit: 200))
                guard let office = offices.items.first(where: { $0.code == code }) else {
                    throw DomainError.invalid("bkn_office.not_found", "No BKN office has code \(code).", field: "code")
                }
                return try await s.offices.update(actor: actor, id: office.id, BknOfficeChanges(provinceCodes: provinces),
                                                  expectedVersion: office.version)
            }
            print("Wilayah \(office.code): \(office.provinceCodes.joined(separator: ", "))")
        }
    }
}

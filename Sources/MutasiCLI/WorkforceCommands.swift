import ArgumentParser
import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// Options of every command that acts in one tenant.
struct TenantOptions: ParsableArguments {
    @OptionGroup var op: OperatorOptions
    @Option(help: "Tenant code, e.g. provinsi-sabangau.") var tenant: String
}

/// Resolves the tenant code and the operator, then runs `body` with the services.
func inTenant<T: Sendable>(_ options: TenantOptions,
                           _ body: @Sendable (Services, Principal, UUID) async throws -> T) async throws -> T {
    let (login, code) = (options.op.login, options.tenant)
    return try await CLI.withServices { s in
        let actor = try await s.operators.principal(login: login)
        let tenantID: UUID = try await UserCommand.tenantID(code, s, actor)
        return try await body(s, actor, tenantID)
    }
}

/// Options of every list command.
struct ListOptions: ParsableArguments {
    @Option(help: "Rows per page (1-200).") var limit = 50
    @Option(help: "Rows to skip.") var offset = 0
    @Flag(help: "Print JSON instead of a table.") var json = false

    func page() throws -> PageRequest { try PageRequest(limit: limit, offset: offset) }
}

func parseID(_ text: String, _ name: String) throws -> UUID {
    guard let id = UUID(uuidString: text) else {
        throw ValidationError("\(name) must be a UUID.")
    }
    return id
}

/// `mutasi unit list|show|create`: work units (unit kerja).
struct UnitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit", abstract: "Unit kerja.", subcommands: [List.self, Show.self, Create.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar unit kerja.")
        @OptionGroup var tenant: TenantOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Code or name contains this text.") var search: String?

        func run() async throws {
            let (page, search) = (try list.page(), search)
            let result = try await inTenant(tenant) { s, actor, tenantID in
                try await s.units.list(actor: actor, tenantID: tenantID, filter: WorkUnitFilter(search: search), page: page)
            }
            if list.json { return try CLI.json(result) }
            CLI.table(["KODE", "NAMA", "KODE WILAYAH"], result.items.map { [$0.code, $0.name, $0.regionCode] })
            print("\(result.items.count) dari \(result.total) unit")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Rincian satu unit kerja.")
        @OptionGroup var tenant: TenantOptions
        @Argument(help: "Unit id.") var id: String

        func run() async throws {
            let id = try parseID(id, "id")
            try CLI.json(try await inTenant(tenant) { s, actor, tenantID in try await s.units.get(actor: actor, tenantID: tenantID, id: id) })
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Buat unit kerja.")
        @OptionGroup var tenant: TenantOptions
        @Option(help: "Agency code, e.g. dinas-pendidikan.") var agency: String
        @Option var code: String
        @Option var name: String
        @Option(help: "Kemendagri region code, e.g. 62.71.01.") var regionCode: String

        func run() async throws {
            let (agencyCode, code, name, region) = (agency, code, name, regionCode)
            let unit = try await inTenant(tenant) { s, actor, tenantID in
                let agencies = try await s.agencies.list(actor: actor, tenantID: tenantID, page: try PageRequest(limit: 200))
                guard let agency = agencies.items.first(where: { $0.code == agencyCode }) else {
                    throw DomainError.invalid("agency.not_found", "No agency has code \(agencyCode).", field: "agency")
                }
                return try await s.units.create(actor: actor, tenantID: tenantID,
                                                .init(agencyID: agency.id, code: code, name: name, regionCode: region))
            }
            print("Unit dibuat: \(unit.code) (\(unit.id.uuidString.lowercased()))")
        }
    }
}

/// `mutasi slot list|show`: slots (a position in a unit).
struct SlotCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "slot", abstract: "Formasi jabatan.", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar formasi jabatan.")
        @OptionGroup var tenant: TenantOptions
        @OptionGroup var list: ListOptions
        @Option(help: "Unit id.") var unit: String?
        @Option(help: "Code or name contains this text.") var search: String?

        func run() async throws {
            let filter = SlotFilter(unitID: try unit.map { try parseID($0, "--unit") }, search: search)
            let page = try list.page()
            let result = try await inTenant(tenant) { s, actor, tenantID in
                try await s.slots.list(actor: actor, tenantID: tenantID, filter: filter, page: page)
            }
            if list.json { return try CLI.json(result) }
            CLI.table(["KODE", "NAMA JABATAN", "JENIS", "GOLONGAN", "KEBUTUHAN"], result.items.map {
                [$0.code, $0.name, $0.kind.indonesianName,
                 "\(Grade(rawValue: $0.grades.min)!.label)-\(Grade(rawValue: $0.grades.max)!.label)", String($0.need)]
            })
            print("\(result.items.count) dari \(result.total) formasi")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Rincian satu formasi jabatan.")
        @OptionGroup var tenant: TenantOptions
        @Argument(help: "Slot id.") var id: String

        func run() async throws {
            let id = try parseID(id, "id")
            try CLI.json(try await inTenant(tenant) { s, actor, tenantID in try await s.slots.get(actor: actor, tenantID: tenantID, id: id) })
        }
    }
}

/// `mutasi employee list|show`: employees (ASN).
struct EmployeeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "employee", abstract: "Pegawai (ASN).", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar pegawai.")
        @OptionGroup var tenant: TenantOptions
        @OptionGroup var list: ListOptions
        @Option(help: "NIP starts with these digits.") var nip: String?
        @Option(help: "Name contains this text.") var name: String?
        @Option(help: "Unit id.") var unit: String?

        func run() async throws {
            let filter = EmployeeFilter(unitID: try unit.map { try parseID($0, "--unit") }, nip: nip, name: name)
            let page = try list.page()
            let result = try await inTenant(tenant) { s, actor, tenantID in
                try await s.employees.list(actor: actor, tenantID: tenantID, filter: filter, page: page)
            }
            if list.json { return try CLI.json(result) }
            CLI.table(["NIP", "NAMA", "JENIS", "GOL", "PENDIDIKAN", "TMT JABATAN", "PENSIUN", "SKP", "DIKUNCI"], result.items.map {
                [$0.nip, $0.name, $0.kind.rawValue, $0.gradeLabel,
                 [$0.educationLevel?.rawValue, $0.educationField].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "),
                 $0.slotSince?.iso ?? "-", $0.retirementDate?.iso ?? "-", $0.performance.last?.predicate.label ?? "-",
                 $0.locked ? "ya" : "tidak"]
            })
            print("\(result.items.count) dari \(result.total) pegawai")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Rincian satu pegawai (id atau NIP).")
        @OptionGroup var tenant: TenantOptions
        @Argument(help: "Employee id or NIP.") var key: String

        func run() async throws {
            let key = key
            let employee = try await inTenant(tenant) { s, actor, tenantID -> Employee in
                if let id = UUID(uuidString: key) { return try await s.employees.get(actor: actor, tenantID: tenantID, id: id) }
                let page = try await s.employees.list(actor: actor, tenantID: tenantID, filter: EmployeeFilter(nip: key),
                                                      page: try PageRequest(limit: 2))
                guard page.items.count == 1, let employee = page.items.first, employee.nip == key.filter({ $0 != " " }) else {
                    throw DomainError.notFound("employee.not_found", "No employee has NIP \(key).")
                }
                return employee
            }
            try CLI.json(employee)
        }
    }
}

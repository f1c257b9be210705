import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi decree`: transfer decrees (surat keputusan) of approved plans and the tenant's
/// decree settings.
struct DecreeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decree", abstract: "Surat keputusan pemindahan: terbitkan, lihat, tandatangani, batalkan, cetak PDF.",
        subcommands: [Issue.self, List.self, Show.self, Sign.self, Cancel.self, PDF.self, Settings.self])

    static let statusNames: [Decree.Status: String] = [.issued: "terbit", .signed: "ditandatangani", .cancelled: "dibatalkan"]

    static func id(_ text: String, _ what: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            CLI.printError("galat: \(what) harus UUID [request.invalid_value]")
            throw ExitCode(2)
        }
        return id
    }

    static func date(_ text: String, _ option: String) throws -> CalendarDate {
        do { return try CalendarDate(iso: text, field: option) } catch { throw CLI.fail(error) }
    }

    static func printTable(_ decrees: [Decree]) {
        CLI.table(["ID", "NOMOR", "STATUS", "TMT", "PEGAWAI", "SHA-256"], decrees.map {
            [$0.id.uuidString.lowercased(), $0.number, statusNames[$0.status] ?? $0.status.rawValue, $0.effectiveDate.iso,
             "\($0.rowCount)", $0.sha256]
        })
    }

    struct Issue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "issue", abstract: "Terbitkan SK untuk rencana yang disetujui.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Option(help: "Plan id.") var plan: String
        @Option(help: "Effective date (TMT), YYYY-MM-DD.") var effectiveDate: String

        func run() async throws {
            let (planID, tmt) = (try DecreeCommand.id(plan, "--plan"), try DecreeCommand.date(effectiveDate, "--effective-date"))
            let (login, tenantCode) = (op.login, tenant)
            let issued = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let current = try await s.plans.get(actor: actor, tenantID: tenantID, id: planID)
                return try await s.decrees.issue(actor: actor, tenantID: tenantID, planID: planID, effectiveDate: tmt,
                                                 expectedVersion: current.plan.version)
            }
            print("SK diterbitkan: \(issued.decrees.count); rencana kini \(issued.plan.status.rawValue), TMT \(tmt.iso).")
            DecreeCommand.printTable(issued.decrees)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar SK tenant (atau satu rencana).")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Option(help: "Only this plan's decrees.") var plan: String?
        @Flag var json = false

        func run() async throws {
            let planID = try plan.map { try DecreeCommand.id($0, "--plan") }
            let (login, tenantCode) = (op.login, tenant)
            let decrees = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                return try await s.decrees.list(actor: actor, tenantID: tenantID, planID: planID)
            }
            if json { return try CLI.json(decrees) }
            DecreeCommand.printTable(decrees)
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Tampilkan satu SK dengan lampirannya.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Decree id.") var decree: String
        @Flag var json = false

        func run() async throws {
            let id = try DecreeCommand.id(decree, "decree id")
            let (login, tenantCode) = (op.login, tenant)
            let d = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                return try await s.decrees.get(actor: actor, tenantID: tenantID, id: id)
            }
            if json { return try CLI.json(d) }
            print("Nomor: \(d.number)")
            print("Status: \(DecreeCommand.statusNames[d.status] ?? d.status.rawValue)\(d.signedOn.map { " (\(IndonesianDate.long($0)))" } ?? "")")
            print("TMT: \(IndonesianDate.long(d.effectiveDate))")
            print("SHA-256: \(d.sha256)")
            if let reason = d.cancelReason { print("Alasan pembatalan: \(reason)") }
            CLI.table(["NO", "NAMA", "NIP", "PANGKAT/GOL", "JABATAN LAMA", "JABATAN BARU"], (d.content?.rows ?? []).map {
                ["\($0.no)", $0.name, $0.nip, $0.rank, "\($0.fromPosition), \($0.fromUnit)", "\($0.toPosition), \($0.toUnit)"]
            })
        }
    }

    struct Sign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign", abstract: "Tandai SK sudah ditandatangani (pejabat penyetuju).")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Decree id.") var decree: String
        @Option(help: "Date of signing, YYYY-MM-DD.") var signedOn: String

        func run() async throws {
            let (id, date) = (try DecreeCommand.id(decree, "decree id"), try DecreeCommand.date(signedOn, "--signed-on"))
            let (login, tenantCode) = (op.login, tenant)
            let d = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let current = try await s.decrees.get(actor: actor, tenantID: tenantID, id: id)
                return try await s.decrees.sign(actor: actor, tenantID: tenantID, id: id, signedOn: date, expectedVersion: current.version)
            }
            print("SK \(d.number) ditandatangani pada \(IndonesianDate.long(date)); SHA-256 \(d.sha256)")
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cancel", abstract: "Batalkan SK (nomornya tetap tercatat).")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Decree id.") var decree: String
        @Option(help: "Reason (10-1000 characters).") var reason: String

        func run() async throws {
            let id = try DecreeCommand.id(decree, "decree id")
            let (login, tenantCode, reason) = (op.login, tenant, reason)
            let d = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let current = try await s.decrees.get(actor: actor, tenantID: tenantID, id: id)
                return try await s.decrees.cancel(actor: actor, tenantID: tenantID, id: id, reason: reason, expectedVersion: current.version)
            }
            print("SK \(d.number) dibatalkan.")
        }
    }

    struct PDF: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pdf", abstract: "Cetak SK (atau petikan satu pegawai) ke berkas PDF.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Decree id.") var decree: String
        @Option(help: "Print this employee's extract (petikan) instead.") var employee: String?
        @Option(name: .shortAndLong, help: "File to write.") var output: String

        func run() async throws {
            let id = try DecreeCommand.id(decree, "decree id")
            let employeeID = try employee.map { try DecreeCommand.id($0, "--employee") }
            let (login, tenantCode) = (op.login, tenant)
            let data = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                if let employeeID { return try await s.decrees.extractPDF(actor: actor, tenantID: tenantID, id: id, employeeID: employeeID) }
                return try await s.decrees.pdf(actor: actor, tenantID: tenantID, id: id)
            }
            do { try data.write(to: URL(fileURLWithPath: output)) } catch { throw CLI.fail(error) }
            print("PDF ditulis: \(output) (\(data.count) bita)")
        }
    }

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings", abstract: "Lihat atau ubah pengaturan SK tenant (ubah: admin tenant).")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Option(name: .customLong("set"), help: "field=value (repeatable); lists separate items with |, e.g. copies=A|B.")
        var changes: [String] = []
        @Flag var json = false

        static let lists: Set<String> = ["considerations", "legalBases", "copies"]

        func run() async throws {
            var body: [String: Any] = [:]
            for pair in changes {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty else {
                    CLI.printError("galat: --set takes field=value, e.g. perAgency=true [request.invalid_value]")
                    throw ExitCode(2)
                }
                if parts[0] == "perAgency" { body[parts[0]] = parts[1] == "true" }
                else if Self.lists.contains(parts[0]) {
                    body[parts[0]] = parts[1].isEmpty ? [] : parts[1].split(separator: "|").map(String.init)
                } else { body[parts[0]] = parts[1] }
            }
            let decoded: DecreeSettings.Changes
            do {
                decoded = try JSONDecoder().decode(DecreeSettings.Changes.self, from: try JSONSerialization.data(withJSONObject: body))
            } catch { throw CLI.fail(error) }
            let (login, tenantCode, change) = (op.login, tenant, !changes.isEmpty)
            let settings = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let current = try await s.decreeSettings.get(actor: actor, tenantID: tenantID)
                guard change else { return current }
                return try await s.decreeSettings.update(actor: actor, tenantID: tenantID, decoded, expectedVersion: current.version)
            }
            if json { return try CLI.json(settings) }
            CLI.table(["PENGATURAN", "NILAI"], [
                ["numberPattern", settings.numberPattern], ["perAgency", "\(settings.perAgency)"], ["regionHead", settings.regionHead],
                ["placeOfSigning", settings.placeOfSigning], ["signatoryName", settings.signatoryName],
                ["signatoryTitle", settings.signatoryTitle], ["signatoryNIP", settings.signatoryNIP],
                ["considerations", "\(settings.considerations.count) butir"], ["legalBases", "\(settings.legalBases.count) butir"],
                ["copies", "\(settings.copies.count) butir"], ["Versi", "\(settings.version)"],
            ])
        }
    }
}

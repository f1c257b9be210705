import ArgumentParser
import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices

/// `mutasi needs ...`: needs analyses (ANJAB-ABK) and the tenant's ABK settings.
struct NeedsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "needs", abstract: "Analisis kebutuhan pegawai (ANJAB-ABK).",
        subcommands: [List.self, Show.self, Create.self, Submit.self, Approve.self, Return.self, Settings.self])

    struct Target: ParsableArguments {
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
    }

    /// Runs `body` as the operator inside the tenant named by `--tenant`.
    static func run<T: Sendable>(_ target: Target,
                                 _ body: @escaping @Sendable (Services, Principal, UUID) async throws -> T) async throws -> T {
        let (login, code) = (target.op.login, target.tenant)
        return try await CLI.withServices { s in
            let actor = try await s.operators.principal(login: login)
            let tenantID: UUID = try await UserCommand.tenantID(code, s, actor)
            return try await body(s, actor, tenantID)
        }
    }

    static func parseID(_ text: String, _ name: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            CLI.printError("galat: \(name) must be an id (UUID) [query.not_uuid]")
            throw ExitCode(2)
        }
        return id
    }

    static let stateNames: [NeedsAnalysis.State: String] = [
        .draft: "draf", .submitted: "diajukan", .approved: "disetujui", .returned: "dikembalikan",
    ]

    static func printTable(_ items: [NeedsAnalysisView]) {
        CLI.table(["ID", "TAHUN", "INSTANSI", "UNIT", "JABATAN", "STATUS", "BEBAN (MENIT)", "KEBUTUHAN", "PEGAWAI", "EJ", "NILAI", "SELISIH"],
                  items.map { v in
            [v.id.uuidString.lowercased(), String(v.year), v.slot.agencyCode, v.slot.unitCode, v.slot.slotCode,
             stateNames[v.state] ?? v.state.rawValue, v.figures.totalWorkloadMinutes?.decimal ?? "-",
             "\(v.figures.exactHeadcount.decimal) -> \(v.figures.requiredHeadcount)", String(v.figures.currentStaff),
             v.figures.efficiency?.decimal ?? "-", v.figures.efficiencyGrade?.rawValue ?? "-", String(v.figures.gap)]
        })
    }

    static func printDetail(_ v: NeedsAnalysisView, history: [NeedsAnalysisEvent]) {
        print("Analisis \(v.id.uuidString.lowercased()) (versi \(v.version))")
        print("Jabatan: \(v.slot.slotName) [\(v.slot.slotCode)] di \(v.slot.unitName) [\(v.slot.unitCode)], instansi \(v.slot.agencyCode)")
        print("Tahun: \(v.year)  Status: \(stateNames[v.state] ?? v.state.rawValue)" + (v.notes.map { "  Catatan: \($0)" } ?? ""))
        if let tasks = v.tasks {
            print("")
            CLI.table(["URAIAN TUGAS", "VOLUME/TAHUN", "NORMA WAKTU (MENIT)", "BEBAN (MENIT)"],
                      tasks.map { [$0.name, $0.volume, $0.standardMinutes, $0.workloadMinutes] })
        }
        if let ratio = v.ratio {
            print("Rasio: \(ratio.population) \(ratio.driver), \(ratio.perPerson) per pegawai")
        }
        let f = v.figures
        print("")
        if let total = f.totalWorkloadMinutes { print("Total beban kerja: \(total.decimal) menit; waktu kerja efektif \(f.effectiveWorkingMinutes) menit") }
        print("Kebutuhan: \(f.exactHeadcount.decimal) -> \(f.requiredHeadcount) orang (pembulatan \(f.rounding.rawValue))")
        print("Pegawai saat ini: \(f.currentStaff); selisih \(f.gap)")
        print("EJ: \(f.efficiency?.decimal ?? "-") nilai \(f.efficiencyGrade?.rawValue ?? "-")")
        guard !history.isEmpty else { return }
        print("")
        CLI.table(["NO", "LANGKAH", "KE STATUS", "OLEH", "WAKTU", "CATATAN"], history.map { e in
            [String(e.seq), e.action.rawValue, stateNames[e.toState] ?? e.toState.rawValue, e.actorName,
             ISO8601DateFormatter().string(from: e.occurredAt), e.notes ?? ""]
        })
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar analisis kebutuhan.")
        @OptionGroup var target: Target
        @Option(help: "Only this year.") var year: Int?
        @Option(help: "Only this state: draft, submitted, approved, returned.") var state: String?
        @Option(help: "Rows per page (1-200).") var limit = 50
        @Option(help: "Rows to skip.") var offset = 0
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            var state: NeedsAnalysis.State?
            if let text = self.state {
                guard let parsed = NeedsAnalysis.State(rawValue: text) else {
                    CLI.printError("galat: --state must be draft, submitted, approved or returned [query.invalid_choice]")
                    throw ExitCode(2)
                }
                state = parsed
            }
            let (year, chosen, limit, offset) = (year, state, limit, offset)
            let page = try await NeedsCommand.run(target) { s, actor, tenantID in
                try await s.needs.list(actor: actor, tenantID: tenantID, filter: NeedsAnalysisFilter(year: year, state: chosen),
                                       page: try PageRequest(limit: limit, offset: offset))
            }
            if json { return try CLI.json(page) }
            NeedsCommand.printTable(page.items)
            print("\(page.items.count) dari \(page.total) analisis")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Rincian satu analisis dan riwayatnya.")
        @OptionGroup var target: Target
        @Argument(help: "Analysis id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let id = try NeedsCommand.parseID(id, "id")
            let (view, history) = try await NeedsCommand.run(target) { s, actor, tenantID in
                (try await s.needs.get(actor: actor, tenantID: tenantID, id: id),
                 try await s.needs.history(actor: actor, tenantID: tenantID, id: id, page: try PageRequest(limit: 200)).items)
            }
            if json { return try CLI.json(view) }
            NeedsCommand.printDetail(view, history: history)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Buat draf analisis sebuah jabatan (slot) untuk satu tahun.",
            discussion: "Tasks: repeat --task \"name;volume;minutes\" (decimals with a dot), or --tasks-file with a JSON list "
                + "of {\"name\", \"volume\", \"standardMinutes\"}. Ratio: --ratio-driver, --population and --per-person.")
        @OptionGroup var target: Target
        @Option(help: "Slot id.") var slot: String
        @Option(help: "Year of the analysis.") var year: Int
        @Option(help: "A task as name;volume;standard minutes (repeatable).") var task: [String] = []
        @Option(help: "JSON file with the tasks.") var tasksFile: String?
        @Option(help: "What the ratio counts, e.g. \"murid per guru\".") var ratioDriver: String?
        @Option(help: "The driving population, e.g. 250 pupils.") var population: Int?
        @Option(help: "Population served by one person, e.g. 20.") var perPerson: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func tasks() throws -> [NeedsAnalysisService.TaskInput]? {
            if let tasksFile {
                let data = try Data(contentsOf: URL(fileURLWithPath: tasksFile))
                return try JSONDecoder().decode([NeedsAnalysisService.TaskInput].self, from: data)
            }
            guard !task.isEmpty else { return nil }
            return try task.enumerated().map { i, text in
                let parts = text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 3 else {
                    throw DomainError.invalid("needs.invalid_task", "--task is name;volume;minutes; got '\(text)'.", field: "tasks[\(i)]")
                }
                return .init(name: parts[0], volume: DecimalInput(parts[1]), standardMinutes: DecimalInput(parts[2]))
            }
        }

        func run() async throws {
            let slotID = try NeedsCommand.parseID(slot, "--slot")
            var ratio: NeedsAnalysisService.RatioInput?
            if ratioDriver != nil || population != nil || perPerson != nil {
                guard let ratioDriver, let population, let perPerson else {
                    CLI.printError("galat: a ratio needs --ratio-driver, --population and --per-person [needs.basis_required]")
                    throw ExitCode(2)
                }
                ratio = .init(driver: ratioDriver, population: population, perPerson: DecimalInput(perPerson))
            }
            let draft = NeedsAnalysisService.Draft(slotID: slotID, year: year, tasks: try tasks(), ratio: ratio)
            let view = try await NeedsCommand.run(target) { s, actor, tenantID in
                try await s.needs.create(actor: actor, tenantID: tenantID, draft)
            }
            if json { return try CLI.json(view) }
            NeedsCommand.printDetail(view, history: [])
        }
    }

    /// A workflow step: reads the analysis's current version unless `--expected-version` is given.
    struct Step: ParsableArguments {
        @OptionGroup var target: Target
        @Argument(help: "Analysis id.") var id: String
        @Option(help: "The version read before (default: the current one).") var expectedVersion: Int?
        @Option(help: "Idempotency key: running the same step again with it does nothing more.") var idempotencyKey: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run(_ perform: @escaping @Sendable (Services, Principal, UUID, UUID, Int, String?) async throws -> NeedsAnalysisView) async throws {
            let id = try NeedsCommand.parseID(id, "id")
            let (expected, key) = (expectedVersion, idempotencyKey)
            let view = try await NeedsCommand.run(target) { s, actor, tenantID in
                var version = expected
                if version == nil { version = try await s.needs.get(actor: actor, tenantID: tenantID, id: id).version }
                return try await perform(s, actor, tenantID, id, version!, key)
            }
            if json { return try CLI.json(view) }
            print("Analisis \(view.id.uuidString.lowercased()): \(NeedsCommand.stateNames[view.state] ?? view.state.rawValue) "
                  + "(versi \(view.version)); kebutuhan \(view.figures.requiredHeadcount), kebutuhan jabatan kini \(view.slot.need)")
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "submit", abstract: "Ajukan analisis untuk verifikasi.")
        @OptionGroup var step: Step
        func run() async throws {
            try await step.run { s, actor, tenantID, id, version, key in
                try await s.needs.submit(actor: actor, tenantID: tenantID, id: id, expectedVersion: version, idempotencyKey: key)
            }
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Setujui analisis (admin tenant); kebutuhannya menjadi kebutuhan jabatan.")
        @OptionGroup var step: Step
        @Option(help: "Remarks.") var notes: String?
        func run() async throws {
            let notes = notes
            try await step.run { s, actor, tenantID, id, version, key in
                try await s.needs.approve(actor: actor, tenantID: tenantID, id: id, expectedVersion: version, notes: notes,
                                          idempotencyKey: key)
            }
        }
    }

    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "return", abstract: "Kembalikan analisis dengan catatan (admin tenant).")
        @OptionGroup var step: Step
        @Option(help: "What to change.") var notes: String
        func run() async throws {
            let notes = notes
            try await step.run { s, actor, tenantID, id, version, key in
                try await s.needs.returnForRevision(actor: actor, tenantID: tenantID, id: id, expectedVersion: version,
                                                    notes: notes, idempotencyKey: key)
            }
        }
    }

    struct Settings: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settings", abstract: "Lihat atau ubah pengaturan ABK tenant (ubah: admin tenant).")
        @OptionGroup var target: Target
        @Option(help: "Effective working minutes a year (default 75000).") var effectiveMinutes: Int?
        @Option(help: "up, nearest or down.") var rounding: String?
        @Option(help: "Lower bounds of grades A,B,C,D, e.g. 1.00,0.90,0.70,0.50; prefix '>' for 'more than'.") var thresholds: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            var form: ThresholdsForm?
            if let thresholds {
                let parts = thresholds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 4 else {
                    CLI.printError("galat: --thresholds takes four bounds A,B,C,D [efficiency_thresholds.invalid]")
                    throw ExitCode(2)
                }
                let bounds = parts.map { part in
                    ThresholdsForm.BoundForm(min: DecimalInput(part.hasPrefix(">") ? String(part.dropFirst()) : part),
                                             inclusive: !part.hasPrefix(">"))
                }
                form = ThresholdsForm(a: bounds[0], b: bounds[1], c: bounds[2], d: bounds[3])
            }
            let changes = NeedsSettingsService.Changes(effectiveWorkingMinutes: effectiveMinutes, rounding: rounding,
                                                       efficiencyThresholds: form)
            let change = effectiveMinutes != nil || rounding != nil || form != nil
            let settings = try await NeedsCommand.run(target) { s, actor, tenantID in
                guard change else { return try await s.needsSettings.get(actor: actor, tenantID: tenantID) }
                let current = try await s.needsSettings.get(actor: actor, tenantID: tenantID)
                return try await s.needsSettings.update(actor: actor, tenantID: tenantID, changes, expectedVersion: current.version)
            }
            if json { return try CLI.json(settings) }
            let t = ThresholdsForm(settings.thresholds)
            func bound(_ b: ThresholdsForm.BoundForm) -> String { (b.inclusive == false ? "> " : ">= ") + b.min.text }
            CLI.table(["PENGATURAN", "NILAI"], [
                ["Waktu kerja efektif (menit/tahun)", String(settings.effectiveTime.minutes)],
                ["Pembulatan", settings.rounding.rawValue],
                ["Nilai A", bound(t.a)], ["Nilai B", bound(t.b)], ["Nilai C", bound(t.c)], ["Nilai D", bound(t.d)],
                ["Versi", String(settings.version)],
            ])
        }
    }
}

import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi campaign ...`: preference campaigns (kampanye preferensi) and the export of their forms.
struct CampaignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "Kampanye preferensi pegawai dan formulirnya.",
        subcommands: [List.self, Show.self, Create.self, Open.self, Close.self, Export.self, Contests.self, DecideContest.self])

    static let stateNames: [Campaign.State: String] = [.draft: "draf", .open: "dibuka", .closed: "ditutup"]

    /// A time given as ISO 8601 (`2026-12-01T08:00:00+08:00`) or a date (`2026-12-01`, 00:00 UTC).
    static func parseTime(_ text: String, _ name: String) throws -> Date {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return date }
        CLI.printError("galat: \(name) must be a date (2026-12-01) or an ISO 8601 time [request.invalid_value]")
        throw ExitCode(2)
    }

    static func time(_ date: Date?) -> String {
        date.map { ISO8601DateFormatter().string(from: $0) } ?? "-"
    }

    static func printTable(_ items: [Campaign]) {
        CLI.table(["ID", "NAMA", "STATUS", "DIBUKA", "DITUTUP", "INSTANSI", "VERSI"], items.map { c in
            [c.id.uuidString.lowercased(), c.name, stateNames[c.state] ?? c.state.rawValue, time(c.opensAt), time(c.closesAt),
             c.coversWholeTenant ? "semua" : String(c.agencyIDs.count), String(c.version)]
        })
    }

    static func printDetail(_ c: Campaign) {
        print("Kampanye \(c.id.uuidString.lowercased()) (versi \(c.version)): \(c.name)")
        print("Status: \(stateNames[c.state] ?? c.state.rawValue)")
        print("Masa pengisian: \(time(c.opensAt)) s.d. \(time(c.closesAt))")
        print("Batas jawaban usulan mutasi: \(time(c.answerDeadline))")
        print("Instansi: " + (c.coversWholeTenant ? "seluruh tenant" : c.agencyIDs.map { $0.uuidString.lowercased() }.joined(separator: ", ")))
        let r = c.pointRules
        print("Aturan poin: \(r.perYearInPost) per tahun pada jabatan (paling lama \(r.yearsInPostCap) tahun), "
              + "penyatuan keluarga \(r.familyReunion), kesehatan \(r.health), daerah terpencil \(r.remoteService)")
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar kampanye preferensi.")
        @OptionGroup var target: NeedsCommand.Target
        @Option(help: "Only this state: draft, open, closed.") var state: String?
        @Option(help: "Rows per page (1-200).") var limit = 50
        @Option(help: "Rows to skip.") var offset = 0
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            var chosen: Campaign.State?
            if let text = state {
                guard let parsed = Campaign.State(rawValue: text) else {
                    CLI.printError("galat: --state must be draft, open or closed [query.invalid_choice]")
                    throw ExitCode(2)
                }
                chosen = parsed
            }
            let (state, limit, offset) = (chosen, limit, offset)
            let page = try await NeedsCommand.run(target) { s, actor, tenantID in
                try await s.campaigns.list(actor: actor, tenantID: tenantID, state: state,
                                           page: try PageRequest(limit: limit, offset: offset))
            }
            if json { return try CLI.json(page) }
            CampaignCommand.printTable(page.items)
            print("\(page.items.count) dari \(page.total) kampanye")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Rincian satu kampanye.")
        @OptionGroup var target: NeedsCommand.Target
        @Argument(help: "Campaign id.") var id: String
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let id = try NeedsCommand.parseID(id, "id")
            let campaign = try await NeedsCommand.run(target) { s, actor, tenantID in
                try await s.campaigns.get(actor: actor, tenantID: tenantID, id: id)
            }
            if json { return try CLI.json(campaign) }
            CampaignCommand.printDetail(campaign)
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Buat draf kampanye preferensi (admin tenant).",
            discussion: "Times: ISO 8601 (2026-12-01T08:00:00+08:00) or a date (2026-12-01, 00:00 UTC). "
                + "Without --agency the campaign covers the whole tenant.")
        @OptionGroup var target: NeedsCommand.Target
        @Option(help: "Name of the campaign.") var name: String
        @Option(help: "When forms may be filed from.") var opensAt: String
        @Option(help: "When filing ends.") var closesAt: String
        @Option(help: "Deadline for answers to proposed moves.") var answerDeadline: String?
        @Option(help: "Agency id covered (repeatable); none: the whole tenant.") var agency: [String] = []
        @OptionGroup var points: PointRuleOptions
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let rules = try points.rules()
            let draft = CampaignService.Draft(
                name: name, opensAt: try CampaignCommand.parseTime(opensAt, "--opens-at"),
                closesAt: try CampaignCommand.parseTime(closesAt, "--closes-at"),
                answerDeadline: try answerDeadline.map { try CampaignCommand.parseTime($0, "--answer-deadline") },
                agencyIDs: try agency.map { try NeedsCommand.parseID($0, "--agency") }, pointRules: rules)
            let campaign = try await NeedsCommand.run(target) { s, actor, tenantID in
                try await s.campaigns.create(actor: actor, tenantID: tenantID, draft)
            }
            if json { return try CLI.json(campaign) }
            CampaignCommand.printDetail(campaign)
        }
    }

    /// A state step: reads the campaign's current version unless `--expected-version` is given.
    struct Step: ParsableArguments {
        @OptionGroup var target: NeedsCommand.Target
        @Argument(help: "Campaign id.") var id: String
        @Option(help: "The version read before (default: the current one).") var expectedVersion: Int?
        @Option(help: "Idempotency key: running the same step again with it does nothing more.") var idempotencyKey: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run(_ perform: @escaping @Sendable (Services, Principal, UUID, UUID, Int, String?) async throws -> Campaign) async throws {
            let id = try NeedsCommand.parseID(id, "id")
            let (expected, key) = (expectedVersion, idempotencyKey)
            let campaign = try await NeedsCommand.run(target) { s, actor, tenantID in
                var version = expected
                if version == nil { version = try await s.campaigns.get(actor: actor, tenantID: tenantID, id: id).version }
                return try await perform(s, actor, tenantID, id, version!, key)
            }
            if json { return try CLI.json(campaign) }
            print("Kampanye \(campaign.id.uuidString.lowercased()): \(CampaignCommand.stateNames[campaign.state] ?? campaign.state.rawValue) "
                  + "(versi \(campaign.version))")
        }
    }

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: "Buka kampanye untuk pengisian formulir.")
        @OptionGroup var step: Step
        func run() async throws {
            try await step.run { s, actor, tenantID, id, version, key in
                try await s.campaigns.open(actor: actor, tenantID: tenantID, id: id, expectedVersion: version, idempotencyKey: key)
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Tutup kampanye; formulir tidak dapat diubah lagi.")
        @OptionGroup var step: Step
        func run() async throws {
            try await step.run { s, actor, tenantID, id, version, key in
                try await s.campaigns.close(actor: actor, tenantID: tenantID, id: id, expectedVersion: version, idempotencyKey: key)
            }
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Ekspor semua formulir kampanye ke CSV (UTF-8 dengan BOM, pemisah ';') atau .xlsx (admin tenant).")
        @OptionGroup var target: NeedsCommand.Target
        @Argument(help: "Campaign id.") var id: String
        @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?
        @Option(help: "csv or xlsx; by default the extension of --output, else csv.") var format: SheetFormat?

        func run() async throws {
            let id = try NeedsCommand.parseID(id, "id")
            let format = format ?? output.flatMap(SheetFormat.init(fileName:)) ?? .csv
            let data = try await NeedsCommand.run(target) { s, actor, tenantID in
                try await s.forms.exportCSV(actor: actor, tenantID: tenantID, campaignID: id, format: format)
            }
            if let output {
                try data.write(to: URL(fileURLWithPath: output))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }
}

import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// The point rules of `mutasi campaign create`, each a whole number within its range. They are
/// read as text and range-checked here, so a wrong value is named by its flag.
struct PointRuleOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Points per full year in the current post (0-100).") var perYearInPost: String?
    @Option(parsing: .unconditional, help: "The most years in post counted (0-40).") var yearsInPostCap: String?
    @Option(parsing: .unconditional, help: "Points for a family reunion reason (0-500).") var familyReunion: String?
    @Option(parsing: .unconditional, help: "Points for a health reason (0-500).") var health: String?
    @Option(parsing: .unconditional, help: "Points for serving or having served in a remote unit (0-500).") var remoteService: String?

    /// The rules given, or nil when no flag is; exit status 2 on a value outside its range.
    func rules() throws -> PointRules? {
        let given = [perYearInPost, yearsInPostCap, familyReunion, health, remoteService]
        guard given.contains(where: { $0 != nil }) else { return nil }
        return PointRules(
            perYearInPost: try Self.value(perYearInPost, "--per-year-in-post", max: PointRules.maxPerYear),
            yearsInPostCap: try Self.value(yearsInPostCap, "--years-in-post-cap", max: PointRules.maxYears),
            familyReunion: try Self.value(familyReunion, "--family-reunion", max: PointRules.maxReasonPoints),
            health: try Self.value(health, "--health", max: PointRules.maxReasonPoints),
            remoteService: try Self.value(remoteService, "--remote-service", max: PointRules.maxReasonPoints))
    }

    /// A whole number 0...max written in decimal digits; checked on the text, so no conversion can trap.
    static func value(_ text: String?, _ flag: String, max: Int) throws -> Int {
        guard let text else { return 0 }
        let digits = text.trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, digits.count <= 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let value = Int(digits), (0...max).contains(value) else {
            CLI.printError("galat: \(flag) harus bilangan bulat dari 0 sampai \(max); tertulis '\(text)' [campaign.invalid_point_rule]")
            throw ExitCode(2)
        }
        return value
    }
}

extension CampaignCommand {
    static let contestStateNames: [PointContest.State: String] = [.pending: "menunggu", .upheld: "diterima", .rejected: "ditolak"]

    /// `mutasi campaign contests`: the point contests of a campaign, newest first.
    struct Contests: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "contests", abstract: "Daftar sanggahan poin prioritas suatu kampanye.")
        @OptionGroup var target: NeedsCommand.Target
        @Argument(help: "Campaign id.") var id: String
        @Option(help: "Only this state: pending, upheld, rejected.") var state: String?
        @Option(help: "Rows per page (1-200).") var limit = 50
        @Option(help: "Rows to skip.") var offset = 0
        @Flag(help: "Print JSON instead of a table.") var json = false

        func run() async throws {
            let id = try NeedsCommand.parseID(id, "id")
            var chosen: PointContest.State?
            if let text = state {
                guard let parsed = PointContest.State(rawValue: text) else {
                    CLI.printError("galat: --state harus pending, upheld atau rejected [query.invalid_choice]")
                    throw ExitCode(2)
                }
                chosen = parsed
            }
            let (state, limit, offset) = (chosen, limit, offset)
            let page = try await NeedsCommand.run(target) { s, actor, tenantID in
                try await s.contests.list(actor: actor, tenantID: tenantID, campaignID: id, state: state,
                                          page: try PageRequest(limit: limit, offset: offset))
            }
            if json { return try CLI.json(page) }
            CLI.table(["ID", "NIP", "NAMA", "STATUS", "PENYESUAIAN", "DIAJUKAN", "VERSI"], page.items.map { c in
                [c.id.uuidString.lowercased(), c.nip, c.employeeName, CampaignCommand.contestStateNames[c.state] ?? c.state.rawValue,
                 c.adjustment.map { $0 > 0 ? "+\($0)" : String($0) } ?? "-", CampaignCommand.time(c.filedAt), String(c.version)]
            })
            print("\(page.items.count) dari \(page.total) sanggahan")
        }
    }

    /// `mutasi campaign decide-contest`: a tenant admin upholds or rejects a pending contest.
    struct DecideContest: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decide-contest", abstract: "Putuskan sanggahan poin: terima dengan penyesuaian atau tolak (admin tenant).")
        @OptionGroup var target: NeedsCommand.Target
        @Argument(help: "Campaign id.") var campaignID: String
        @Argument(help: "Contest id.") var contestID: String
        @Flag(help: "Uphold the contest (needs --adjustment).") var uphold = false
        @Flag(help: "Reject the contest.") var reject = false
        @Option(parsing: .unconditional, help: "Points added (or taken away, negative) when upheld: -500 to 500, not 0.") var adjustment: String?
        @Option(help: "The note on the decision (1-1000 characters).") var note: String
        @Option(help: "The version read before (default: the current one).") var expectedVersion: Int?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run() async throws {
            let campaignID = try NeedsCommand.parseID(campaignID, "CAMPAIGN_ID")
            let contestID = try NeedsCommand.parseID(contestID, "CONTEST_ID")
            guard uphold != reject else {
                CLI.printError("galat: pilih salah satu dari --uphold atau --reject [contest.invalid_decision]")
                throw ExitCode(2)
            }
            var points: Int?
            if let text = adjustment {
                let digits = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
                guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                      let value = Int(digits), value <= PriorityPoints.max else {
                    CLI.printError("galat: --adjustment harus bilangan bulat dari -500 sampai 500, bukan 0; tertulis '\(text)' "
                                   + "[contest.invalid_adjustment]")
                    throw ExitCode(2)
                }
                points = text.hasPrefix("-") ? -value : value
            }
            let input = PointContestService.DecisionInput(decision: uphold ? "uphold" : "reject", adjustment: points, note: note)
            let expected = expectedVersion
            let contest = try await NeedsCommand.run(target) { s, actor, tenantID in
                var version = expected
                if version == nil {
                    version = try await s.contests.get(actor: actor, tenantID: tenantID, campaignID: campaignID, id: contestID).version
                }
                return try await s.contests.decide(actor: actor, tenantID: tenantID, campaignID: campaignID, id: contestID, input,
                                                   expectedVersion: version!)
            }
            if json { return try CLI.json(contest) }
            let change = contest.adjustment.map { ", penyesuaian \($0 > 0 ? "+" : "")\($0) poin" } ?? ""
            print("Sanggahan \(contest.id.uuidString.lowercased()): "
                  + "\(CampaignCommand.contestStateNames[contest.state] ?? contest.state.rawValue)\(change) (versi \(contest.version))")
        }
    }
}

import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi plan ...`: transfer plans (rencana mutasi).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Rencana mutasi.",
        subcommands: [PlanSolveCommand.self, Create.self, List.self, Show.self, ExportInstance.self, Review.self, Answers.self,
                      PlanSettingsCommand.self, Submit.self, Approve.self, Reject.self, DropMove.self, Cancel.self,
                      Execute.self, Report.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Buat rencana dari data tenant dan bangun sekarang (progres di stderr).",
            discussion: "Kebijakan yang tidak diberikan diambil dari pengaturan rencana tenant (mutasi plan settings).")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Option(help: "Name of the plan.") var name: String
        @Option(help: "Months ahead in which retirements free seats (default 12).") var horizonMonths: Int?
        @Option(help: "Minimum months in the current post (default 24).") var minMonthsInPosition: Int?
        @Option(help: "Minimum SKP predicate, 1..5 (default 4).") var minPerformance: Int?
        @Option(help: "Largest trainable competency gap (default 2).") var maxTrainableGap: Int?
        @Option(help: "regency, province or any (default province).") var scope: String?
        @Option(help: "balance or voluntary (volunteers only; default balance).") var mode: String?
        @Option(help: "ID of a closed preference campaign whose forms the plan honours.") var campaign: String?
        @Option(help: "ID of a plan from a campaign to redo: those whose objection was upheld stay.") var replanOf: String?
        @Flag(help: "Only queue the build for the server's worker; do not wait.") var noWait = false

        func run() async throws {
            var policy = PlanPolicy.Overrides()
            if let v = horizonMonths { policy.horizonMonths = v }
            if let v = minMonthsInPosition { policy.minMonthsInPosition = v }
            if let v = minPerformance { policy.minPerformance = v }
            if let v = maxTrainableGap { policy.maxTrainableGap = v }
            if let scope {
                guard let s = PlanPolicy.Scope(rawValue: scope) else {
                    CLI.printError("galat: --scope must be regency, province or any [policy.invalid]")
                    throw ExitCode(2)
                }
                policy.scope = s
            }
            if let mode {
                guard let m = PlanPolicy.Mode(rawValue: mode) else {
                    CLI.printError("galat: --mode must be balance or voluntary [policy.invalid]")
                    throw ExitCode(2)
                }
                policy.mode = m
            }
            var campaignID: UUID?
            if let campaign {
                guard let id = UUID(uuidString: campaign) else {
                    CLI.printError("galat: --campaign must be a campaign ID [campaign.not_found]")
                    throw ExitCode(2)
                }
                campaignID = id
            }
            var replanID: UUID?
            if let replanOf {
                guard let id = UUID(uuidString: replanOf) else {
                    CLI.printError("galat: --replan-of must be a plan ID [plan.replan_not_found]")
                    throw ExitCode(2)
                }
                replanID = id
            }
            let (login, tenantCode, name, wait, finalPolicy, finalCampaign, finalReplan) = (op.login, tenant, name, !noWait, policy, campaignID, replanID)
            let status = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let created = try await s.plans.create(actor: actor, tenantID: tenantID, name: name, policy: finalPolicy,
                                                   campaignID: finalCampaign, replanOf: finalReplan)
                guard wait else { return created }
                let worker = PlanBuildWorker(s.env)
                while true {
                    let current = try await s.plans.get(actor: actor, tenantID: tenantID, id: created.plan.id)
                    if current.plan.buildState == .built || current.plan.buildState == .failed {
                        CLI.progress(1)
                        return current
                    }
                    CLI.progress(current.job?.progress ?? 0)
                    if try await !worker.runOnce() { try await Task.sleep(for: .milliseconds(300)) }
                }
            }
            PlanCommand.printSummary(status)
            if status.plan.buildState == .failed { throw ExitCode(1) }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Daftar rencana mutasi.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Option var limit = 50
        @Option var offset = 0
        @Flag var json = false

        func run() async throws {
            let (login, tenantCode, limit, offset) = (op.login, tenant, limit, offset)
            let page = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                return try await s.plans.list(actor: actor, tenantID: tenantID, page: try PageRequest(limit: limit, offset: offset))
            }
            if json { return try CLI.json(page) }
            CLI.table(["ID", "NAMA", "STATUS", "MUTASI", "OBJEKTIF", "KETIMPANGAN SEBELUM", "SESUDAH"], page.items.map {
                [$0.id.uuidString.lowercased(), $0.name, $0.buildState.rawValue, $0.moveCount.map(String.init) ?? "-",
                 $0.objective.map(String.init) ?? "-", $0.before.map { String(format: "%.4f", $0.imbalance) } ?? "-",
                 $0.after.map { String(format: "%.4f", $0.imbalance) } ?? "-"]
            })
            print("\(page.items.count) dari \(page.total) rencana")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Tampilkan rencana dan usulan mutasinya.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Plan id.") var plan: String
        @Option(help: "Moves to show (1-200).") var limit = 50
        @Option var offset = 0
        @Flag var json = false

        func run() async throws {
            guard let planID = UUID(uuidString: plan) else {
                CLI.printError("galat: plan id must be a UUID [plan.not_found]")
                throw ExitCode(2)
            }
            let (login, tenantCode, limit, offset) = (op.login, tenant, limit, offset)
            let (status, moves, history) = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let status = try await s.plans.get(actor: actor, tenantID: tenantID, id: planID)
                let moves = status.plan.buildState == .built
                    ? try await s.plans.moves(actor: actor, tenantID: tenantID, id: planID, page: try PageRequest(limit: limit, offset: offset))
                    : nil
                return (status, moves, try await s.planDecisions.history(actor: actor, tenantID: tenantID, planID: planID))
            }
            if json {
                return try CLI.json(["plan": AnyEncodable(status), "moves": AnyEncodable(moves), "history": AnyEncodable(history)])
            }
            PlanCommand.printSummary(status)
            PlanCommand.printLifecycle(status.plan, history: history)
            guard let moves else { return }
            CLI.table(["NIP", "NAMA", "DARI", "KE", "JENIS", "PILIHAN", "BIAYA", "KESESUAIAN", "JARAK", "HIBAH", "BEBAN",
                       "PELATIHAN"], moves.items.map {
                [$0.nip, $0.employeeName, $0.fromSlot, $0.toSlot, $0.kind == "voluntary" ? "sukarela" : "wajib",
                 $0.wishRank.map { "\($0 + 1)" } ?? "-", "\($0.cost)", "\($0.fit)", "\($0.distance)", "\($0.grant)", "\($0.burden)",
                 $0.trainingNeeds.map { "\($0.code)+\($0.gap)" }.joined(separator: " ")
                 + ($0.dropped.map { " [dibatalkan: \($0.reason)]" } ?? "")]
            })
            print("\(moves.items.count) dari \(moves.total) usulan mutasi")
        }
    }

    struct ExportInstance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-instance", abstract: "Tulis instance planning.md yang menjadi dasar rencana (untuk diperiksa dengan plan solve).")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Plan id.") var plan: String
        @Option(help: "File to write; stdout when absent.") var output: String?

        func run() async throws {
            guard let planID = UUID(uuidString: plan) else {
                CLI.printError("galat: plan id must be a UUID [plan.not_found]")
                throw ExitCode(2)
            }
            let (login, tenantCode) = (op.login, tenant)
            let json = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                return try await s.plans.instance(actor: actor, tenantID: tenantID, id: planID)
            }
            if let output {
                try Data(json.utf8).write(to: URL(fileURLWithPath: output))
            } else {
                print(json)
            }
        }
    }

    static func printSummary(_ status: PlanStatus) {
        let p = status.plan
        print("Rencana \(p.name) (\(p.id.uuidString.lowercased())): \(p.buildState.rawValue)")
        if let campaign = p.campaignID { print("  dari kampanye \(campaign.uuidString.lowercased())") }
        if let original = p.replanOf { print("  menyusun ulang rencana \(original.uuidString.lowercased())") }
        if p.status == .inReview { print("  ditinjau; batas jawaban \(CampaignCommand.time(p.answerDeadline))") }
        if let error = p.buildError { print("  galat: \(error)") }
        if let objective = p.objective, let before = p.before, let after = p.after {
            print("  objektif \(objective), \(p.moveCount ?? 0) usulan mutasi")
            print(String(format: "  sebelum: kebutuhan %d, kekurangan %d, kelebihan %d, ketimpangan %.4f",
                         before.need, before.deficit, before.surplus, before.imbalance))
            print(String(format: "  sesudah: kebutuhan %d, kekurangan %d, kelebihan %d, ketimpangan %.4f",
                         after.need, after.deficit, after.surplus, after.imbalance))
        }
        if let v = p.voice {
            print("  suara pegawai: \(v.volunteers) pemohon mutasi, \(v.volunteersMoved) dipindah, "
                + "\(v.movesOnWish) sesuai pilihan, \(v.compulsoryMoves) wajib (\(v.compulsoryAgainstWish) di luar pilihan, "
                + "\(v.stayOverridden) meminta tetap), \(v.exchanges) pertukaran")
        }
    }
}

/// Wraps any encodable value, to print mixed JSON objects.
struct AnyEncodable: Encodable {
    let encodeValue: (any Encoder) throws -> Void
    init<T: Encodable>(_ value: T) { encodeValue = value.encode }
    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

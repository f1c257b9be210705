import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi plan review` and `mutasi plan answers`: opening a plan for employees' answers and
/// reading them.
extension PlanCommand {
    static var statusNames: [TransferPlan.Status: String] { lifecycleNames }

    static func planID(_ text: String) throws -> UUID {
        guard let id = UUID(uuidString: text) else {
            CLI.printError("galat: plan id must be a UUID [plan.not_found]")
            throw ExitCode(2)
        }
        return id
    }

    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "review", abstract: "Buka rencana (draf yang sudah dibangun) untuk jawaban pegawai.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Plan id.") var plan: String
        @Option(help: "Answer deadline (ISO 8601 or a date); default: the campaign's.") var answerDeadline: String?

        func run() async throws {
            let planID = try PlanCommand.planID(plan)
            let deadline = try answerDeadline.map { try CampaignCommand.parseTime($0, "--answer-deadline") }
            let (login, tenantCode) = (op.login, tenant)
            let status = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let current = try await s.plans.get(actor: actor, tenantID: tenantID, id: planID)
                return try await s.planReview.openReview(actor: actor, tenantID: tenantID, planID: planID, answerDeadline: deadline,
                                                         expectedVersion: current.plan.version)
            }
            PlanCommand.printSummary(status)
        }
    }

    struct Answers: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "answers", abstract: "Usulan mutasi rencana dengan jawaban pegawai dan rekapnya.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Plan id.") var plan: String
        @Flag var json = false

        func run() async throws {
            let planID = try PlanCommand.planID(plan)
            let (login, tenantCode) = (op.login, tenant)
            let (status, moves) = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                let status = try await s.plans.get(actor: actor, tenantID: tenantID, id: planID)
                var moves: [PlanMove] = []
                while status.plan.buildState == .built {
                    let page = try await s.plans.moves(actor: actor, tenantID: tenantID, id: planID,
                                                       page: try PageRequest(limit: 200, offset: moves.count))
                    moves += page.items
                    if page.items.isEmpty || moves.count >= page.total { break }
                }
                return (status, moves)
            }
            if json { return try CLI.json(["plan": AnyEncodable(status.plan), "moves": AnyEncodable(moves)]) }
            let p = status.plan
            print("Rencana \(p.name) (\(p.id.uuidString.lowercased())): \(PlanCommand.statusNames[p.status] ?? p.status.rawValue), "
                + "batas jawaban \(CampaignCommand.time(p.answerDeadline))")
            CLI.table(["NIP", "NAMA", "DARI", "KE", "JAWABAN", "KEPUTUSAN", "ALASAN"], moves.map { m in
                [m.nip, m.employeeName, m.fromSlot, m.toSlot, Self.answerName(m.answer), Self.decisionName(m.answer),
                 m.answer?.reason ?? "-"]
            })
            let c = p.answers ?? AnswerCounts(accepted: 0, objected: 0, pending: moves.count, upheld: 0, rejected: 0)
            print("\(moves.count) usulan: \(c.accepted) menerima, \(c.objected) keberatan (\(c.upheld) dikabulkan, "
                + "\(c.rejected) ditolak), \(c.pending) belum menjawab")
        }

        static func answerName(_ a: MoveAnswer?) -> String {
            switch a?.answer {
            case .accept: "menerima"
            case .object: "keberatan"
            case nil: "belum"
            }
        }

        static func decisionName(_ a: MoveAnswer?) -> String {
            switch a?.decision {
            case .upheld: "dikabulkan"
            case .rejected: "ditolak"
            case nil: "-"
            }
        }
    }
}

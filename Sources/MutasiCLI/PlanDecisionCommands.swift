import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi plan submit|approve|reject|drop-move|cancel`: a plan's steps from review to decision.
extension PlanCommand {
    static let lifecycleNames: [TransferPlan.Status: String] = [
        .draft: "draf", .inReview: "ditinjau", .submitted: "diajukan", .approved: "disetujui", .rejected: "ditolak",
        .decreed: "ditetapkan dengan SK", .executed: "dilaksanakan", .cancelled: "dibatalkan",
    ]

    static let stepNames: [String: String] = [
        "review_opened": "dibuka untuk ditinjau", "submitted": "diajukan", "approved": "disetujui", "rejected": "ditolak",
        "move_dropped": "usulan dibatalkan", "cancelled": "dibatalkan",
    ]

    /// A step on one plan: at its current version unless `--expected-version` is given.
    struct DecisionStep: ParsableArguments {
        @OptionGroup var target: NeedsCommand.Target
        @Argument(help: "Plan id.") var plan: String
        @Option(help: "The plan version read before (default: the current one).") var expectedVersion: Int?
        @Option(help: "Idempotency key: running the same step again with it does nothing more.") var idempotencyKey: String?
        @Flag(help: "Print JSON instead of text.") var json = false

        func run<T: Encodable & Sendable>(
            _ perform: @escaping @Sendable (Services, Principal, UUID, UUID, Int, String?) async throws -> T,
            plan status: (T) -> TransferPlan
        ) async throws {
            let planID = try PlanCommand.planID(plan)
            if let expectedVersion, !(1...Int(Int32.max)).contains(expectedVersion) {
                CLI.printError("galat: --expected-version harus 1 sampai \(Int32.max); tertulis \(expectedVersion) "
                               + "[request.if_match_invalid]")
                throw ExitCode(2)
            }
            let (expected, key) = (expectedVersion, idempotencyKey)
            let result = try await NeedsCommand.run(target) { s, actor, tenantID in
                var version = expected
                if version == nil { version = try await s.plans.get(actor: actor, tenantID: tenantID, id: planID).plan.version }
                return try await perform(s, actor, tenantID, planID, version!, key)
            }
            if json { return try CLI.json(result) }
            let p = status(result)
            print("Rencana \(p.name) (\(p.id.uuidString.lowercased())): \(PlanCommand.lifecycleNames[p.status] ?? p.status.rawValue) "
                  + "(versi \(p.version))")
        }
    }

    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit", abstract: "Ajukan rencana yang sudah ditinjau untuk disetujui (admin tenant).")
        @OptionGroup var step: DecisionStep
        func run() async throws {
            try await step.run({ s, actor, tenantID, planID, version, key in
                try await s.planDecisions.submit(actor: actor, tenantID: tenantID, planID: planID, expectedVersion: version,
                                                 idempotencyKey: key)
            }, plan: { $0.plan })
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approve", abstract: "Setujui rencana yang diajukan (pejabat yang menyetujui; bukan pembuat atau pengaju).")
        @OptionGroup var step: DecisionStep
        @Option(help: "Note on the approval (1-1000 characters).") var note: String?
        func run() async throws {
            let note = note
            try await step.run({ s, actor, tenantID, planID, version, key in
                try await s.planDecisions.approve(actor: actor, tenantID: tenantID, planID: planID, note: note,
                                                  expectedVersion: version, idempotencyKey: key)
            }, plan: { $0.plan })
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reject", abstract: "Tolak rencana yang diajukan dengan alasan (pejabat yang menyetujui).")
        @OptionGroup var step: DecisionStep
        @Option(help: "Why (10-1000 characters).") var reason: String
        func run() async throws {
            let reason = reason
            try await step.run({ s, actor, tenantID, planID, version, key in
                try await s.planDecisions.reject(actor: actor, tenantID: tenantID, planID: planID, reason: reason,
                                                 expectedVersion: version, idempotencyKey: key)
            }, plan: { $0.plan })
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cancel", abstract: "Batalkan rencana yang belum dilaksanakan, dengan alasan (admin tenant).")
        @OptionGroup var step: DecisionStep
        @Option(help: "Why (10-1000 characters).") var reason: String
        func run() async throws {
            let reason = reason
            try await step.run({ s, actor, tenantID, planID, version, key in
                try await s.planDecisions.cancel(actor: actor, tenantID: tenantID, planID: planID, reason: reason,
                                                 expectedVersion: version, idempotencyKey: key)
            }, plan: { $0.plan })
        }
    }

    struct DropMove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "drop-move",
            abstract: "Batalkan satu usulan mutasi dari rencana yang diajukan, dengan alasan (pejabat yang menyetujui).")
        @OptionGroup var step: DecisionStep
        @Argument(help: "Employee id of the move.") var employee: String
        @Option(help: "Why (10-1000 characters).") var reason: String
        func run() async throws {
            let employeeID = try NeedsCommand.parseID(employee, "EMPLOYEE")
            let reason = reason
            try await step.run({ s, actor, tenantID, planID, version, key in
                try await s.planDecisions.dropMove(actor: actor, tenantID: tenantID, planID: planID, employeeID: employeeID,
                                                   reason: reason, expectedVersion: version, idempotencyKey: key)
            }, plan: { $0.plan })
        }
    }

    /// The plan's status with who took its steps, and its history, for `plan show`.
    static func printLifecycle(_ p: TransferPlan, history: [PlanEvent]) {
        print("  status: \(lifecycleNames[p.status] ?? p.status.rawValue) (versi \(p.version))")
        if let at = p.submittedAt { print("  diajukan \(CampaignCommand.time(at))") }
        if let at = p.decidedAt {
            print("  diputuskan \(CampaignCommand.time(at))" + (p.decisionNote.map { ": \($0)" } ?? ""))
        }
        if let at = p.cancelledAt { print("  dibatalkan \(CampaignCommand.time(at)): \(p.cancelReason ?? "")") }
        guard !history.isEmpty else { return }
        print("Riwayat:")
        for e in history {
            print("  \(e.seq). \(CampaignCommand.time(e.at)) \(stepNames[e.step] ?? e.step) "
                  + "(\(lifecycleNames[e.fromStatus] ?? e.fromStatus.rawValue) -> \(lifecycleNames[e.toStatus] ?? e.toStatus.rawValue))"
                  + (e.note.map { ": \($0)" } ?? ""))
        }
    }
}

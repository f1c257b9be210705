import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi plan settings`: the tenant's default planning policy (bobot bawaan rencana).
struct PlanSettingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings", abstract: "Lihat atau ubah kebijakan bawaan rencana tenant (ubah: admin tenant).")
    @OptionGroup var op: OperatorOptions
    @Option(help: "Tenant code.") var tenant: String
    @Option(name: .customLong("set"), help: "A policy field to change, as field=value (repeatable), e.g. wishBonus=250.")
    var changes: [String] = []
    @Flag(help: "Print JSON instead of text.") var json = false

    func run() async throws {
        let overrides = try Self.overrides(changes)
        let (login, tenantCode, change) = (op.login, tenant, !changes.isEmpty)
        let settings = try await CLI.withServices { s in
            let actor = try await s.operators.principal(login: login)
            let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
            let current = try await s.planSettings.get(actor: actor, tenantID: tenantID)
            guard change else { return current }
            return try await s.planSettings.update(actor: actor, tenantID: tenantID, overrides, expectedVersion: current.version)
        }
        if json { return try CLI.json(settings) }
        let p = settings.policy
        CLI.table(["KEBIJAKAN", "NILAI"], [
            ["horizonMonths", "\(p.horizonMonths)"], ["minMonthsInPosition", "\(p.minMonthsInPosition)"],
            ["minPerformance", "\(p.minPerformance)"], ["maxTrainableGap", "\(p.maxTrainableGap)"],
            ["scope", p.scope.rawValue], ["mode", p.mode.rawValue], ["fitWeight", "\(p.fitWeight)"],
            ["wishBonus", "\(p.wishBonus)"], ["wishStep", "\(p.wishStep)"], ["compulsoryCost", "\(p.compulsoryCost)"],
            ["stayCost", "\(p.stayCost)"], ["ignoredWishCost", "\(p.ignoredWishCost)"], ["Versi", "\(settings.version)"],
        ])
    }

    /// `field=value` pairs read as the API's PATCH body, so the same names and checks apply.
    static func overrides(_ pairs: [String]) throws -> PlanPolicy.Overrides {
        var body: [String: Any] = [:]
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else {
                CLI.printError("galat: --set takes field=value, e.g. wishBonus=250 [request.invalid_value]")
                throw ExitCode(2)
            }
            body[parts[0]] = Int(parts[1]).map { $0 as Any } ?? parts[1]
        }
        do {
            return try JSONDecoder().decode(PlanPolicy.Overrides.self, from: try JSONSerialization.data(withJSONObject: body))
        } catch let error as DomainError {
            throw CLI.fail(error)
        } catch let DecodingError.dataCorrupted(context) {
            let field = context.codingPath.last?.stringValue ?? "?"
            CLI.printError("galat: nilai \(field) tidak sah [policy.invalid]")
            throw ExitCode(2)
        } catch let DecodingError.typeMismatch(_, context) {
            let field = context.codingPath.last?.stringValue ?? "?"
            CLI.printError("galat: nilai \(field) harus bilangan bulat [policy.invalid]")
            throw ExitCode(2)
        }
    }
}

import ArgumentParser

/// `mutasi plan ...`: transfer plans (rencana mutasi).
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan", abstract: "Rencana mutasi.", subcommands: [PlanSolveCommand.self])
}

import ArgumentParser

/// `mutasi`: the server and the admin CLI in one executable.
public struct MutasiCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "mutasi",
        abstract: "Perencanaan mutasi ASN: server dan perintah admin.",
        subcommands: [ServeCommand.self, MigrateCommand.self, PlatformCommand.self, BknOfficeCommand.self, TenantCommand.self,
                      UnitCommand.self, SlotCommand.self, EmployeeCommand.self, ImportCommand.self, ExportCommand.self,
                      UserCommand.self, AuditCommand.self, DemoCommand.self, NeedsCommand.self, BalanceCommand.self, PlanCommand.self,
                      CampaignCommand.self, DecreeCommand.self, CitusCommand.self])

    public init() {}
}

import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi balance --tenant CODE`: need against staff, and the lists behind it.
struct BalanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "balance", abstract: "Keseimbangan kebutuhan dan pegawai (per jabatan, unit, instansi, tenant).",
        discussion: "Pegawai yang pensiun dalam --months bulan tidak dihitung sebagai pegawai saat ini (kolom PENSIUN).")

    enum Report: String, ExpressibleByArgument, CaseIterable {
        case balance, retirements, education, rotation
    }

    @OptionGroup var target: NeedsCommand.Target
    @Option(help: "slot, unit, agency or tenant (default agency).") var level: String = "agency"
    @Option(help: "Retirements within this many months are not current (default 12).") var months: Int?
    @Option(help: "The day of the figures, YYYY-MM-DD (default today).") var asOf: String?
    @Option(help: "Only this agency (id).") var agency: String?
    @Option(help: "balance, retirements, education or rotation (default balance).") var report: Report = .balance
    @Option(help: "Rows per page (1-200).") var limit = 200
    @Option(help: "Rows to skip.") var offset = 0
    @Flag(help: "Print JSON instead of a table.") var json = false

    func run() async throws {
        guard let level = BalanceLevel(rawValue: level) else {
            CLI.printError("galat: --level must be slot, unit, agency or tenant [query.invalid_choice]")
            throw ExitCode(2)
        }
        let query = BalanceService.Query(asOf: try asOf.map { try CalendarDate(iso: $0, field: "as-of") }, months: months,
                                         agencyID: try agency.map { try NeedsCommand.parseID($0, "--agency") })
        let (report, limit, offset, json) = (report, limit, offset, json)
        try await NeedsCommand.run(target) { s, actor, tenantID in
            let page = try PageRequest(limit: limit, offset: offset)
            switch report {
            case .balance:
                let result = try await s.balance.balance(actor: actor, tenantID: tenantID, level: level, query: query, page: page)
                if json { return try CLI.json(result) }
                Self.printBalance(result)
            case .retirements:
                let result = try await s.balance.retirements(actor: actor, tenantID: tenantID, query: query, page: page)
                if json { return try CLI.json(result) }
                CLI.table(["NIP", "NAMA", "INSTANSI", "UNIT", "JABATAN", "BUP", "TMT PENSIUN", "BULAN LAGI"], result.items.map {
                    Self.holder($0.employee) + [String($0.retirementAge), $0.retirementDate.iso, String($0.monthsToRetirement)]
                })
                print("\(result.items.count) dari \(result.total) pegawai pensiun dalam \(result.horizonMonths ?? 0) bulan sejak \(result.asOf.iso)")
            case .education:
                let result = try await s.balance.educationMismatches(actor: actor, tenantID: tenantID, query: query, page: page)
                if json { return try CLI.json(result) }
                CLI.table(["NIP", "NAMA", "INSTANSI", "UNIT", "JABATAN", "PENDIDIKAN", "BIDANG JABATAN"], result.items.map {
                    Self.holder($0.employee) + [$0.educationField.isEmpty ? "-" : $0.educationField,
                                                $0.slotEducationFields.joined(separator: ", ")]
                })
                print("\(result.items.count) dari \(result.total) pegawai tidak sesuai bidang pendidikannya")
            case .rotation:
                let result = try await s.balance.rotationDue(actor: actor, tenantID: tenantID, query: query, page: page)
                if json { return try CLI.json(result) }
                CLI.table(["NIP", "NAMA", "INSTANSI", "UNIT", "JABATAN", "SEJAK", "BULAN"], result.items.map {
                    Self.holder($0.employee) + [$0.slotSince.iso, String($0.monthsInPost)]
                })
                print("\(result.items.count) dari \(result.total) pegawai lebih dari 5 tahun di jabatannya")
            }
        }
    }

    static func holder(_ e: PostHolder) -> [String] {
        [e.nip, e.name, e.agencyCode, e.unitCode, e.slotCode]
    }

    static func printBalance(_ r: BalanceReport) {
        var rows = r.items.map { (levelNames[$0.level] ?? $0.level.rawValue, $0) }
        if r.level != .tenant { rows.append(("jumlah", r.totals)) }
        CLI.table(["TINGKAT", "KODE", "NAMA", "KEBUTUHAN", "PEGAWAI", "PENSIUN", "SAAT INI", "KURANG", "LEBIH", "KETIDAKSEIMBANGAN",
                   "TDK SESUAI", "ROTASI"], rows.map { label, row in
            let f = row.figures
            return [label, row.code, row.name, String(f.need), String(f.headcount), String(f.retiring), String(f.current),
                    String(f.deficit), String(f.surplus), ExactNumber(f.imbalance).decimal,
                    String(row.educationMismatches), String(row.rotationDue)]
        })
        print("\(r.items.count) dari \(r.total) baris; per \(r.asOf.iso), pensiun dalam \(r.horizonMonths) bulan tidak dihitung")
    }

    static let levelNames: [BalanceLevel: String] = [.slot: "jabatan", .unit: "unit", .agency: "instansi", .tenant: "tenant"]
}

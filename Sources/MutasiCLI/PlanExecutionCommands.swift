import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

/// `mutasi plan execute` and `mutasi plan report`: carrying out a decreed plan on its effective
/// date, and the plan's evaluation afterwards.
extension PlanCommand {
    struct Execute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "execute", abstract: "Laksanakan rencana yang sudah ditetapkan (SK) pada TMT-nya.",
            discussion: "Setiap usulan yang tidak dicoret dilaksanakan utuh atau dilewati dengan alasannya. Menjalankan ulang aman.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Plan id.") var plan: String
        @Option(help: "The day to execute as of (YYYY-MM-DD); default: today.") var date: String?
        @Flag var json = false

        func run() async throws {
            let planID = try PlanCommand.planID(plan)
            let asOf: CalendarDate?
            do { asOf = try date.map { try CalendarDate(iso: $0, field: "date") } } catch {
                CLI.printError("galat: --date harus tanggal YYYY-MM-DD [date.invalid]")
                throw ExitCode(2)
            }
            let (login, tenantCode) = (op.login, tenant)
            let result = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                return try await s.execution.execute(actor: actor, tenantID: tenantID, planID: planID, asOf: asOf)
            }
            if json { return try CLI.json(result) }
            let p = result.plan
            print("Rencana \(p.name) (\(p.id.uuidString.lowercased())): \(p.status.rawValue), TMT \(p.effectiveDate?.iso ?? "-")")
            CLI.table(["PEGAWAI", "HASIL", "ALASAN"], result.moves.map { m in
                [m.employeeID.uuidString.lowercased(), m.outcome == .executed ? "dilaksanakan" : "dilewati", m.note ?? "-"]
            })
            print("\(result.executed) dilaksanakan, \(result.skipped) dilewati, \(result.pending) belum")
        }
    }

    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "Laporan rencana: SKP sebelum dan sesudah, keseimbangan, pelatihan, SPMT.")
        @OptionGroup var op: OperatorOptions
        @Option(help: "Tenant code.") var tenant: String
        @Argument(help: "Plan id.") var plan: String
        @Flag var json = false

        func run() async throws {
            let planID = try PlanCommand.planID(plan)
            let (login, tenantCode) = (op.login, tenant)
            let report = try await CLI.withServices { s in
                let actor = try await s.operators.principal(login: login)
                let tenantID: UUID = try await UserCommand.tenantID(tenantCode, s, actor)
                return try await s.planReports.report(actor: actor, tenantID: tenantID, planID: planID)
            }
            if json { return try CLI.json(report) }
            func skp(_ r: PlanReport.Rating?) -> String { r.map { "\($0.year): \($0.predicate.map(String.init) ?? "-")" } ?? "-" }
            print("Laporan rencana \(report.name) (\(report.planID.uuidString.lowercased())): \(report.status.rawValue), "
                + "TMT \(report.effectiveDate?.iso ?? "-")")
            CLI.table(["NIP", "NAMA", "DARI", "KE", "HASIL", "SPMT", "SKP SEBELUM", "SKP SESUDAH", "JP SELESAI/RENCANA"], report.moves.map { m in
                [m.nip, m.name, m.fromSlot, m.toSlot, m.outcome ?? "-", m.reportedOn?.iso ?? "-", skp(m.skpBefore), skp(m.skpAfter),
                 "\(m.training.done)/\(m.training.planned)"]
            })
            let t = report.totals
            print("\(t.moves) usulan: \(t.executed) dilaksanakan, \(t.skipped) dilewati, \(t.pending) belum; SPMT tercatat \(t.spmtRecorded)")
            print("SKP dibandingkan \(t.skpCompared): \(t.skpImproved) naik, \(t.skpSame) tetap, \(t.skpWorse) turun")
            print("Pelatihan: \(t.training.done) dari \(t.training.planned) JP selesai")
            func balance(_ b: BalanceFigures?) -> String {
                b.map { "kebutuhan \($0.need), kurang \($0.deficit), lebih \($0.surplus), ketimpangan \(String(format: "%.3f", $0.imbalance))" } ?? "-"
            }
            print("Keseimbangan sebelum: \(balance(report.balance.before))")
            print("Keseimbangan rencana: \(balance(report.balance.planned))")
            print("Keseimbangan kini:    \(balance(report.balance.now))")
        }
    }
}

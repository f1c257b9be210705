import ArgumentParser
import Foundation
import MutasiDomain
import MutasiServices

extension WorkforceFile: ExpressibleByArgument {}
extension SheetFormat: ExpressibleByArgument {}

/// `mutasi import units|slots|employees --tenant CODE FILE`: all-or-nothing CSV or .xlsx import.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Impor unit, formasi atau pegawai dari CSV atau .xlsx (semua atau tidak sama sekali).")

    @OptionGroup var tenant: TenantOptions
    @Argument(help: "units, slots or employees.") var file: WorkforceFile
    @Argument(help: "The CSV or .xlsx file.") var path: String
    @Option(help: "csv or xlsx; by default the file's extension, else csv.") var format: SheetFormat?
    @Flag(help: "No progress bar on stderr.") var noProgress = false
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            CLI.printError("galat: cannot read \(path) [cli.file_unreadable]")
            throw ExitCode(2)
        }
        let bar = noProgress || isatty(2) == 0 ? nil : ProgressBar()
        let file = file
        let format = format ?? SheetFormat(fileName: path) ?? .csv
        var progress: WorkforceImportService.Progress?
        if let bar { progress = { bar.show($0) } }
        let report = try await inTenant(tenant) { [progress] s, actor, tenantID in
            try await s.imports.importCSV(actor: actor, tenantID: tenantID, file: file, bytes: bytes, format: format,
                                           progress: progress)
        }
        bar?.finish()
        if json { try CLI.json(report) }
        guard report.applied, let counts = report.counts else {
            if !json {
                CLI.printError("Impor ditolak: \(report.badRows) baris bermasalah, tidak ada yang disimpan.")
                CLI.table(["BARIS", "KOLOM", "KODE", "KETERANGAN"],
                          report.errors.map { [String($0.line), $0.column ?? "-", $0.code, $0.message] })
            }
            throw ExitCode(4)
        }
        if !json {
            print("Impor \(file.rawValue) selesai: \(report.rows) baris; \(counts.inserted) baru, \(counts.updated) diubah, "
                  + "\(counts.unchanged) tetap. SHA-256 \(report.sha256)")
        }
    }
}

/// `mutasi export units|slots|employees --tenant CODE [--output FILE] [--format csv|xlsx]`.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Ekspor unit, formasi atau pegawai ke CSV (UTF-8 dengan BOM, pemisah ';') atau .xlsx.")

    @OptionGroup var tenant: TenantOptions
    @Argument(help: "units, slots or employees.") var file: WorkforceFile
    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?
    @Option(help: "csv or xlsx; by default the extension of --output, else csv.") var format: SheetFormat?

    func run() async throws {
        let file = file
        let format = format ?? output.flatMap(SheetFormat.init(fileName:)) ?? .csv
        let data = try await inTenant(tenant) { s, actor, tenantID in
            try await s.exports.exportCSV(actor: actor, tenantID: tenantID, file: file, format: format)
        }
        if let output {
            try data.write(to: URL(fileURLWithPath: output))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

/// A one-line progress bar on stderr, redrawn in place.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private var last = ""

    func show(_ progress: ImportProgress) {
        let width = 30
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        let filled = Int(fraction * Double(width))
        let label = progress.phase == .validating ? "memeriksa" : "menyimpan"
        let line = "\r\(label.padding(toLength: 10, withPad: " ", startingAt: 0)) ["
            + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(progress.done)/\(progress.total)"
        lock.withLock {
            guard line != last else { return }
            last = line
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    func finish() {
        FileHandle.standardError.write(Data("\n".utf8))
    }
}

import ArgumentParser
import Foundation
import MutasiPlanning

/// `mutasi plan solve`: the planning engine offline, an instance file in and the optimal plan
/// out (shared/design/planning.md), with no database. Bad input is refused as a whole: one
/// message naming the record and field on stderr, nothing on stdout, exit status 1.
public struct PlanSolveCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "solve", abstract: "Hitung rencana mutasi optimal dari berkas instance JSON.")

    @Option(help: "Instance JSON file; '-' reads standard input.")
    var input: String

    @Option(help: "Plan JSON file (default: standard output).")
    var output: String?

    @Flag(help: "Print parse, build, solve and write seconds to standard error.")
    var timings = false

    public init() {}

    public func run() async throws {
        let clock = ContinuousClock()
        var lapStart = clock.now
        var laps: [(String, Duration)] = []
        func lap(_ name: String) {
            let now = clock.now
            laps.append((name, now - lapStart))
            lapStart = now
        }

        let data: Data
        do {
            data = input == "-"
                ? FileHandle.standardInput.readDataToEndOfFile()
                : try Data(contentsOf: URL(fileURLWithPath: input))
        } catch {
            Self.fail("cannot read \(input): \(error.localizedDescription)", code: "io.read")
        }
        let plan: Plan
        do {
            let instance = try InstanceDecoder.decode(data)
            lap("parse")
            let prepared = try Planner.prepare(instance)
            lap("build")
            plan = try prepared.solve()
            lap("solve")
        } catch let error as PlanningInputError {
            Self.fail(error.message, code: error.code)
        }

        let bytes = Data(PlanEncoder.encode(plan))
        if let output, output != "-" {
            do {
                try bytes.write(to: URL(fileURLWithPath: output))
            } catch {
                Self.fail("cannot write \(output): \(error.localizedDescription)", code: "io.write")
            }
        } else {
            FileHandle.standardOutput.write(bytes)
        }
        lap("write")
        if timings {
            let lines = laps.map { name, duration in
                let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
                return "\(name): \(String(format: "%.4f", seconds))\n"
            }
            FileHandle.standardError.write(Data(lines.joined().utf8))
        }
    }

    /// One line on stderr, in the CLI's "galat: message [code]" form, and exit status 1.
    private static func fail(_ message: String, code: String) -> Never {
        FileHandle.standardError.write(Data("galat: \(message) [\(code)]\n".utf8))
        Foundation.exit(1)
    }
}

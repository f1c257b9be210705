import ArgumentParser
import Foundation
import Logging
import MutasiApp
import MutasiDomain
import MutasiServices

/// Options every database command shares.
struct OperatorOptions: ParsableArguments {
    @Option(name: .long, help: "Who acts: a platform username, or tenant-code/username (env MUTASI_OPERATOR; default admin).")
    var `operator`: String?

    var login: String {
        `operator` ?? ProcessInfo.processInfo.environment["MUTASI_OPERATOR"] ?? "admin"
    }
}

/// Runs a CLI command against the database with the services, turning domain errors into one
/// clear line on stderr and a non-zero exit.
enum CLI {
    static func logger(_ config: AppConfiguration? = nil) -> Logger {
        var logger = Logger(label: "mutasi")
        logger.logLevel = config?.logLevel == .trace || config?.logLevel == .debug ? config!.logLevel : .warning
        return logger
    }

    static func withServices<T: Sendable>(_ body: @Sendable (Services) async throws -> T) async throws -> T {
        do {
            let config = try AppConfiguration()
            let logger = logger(config)
            return try await DatabaseConnection.withClient(config.databaseURL, logger: logger) { client in
                try await body(MutasiApplication.services(client: client, config: config, logger: logger))
            }
        } catch {
            throw fail(error)
        }
    }

    /// Prints the error for a person and returns the exit code to end with.
    static func fail(_ error: any Error) -> any Error {
        if error is ExitCode || error is CleanExit { return error }
        if let domain = error as? DomainError {
            printError("galat: \(domain.description) [\(domain.code)]")
            for item in domain.items { printError("  \(LowercaseIDs.text(item.id)): \(item.reason)") }
        } else {
            printError("galat: \(error)")
        }
        return ExitCode(1)
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Prints rows as an aligned text table with the given (Indonesian) headers.
    static func table(_ headers: [String], _ rows: [[String]]) {
        let widths = headers.indices.map { i in ([headers[i]] + rows.map { $0[i] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        print(line(headers))
        print(line(widths.map { String(repeating: "-", count: $0) }))
        rows.forEach { print(line($0.map(LowercaseIDs.text))) }
    }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        print(String(decoding: LowercaseIDs.json(Array(try encoder.encode(value))), as: UTF8.self))
    }
}

extension CLI {
    /// Draws a progress bar on stderr (only when stderr is a terminal).
    static func progress(_ fraction: Double) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        let width = 30
        let done = Int((min(1, max(0, fraction)) * Double(width)).rounded())
        let bar = String(repeating: "#", count: done) + String(repeating: ".", count: width - done)
        FileHandle.standardError.write(Data("\r[\(bar)] \(Int(fraction * 100))%".utf8))
        if fraction >= 1 { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

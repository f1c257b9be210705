import ArgumentParser
import MutasiCLI

/// The `mutasi` executable: parses the command line and runs the chosen command.
@main
struct Entry {
    static func main() async {
        do {
            var command = try MutasiCommand.parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch {
            MutasiCommand.exit(withError: error)
        }
    }
}

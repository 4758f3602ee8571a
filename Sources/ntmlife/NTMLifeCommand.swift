import ArgumentParser
import Foundation

/// `ntmlife`: one tool, one subcommand per use. Each subcommand is a thin edge that parses
/// arguments, calls the pure core in NTMBrain / NTMEvolution, and prints.
@main
struct NTMLifeCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "ntmlife",
        abstract: "Evolve, watch and replay agents whose brains are small Neural Turing Machines.",
        discussion: """
            Each agent carries a fixed-filter-bank controller (the fast Walsh–Hadamard transform \
            does the mixing, evolved switch slopes do the rest) that reads and writes a hashed \
            associative memory: its tape. Evolution shapes the controllers; the tape is what an \
            agent learns while it lives.
            """,
        version: version,
        subcommands: [EvolveCommand.self, WatchCommand.self, ReplayCommand.self, EvaluateCommand.self, StudyCommand.self, IslandsCommand.self, PlotCommand.self, WorldsCommand.self, BenchCommand.self]
    )

    /// Like `ParsableCommand.main()`, but with the project's exit statuses: 0 on success
    /// (and for --help/--version), 2 for bad input (a usage error names the argument and
    /// what is accepted), 1 for a failure at run time. Never a stack trace.
    static func main() {
        LocalExecutor.dieWithParentIfAsked()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if let exit = error as? ExitCode { Foundation.exit(exit.rawValue) }
            // A Foundation error that escaped its context still reads as a sentence, not as
            // "NSCocoaErrorDomain Code=…".
            let message = error is CocoaError || type(of: error) == NSError.self ? error.localizedDescription : fullMessage(for: error)
            FileHandle.standardError.write(Data((message.isEmpty ? "\(error)" : message).utf8 + [0x0A]))
            Foundation.exit(error is ExitCode ? code.rawValue : (isUsageError(error) ? 2 : 1))
        }
    }

    /// Errors that mean "the input was wrong", as opposed to "something failed".
    static func isUsageError(_ error: Error) -> Bool {
        if error is ValidationError || error is UsageError { return true }
        return exitCode(for: error) == .validationFailure
    }
}

/// Bad input found while running (a file, a value): exit status 2.
struct UsageError: Error, CustomStringConvertible {
    var description: String
}

import ArgumentParser

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
        subcommands: [BenchCommand.self]
    )
}

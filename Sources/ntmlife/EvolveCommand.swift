import ArgumentParser
import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld

/// `ntmlife evolve`: a headless evolution run with a run directory you can trust.
struct EvolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evolve",
        abstract: "Evolve a population in a world, headless, with checkpoints and resume.",
        discussion: """
            Writes RUN_DIR/run.json, world.toml, stats.csv, best/gen-NNNNN.genome.json and \
            checkpoints/gen-NNNNN.ckpt, every file atomically. Ctrl-C writes a checkpoint and \
            stops; --resume RUN_DIR continues exactly where the run stopped. The same seed gives \
            the same result at any --threads.
            """
    )

    @Argument(help: "A world name (see `ntmlife worlds`) or a path to a .toml file. Default: forage.")
    var world: String?

    @OptionGroup var options: RunOptions

    @Option(help: "Population size (default: the world's).")
    var population: Int?

    @Option(help: ArgumentHelp("Continue the run in this directory from its newest checkpoint.", valueName: "RUN_DIR"))
    var resume: String?

    @Option(help: "The tape for a new run: full or off (default: the world's).")
    var memory: TapeCondition?

    @Option(help: ArgumentHelp("A genome file to take into the population at --immigrants-at (repeatable): it replaces one of the last slots, where the GA puts children. Needs --resume.", valueName: "FILE"))
    var immigrants: [String] = []

    @Option(name: .customLong("immigrants-at"), help: ArgumentHelp("The generation the immigrants join. A run resumed there takes them in; one already past it took them in before and goes on unchanged.", valueName: "G"))
    var immigrantsAt: Int?

    @Option(help: ArgumentHelp("When the run reaches its target, write its k best generation champions since its previous emigration, ranked on the hall of fame's fresh episodes, to RUN_DIR/emigrants/gen-NNNNN/rank-R.genome.json.", valueName: "k"))
    var emigrants: Int?

    func validate() throws {
        if let population, !EvolutionSetup.populations.contains(population) {
            throw ValidationError("--population must be between 2 and \(EvolutionSetup.populations.upperBound), got \(population)")
        }
        if resume != nil {
            let conflicting = [(world != nil, "WORLD"), (population != nil, "--population"), (options.seed != nil, "--seed"),
                               (memory != nil, "--memory"), (options.out != nil, "--out")].filter(\.0).map(\.1)
            if !conflicting.isEmpty {
                throw ValidationError("--resume continues a run as it was set up; it cannot be combined with \(conflicting.joined(separator: ", ")) (only --generations, --threads, --checkpoint-every and migration)")
            }
        }
        if !immigrants.isEmpty && (resume == nil || immigrantsAt == nil) {
            throw ValidationError("--immigrants join a run at a generation: give --resume RUN_DIR and --immigrants-at G")
        }
        if immigrantsAt != nil && immigrants.isEmpty { throw ValidationError("--immigrants-at needs at least one --immigrants FILE") }
        if let immigrantsAt, immigrantsAt < 0 { throw ValidationError("--immigrants-at must be 0 or more, got \(immigrantsAt)") }
        if let emigrants, !(1...1000).contains(emigrants) { throw ValidationError("--emigrants must be between 1 and 1000, got \(emigrants)") }
    }

    func run() throws {
        // Ctrl-C is caught before the run is set up, so it always ends with a checkpoint.
        let interrupt = InterruptFlag()
        let run = try resume.map { try options.resume($0) } ?? options.start(world: world, population: population, memory: memory)
        if let at = immigrantsAt {
            let genomes = try immigrants.map { file in
                do throws(GenomeFileError) { return try Genome.load(from: file) } catch { throw UsageError(description: "--immigrants: \(error.description)") }
            }
            if try RunError.bridge({ () throws(RunError) in try run.admit(genomes, at: at) }) {
                print("took in \(genomes.count) immigrant\(genomes.count == 1 ? "" : "s") at generation \(at)")
            }
        }
        let progress = ProgressReporter(unit: run.unit, total: run.target, first: run.completed)
        try RunError.bridge { () throws(RunError) in
            try run.run(clock: { Date().timeIntervalSinceReferenceDate }, stop: { interrupt.isRaised },
                        progress: { progress.report($0) })
        }
        progress.finish()
        guard run.isComplete else {
            print("interrupted after \(run.unit) \(run.completed); checkpoint written.")
            print("resume with: \(Invocation.command("evolve", "--resume", run.directory.path))")
            throw ExitCode(130)
        }
        print("done: \(run.target) \(run.unit)s of '\(run.world.name)' in \(run.directory.path)")
        if let emigrants {
            let files = try RunError.bridge { () throws(RunError) in try run.emigrate(emigrants) }
            print("emigrants: \(files.count) in \(run.directory.emigrantsDirectory(run.completed))")
        }
        if let last = run.stats.last {
            let alive = run.ecosystem != nil ? String(format: ", %d alive", last.population) : ""
            print(String(format: "final %@: best %.2f, mean %.2f, median %.2f%@", run.unit, last.best, last.mean, last.median, alive))
        }
        if let champion = run.lastChampion {
            print("champion: \(champion)")
            print("  (the last \(run.unit)'s best on the episodes it was selected on: one noisy measurement)")
            print("replay it: \(Invocation.command("replay", champion))")
        }
        if let (hall, file) = run.hallOfFame, let record = hall.evaluation {
            print(String(format: "hall of fame: %@ (fitness %.2f on %d fresh episodes: the run's best champion measured fairly)",
                         file, record.fitness, record.episodes))
            print("judge it on held-out episodes: \(Invocation.command("evaluate", file))")
        }
    }
}

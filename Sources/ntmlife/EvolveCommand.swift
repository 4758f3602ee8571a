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

    @Option(help: "Generations to run in total (default: the world's).")
    var generations: Int?

    @Option(help: "Population size (default: the world's).")
    var population: Int?

    @Option(help: "Run seed (default: the world's).")
    var seed: UInt64?

    @Option(help: "Worker threads (default: all cores). Does not change results.")
    var threads: Int?

    @Option(help: "Run directory (default: runs/WORLD-seedSEED, or the next free runs/WORLD-seedSEED-N).")
    var out: String?

    @Option(help: ArgumentHelp("Continue the run in this directory from its newest checkpoint.", valueName: "RUN_DIR"))
    var resume: String?

    @Option(help: "Tape ablation: full, off or frozen (default: the world's).")
    var memory: Ablation.Memory?

    @Option(help: "Write a checkpoint every N generations (the last generation always gets one).")
    var checkpointEvery = 1

    func validate() throws {
        if let generations, generations < 1 { throw ValidationError("--generations must be at least 1, got \(generations)") }
        if let population, population < 2 { throw ValidationError("--population must be at least 2, got \(population)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if checkpointEvery < 1 { throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)") }
        if resume != nil {
            let conflicting = [(world != nil, "WORLD"), (population != nil, "--population"), (seed != nil, "--seed"),
                               (memory != nil, "--memory"), (out != nil, "--out")].filter(\.0).map(\.1)
            if !conflicting.isEmpty {
                throw ValidationError("--resume continues a run as it was set up; it cannot be combined with \(conflicting.joined(separator: ", ")) (only --generations and --threads)")
            }
        }
    }

    func run() throws {
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let (spec, runDir, isNew) = try resume.map(resumeRun) ?? startRun()
        if spec.evolution.algorithm == .ecosystem {
            try runEcosystem(spec, runDir, isNew: isNew)
        } else {
            try runGenerations(spec, runDir, isNew: isNew, threads: threadCount)
        }
    }

    /// Generational evolution (GA or hill-climber) from generation 0 or the newest checkpoint.
    func runGenerations(_ spec: WorldSpec, _ runDir: RunDirectory, isNew: Bool, threads: Int) throws {
        let evolver = Evolver(spec: spec, threads: threads)
        var current: EvolutionState
        if isNew {
            current = evolver.initialState()
            try runFile { try runDir.writeCheckpoint(current, spec: spec) }
        } else {
            let checkpoint: Checkpoint
            do { checkpoint = try runDir.latestCheckpoint() } catch { throw UsageError(description: error.description) }
            guard checkpoint.worldHash == spec.hash, checkpoint.seed == spec.evolution.seed else {
                throw UsageError(description: "checkpoint in '\(runDir.path)' belongs to another world or seed (\(checkpoint.worldHash)); world.toml was changed")
            }
            current = checkpoint.state
        }
        let total = spec.evolution.generations
        let interrupt = InterruptFlag()
        let progress = ProgressReporter()
        let first = current.generation
        var champion: String?

        while current.generation < total {
            if interrupt.isRaised { break }
            let outcome = evolver.step(current) { Date().timeIntervalSinceReferenceDate }
            try runFile { champion = try runDir.record(outcome, spec: spec, checkpointEvery: checkpointEvery, total: total) }
            current = outcome.next
            progress.report(outcome.stats, of: total, startGeneration: first)
        }
        progress.finish()
        // Whatever happened, the newest state is on disk before we say anything.
        try runFile { try runDir.writeCheckpoint(current, spec: spec) }
        try finish(spec, runDir, reached: current.generation, total: total, stats: current.stats, champion: champion, unit: "generation")
    }

    /// Open-ended life: epochs of one persistent arena, from the start or the newest checkpoint.
    func runEcosystem(_ spec: WorldSpec, _ runDir: RunDirectory, isNew: Bool) throws {
        var eco: Ecosystem
        var stats: [GenerationStats] = []
        if isNew {
            eco = Ecosystem(spec: spec)
            try runFile { try runDir.writeCheckpoint(eco, stats: []) }
        } else {
            guard let g = runDir.checkpointGenerations().last else {
                throw UsageError(description: "'\(runDir.checkpointDirectory)' has no checkpoint to resume from")
            }
            do { (eco, stats) = try EcosystemCheckpoint.load(from: runDir.checkpointFile(g), spec: spec) } catch {
                throw UsageError(description: error.description)
            }
        }
        let total = spec.evolution.generations
        let interrupt = InterruptFlag()
        let progress = ProgressReporter()
        let first = eco.epoch
        var champion: String?
        while eco.epoch < total {
            if interrupt.isRaised { break }
            let e = eco.epoch
            let outcome = eco.runEpoch { Date().timeIntervalSinceReferenceDate }
            stats.append(outcome.stats)
            try runFile {
                if let file = try runDir.record(epoch: e, outcome, ecosystem: eco, stats: stats, checkpointEvery: checkpointEvery, total: total) {
                    champion = file
                }
            }
            progress.report(outcome.stats, of: total, startGeneration: first)
        }
        progress.finish()
        try runFile { try runDir.writeCheckpoint(eco, stats: stats) }
        try finish(spec, runDir, reached: eco.epoch, total: total, stats: stats, champion: champion, unit: "epoch")
    }

    /// The last words of a run, interrupted or complete.
    func finish(_ spec: WorldSpec, _ runDir: RunDirectory, reached: Int, total: Int, stats: [GenerationStats],
                champion: String?, unit: String) throws {
        try runFile { try writeManifest(runDir, spec, finished: reached >= total) }
        if reached < total {
            print("interrupted after \(unit) \(reached); checkpoint written.")
            print("resume with: ntmlife evolve --resume \(runDir.path)")
            throw ExitCode(130)
        }
        print("done: \(total) \(unit)s of '\(spec.name)' in \(runDir.path)")
        if let last = stats.last {
            let alive = unit == "epoch" ? String(format: ", %d alive", last.population) : ""
            print(String(format: "final %@: best %.2f, mean %.2f, median %.2f%@", unit, last.best, last.mean, last.median, alive))
        }
        if let champion {
            print("champion: \(champion)")
            print("replay it: ntmlife replay \(champion)")
        }
    }

    /// A new run: the world with overrides applied and a fresh run directory.
    func startRun() throws -> (WorldSpec, RunDirectory, Bool) {
        let (spec, dir) = try RunSetup(world: world, population: population, generations: generations, seed: seed,
                                       memory: memory, out: out).startRun()
        return (spec, dir, true)
    }

    func resumeRun(_ path: String) throws -> (WorldSpec, RunDirectory, Bool) {
        (try RunSetup.existingRun(path, generations: generations), RunDirectory(path: path), false)
    }

    func writeManifest(_ runDir: RunDirectory, _ spec: WorldSpec, finished: Bool) throws {
        try RunSetup.writeManifest(runDir, spec, finished: finished)
    }

    func runFile(_ body: () throws -> Void) throws { try RunSetup.runFile(body) }
}

extension Ablation.Memory: ExpressibleByArgument {}

/// A failure at run time (disk full, permission denied): exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    var description: String
}

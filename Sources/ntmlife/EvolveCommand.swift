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
            try runFile { try runDir.writeCheckpoint(Checkpoint(state: current, seed: spec.evolution.seed, worldHash: spec.hash)) }
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
            try runFile { try outcome.champion.save(to: runDir.championFile(current.generation)) }
            champion = runDir.championFile(current.generation)
            current = outcome.next
            try runFile { try runDir.writeStats(current.stats) }
            if current.generation % checkpointEvery == 0 || current.generation == total {
                try runFile { try runDir.writeCheckpoint(Checkpoint(state: current, seed: spec.evolution.seed, worldHash: spec.hash)) }
            }
            progress.report(outcome.stats, of: total, startGeneration: first)
        }
        progress.finish()
        // Whatever happened, the newest state is on disk before we say anything.
        try runFile { try runDir.writeCheckpoint(Checkpoint(state: current, seed: spec.evolution.seed, worldHash: spec.hash)) }
        try finish(spec, runDir, reached: current.generation, total: total, stats: current.stats, champion: champion, unit: "generation")
    }

    /// Open-ended life: epochs of one persistent arena, from the start or the newest checkpoint.
    func runEcosystem(_ spec: WorldSpec, _ runDir: RunDirectory, isNew: Bool) throws {
        var eco: Ecosystem
        var stats: [GenerationStats] = []
        if isNew {
            eco = Ecosystem(spec: spec)
            try runFile { try runDir.writeCheckpoint(EcosystemCheckpoint.fileData(eco, stats: []), generation: 0) }
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
            if let c = outcome.champion {
                try runFile { try c.save(to: runDir.championFile(e)) }
                champion = runDir.championFile(e)
            }
            try runFile { try runDir.writeStats(stats) }
            if eco.epoch % checkpointEvery == 0 || eco.epoch == total {
                try runFile { try runDir.writeCheckpoint(EcosystemCheckpoint.fileData(eco, stats: stats), generation: eco.epoch) }
            }
            progress.report(outcome.stats, of: total, startGeneration: first)
        }
        progress.finish()
        try runFile { try runDir.writeCheckpoint(EcosystemCheckpoint.fileData(eco, stats: stats), generation: eco.epoch) }
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
        var spec = try WorldLocator.load(WorldLocator.path(for: world))
        if let population {
            spec.evolution.population = population
            // In an ecosystem the population is the arena's capacity.
            spec.ecosystem.capacity = population
            spec.ecosystem.initial = min(spec.ecosystem.initial, population)
            spec.ecosystem.minAgents = min(spec.ecosystem.minAgents, population)
        }
        if let generations { spec.evolution.generations = generations }
        if let seed { spec.evolution.seed = seed }
        if let memory { spec.brain.memory = memory }
        if spec.evolution.elites >= spec.evolution.population {
            spec.evolution.elites = max(0, min(spec.evolution.elites, spec.evolution.population - 1))
        }
        let runDir = RunDirectory(path: out ?? Self.freeRunDirectory("runs/\(spec.name)-seed\(spec.evolution.seed)"))
        if FileManager.default.fileExists(atPath: runDir.checkpointDirectory) {
            throw UsageError(description: "run directory '\(runDir.path)' already holds a run; continue it with --resume \(runDir.path), or choose another --out")
        }
        try runFile { try runDir.create() }
        try runFile { try RunDirectory.write(Data(spec.canonicalTOML.utf8), to: runDir.worldFile) }
        try runFile { try runDir.writeStats([]) }
        try runFile { try writeManifest(runDir, spec, finished: false) }
        return (spec, runDir, true)
    }

    /// `base`, or `base-2`, `base-3`, … : the first that does not exist yet, so the default
    /// never collides with an earlier run (an explicit --out that exists is an error instead).
    static func freeRunDirectory(_ base: String) -> String {
        var candidate = base
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    /// An existing run: its own resolved world (the checkpoint is read by the runner).
    func resumeRun(_ path: String) throws -> (WorldSpec, RunDirectory, Bool) {
        let runDir = RunDirectory(path: path)
        guard FileManager.default.fileExists(atPath: runDir.worldFile) else {
            throw UsageError(description: "'\(path)' is not a run directory (no world.toml); give the RUN_DIR an earlier `ntmlife evolve` wrote")
        }
        var spec = try WorldLocator.load(runDir.worldFile)
        if let generations { spec.evolution.generations = generations }
        return (spec, runDir, false)
    }

    func writeManifest(_ runDir: RunDirectory, _ spec: WorldSpec, finished: Bool) throws {
        var manifest: [String: Any] = [
            "tool": "ntmlife", "version": NTMLifeCommand.version, "git_revision": Self.gitRevision(),
            "command_line": CommandLine.arguments, "seed": String(spec.evolution.seed),
            "world": spec.name, "world_hash": spec.hash, "world_file": "world.toml",
            "generations": spec.evolution.generations, "population": spec.evolution.population,
            "algorithm": spec.evolution.algorithm.rawValue,
        ]
        let now = ISO8601DateFormatter().string(from: Date())
        let previous = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runDir.manifestFile)))) as? [String: Any]
        manifest["started"] = previous?["started"] ?? now
        if finished { manifest["finished"] = now }
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        try RunDirectory.write(data + Data("\n".utf8), to: runDir.manifestFile)
    }

    static func gitRevision() -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "rev-parse", "HEAD"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "unknown" }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let rev = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return p.terminationStatus == 0 && !rev.isEmpty ? rev : "unknown"
    }

    /// File-system failures are runtime failures (exit status 1) with the path in the message.
    func runFile(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as UsageError {
            throw e
        } catch {
            throw RuntimeFailure(description: "cannot write the run directory: \(error.localizedDescription)")
        }
    }
}

extension Ablation.Memory: ExpressibleByArgument {}

/// A failure at run time (disk full, permission denied): exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    var description: String
}

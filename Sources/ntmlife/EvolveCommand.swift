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
        let (spec, runDir, state) = try resume.map(resumeRun) ?? startRun()
        let evolver = Evolver(spec: spec, threads: threadCount)
        let total = spec.evolution.generations
        let interrupt = InterruptFlag()
        let progress = ProgressReporter()
        let first = state.generation
        var current = state
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
        try runFile { try writeManifest(runDir, spec, finished: current.generation >= total) }

        if current.generation < total {
            print("interrupted after generation \(current.generation); checkpoint written.")
            print("resume with: ntmlife evolve --resume \(runDir.path)")
            throw ExitCode(130)
        }
        print("done: \(total) generations of '\(spec.name)' in \(runDir.path)")
        if let last = current.stats.last {
            print(String(format: "final generation: best %.2f, mean %.2f, median %.2f", last.best, last.mean, last.median))
        }
        if let champion {
            print("champion: \(champion)")
            print("replay it: ntmlife replay \(champion)    (replay and watch arrive with the next milestone)")
        }
    }

    /// A new run: the world with overrides applied, a fresh run directory, generation 0.
    func startRun() throws -> (WorldSpec, RunDirectory, EvolutionState) {
        var spec = try WorldLocator.load(WorldLocator.path(for: world))
        if let population { spec.evolution.population = population }
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
        let state = Evolver(spec: spec, threads: 1).initialState()
        try runFile { try runDir.writeStats([]) }
        try runFile { try runDir.writeCheckpoint(Checkpoint(state: state, seed: spec.evolution.seed, worldHash: spec.hash)) }
        try runFile { try writeManifest(runDir, spec, finished: false) }
        return (spec, runDir, state)
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

    /// An existing run: its own resolved world and its newest checkpoint.
    func resumeRun(_ path: String) throws -> (WorldSpec, RunDirectory, EvolutionState) {
        let runDir = RunDirectory(path: path)
        guard FileManager.default.fileExists(atPath: runDir.worldFile) else {
            throw UsageError(description: "'\(path)' is not a run directory (no world.toml); give the RUN_DIR an earlier `ntmlife evolve` wrote")
        }
        var spec = try WorldLocator.load(runDir.worldFile)
        let checkpoint: Checkpoint
        do {
            checkpoint = try runDir.latestCheckpoint()
        } catch {
            throw UsageError(description: error.description)
        }
        guard checkpoint.worldHash == spec.hash, checkpoint.seed == spec.evolution.seed else {
            throw UsageError(description: "checkpoint in '\(path)' belongs to another world or seed (\(checkpoint.worldHash)); world.toml was changed")
        }
        if let generations { spec.evolution.generations = generations }
        return (spec, runDir, checkpoint.state)
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

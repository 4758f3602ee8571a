import ArgumentParser
import Foundation
import NTMBrain
import NTMEvolution
import NTMViewer
import NTMWorld

/// `ntmlife watch`: the world live in an SDL window, evolving, with an inspector.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Watch a world evolve live in a window, and look inside an agent's head.",
        discussion: """
            TARGET is a world (name or .toml: a new run, written to a run directory as `evolve` \
            writes it), a RUN_DIR (continues its newest checkpoint), or a checkpoint file \
            (continues from it, in its run directory). Checkpoints written here resume headless \
            with `ntmlife evolve --resume RUN_DIR`, and the other way round; the results are \
            the same bit for bit. With --genome, the window shows that genome living its \
            recorded evaluation, episode after episode, instead of evolving. Press H in the \
            window for the keys.
            """
    )

    @Argument(help: ArgumentHelp("A world, a run directory or a checkpoint file (default: forage).", valueName: "TARGET"))
    var target: String?

    @Option(help: ArgumentHelp("Show this genome living in the world instead of evolving.", valueName: "GENOME.json"))
    var genome: String?

    @Option(help: "Generations to evolve in total (default: the world's); the world lives on afterwards.")
    var generations: Int?

    @Option(help: "Run seed for a new run (default: the world's).")
    var seed: UInt64?

    @Option(help: "Run directory for a new run (default: runs/WORLD-seedSEED[-N]).")
    var out: String?

    @Option(help: "Worker threads for the evolution behind the picture (default: all cores).")
    var threads: Int?

    @Option(help: "Write a checkpoint every N generations (the last one always gets one).")
    var checkpointEvery = 1

    @Option(help: ArgumentHelp("Feed synthetic input events from this file (for demos and tests; see the README).", valueName: "FILE"))
    var script: String?

    @Flag(help: "Close the window once the run (or the replay) is complete.")
    var exitWhenDone = false

    func validate() throws {
        if let generations, generations < 1 { throw ValidationError("--generations must be at least 1, got \(generations)") }
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1, got \(threads)") }
        if checkpointEvery < 1 { throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)") }
    }

    func run() throws {
        let inputScript: InputScript?
        do { inputScript = try script.map(InputScript.load) } catch { throw UsageError(description: "\(error)") }
        let (session, output, runDir) = try makeSession()
        let window: Window
        do { window = try Window(title: "ntmlife · \(session.title)") } catch {
            throw RuntimeFailure(description: "\(error)")
        }
        let app = try WatchApp(session: session, outputDirectory: output)
        app.script = inputScript
        app.exitWhenFinished = exitWhenDone
        let failure = app.run(in: window)
        (session as? GenerationSession)?.settle()
        for file in app.written { print("wrote \(file)") }
        print("closed after \(app.frame) frames, \(app.ticks) ticks on screen: \(session.status)")
        if let runDir {
            if let last = session.stats.last {
                print(String(format: "last finished: %d, best %.2f, mean %.2f", last.generation, last.best, last.mean))
            }
            print("run directory: \(runDir.path) (continue headless: ntmlife evolve --resume \(runDir.path))")
        }
        if let failure { throw RuntimeFailure(description: failure) }
    }

    /// The session for the target, where S and F12 write, and the run directory if any.
    func makeSession() throws -> (LiveSession, String, RunDirectory?) {
        let threadCount = threads ?? ProcessInfo.processInfo.activeProcessorCount
        if let genome {
            let (g, spec, _) = try ReplayCommand.load(genome: genome, world: target)
            var replay = Replay(spec: spec, genome: g)
            if let seed { replay.seed = seed }
            return (ReplaySession(replay: replay, loops: true), ".", nil)
        }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if let target, fm.fileExists(atPath: target, isDirectory: &isDirectory) {
            if isDirectory.boolValue {
                return try resume(RunDirectory(path: target), checkpoint: nil, threads: threadCount)
            }
            if target.hasSuffix(".ckpt") {
                let runPath = URL(fileURLWithPath: target).deletingLastPathComponent().deletingLastPathComponent().path
                return try resume(RunDirectory(path: runPath), checkpoint: target, threads: threadCount)
            }
        }
        let (spec, runDir) = try RunSetup(world: target, population: nil, generations: generations, seed: seed,
                                          memory: nil, out: out).startRun()
        let session: LiveSession
        if spec.evolution.algorithm == .ecosystem {
            let eco = Ecosystem(spec: spec)
            try RunSetup.runFile { try runDir.writeCheckpoint(eco, stats: []) }
            session = EcosystemSession(ecosystem: eco, stats: [], runDirectory: runDir, checkpointEvery: checkpointEvery)
        } else {
            let state = Evolver(spec: spec, threads: 1).initialState()
            try RunSetup.runFile { try runDir.writeCheckpoint(state, spec: spec) }
            session = GenerationSession(spec: spec, state: state, threads: threadCount, runDirectory: runDir, checkpointEvery: checkpointEvery)
        }
        return (session, runDir.path, runDir)
    }

    /// Continues a run from `checkpoint` (default: its newest).
    func resume(_ runDir: RunDirectory, checkpoint: String?, threads: Int) throws -> (LiveSession, String, RunDirectory?) {
        if seed != nil || out != nil {
            throw UsageError(description: "a run directory or checkpoint continues a run as it was set up; --seed and --out apply to new runs only")
        }
        let spec = try RunSetup.existingRun(runDir.path, generations: generations)
        let file: String
        if let checkpoint {
            file = checkpoint
        } else {
            guard let g = runDir.checkpointGenerations().last else {
                throw UsageError(description: "'\(runDir.checkpointDirectory)' has no checkpoint to continue from")
            }
            file = runDir.checkpointFile(g)
        }
        if spec.evolution.algorithm == .ecosystem {
            do {
                let (eco, stats) = try EcosystemCheckpoint.load(from: file, spec: spec)
                return (EcosystemSession(ecosystem: eco, stats: stats, runDirectory: runDir, checkpointEvery: checkpointEvery), runDir.path, runDir)
            } catch { throw UsageError(description: error.description) }
        }
        let loaded: Checkpoint
        do { loaded = try Checkpoint.load(from: file) } catch { throw UsageError(description: error.description) }
        guard loaded.worldHash == spec.hash, loaded.seed == spec.evolution.seed else {
            throw UsageError(description: "checkpoint '\(file)' belongs to another world or seed (\(loaded.worldHash)) than '\(runDir.worldFile)'")
        }
        return (GenerationSession(spec: spec, state: loaded.state, threads: threads, runDirectory: runDir,
                                  checkpointEvery: checkpointEvery), runDir.path, runDir)
    }
}

import ArgumentParser
import Foundation
import NTMBrain
import NTMEvolution
import NTMViewer
import NTMWorld

/// `ntmlife replay`: re-run a saved genome's recorded evaluation and check it bit for bit.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Replay a saved genome under its recorded evaluation and check the fitness bit for bit.",
        discussion: """
            The world is --world if given, else the run directory's world.toml (for a genome \
            in RUN_DIR/best/), else the shipped world the record names; its hash must match the \
            record. Prints the fitness, the world's decisions and a trajectory hash. A plain \
            replay checks reproduction: exit status 1 if it does not give the recorded fitness \
            exactly. With an intervention (--seed, --lesion, --memory off, another world, a live \
            lesion in the window) it is an experiment: the result is printed beside the recorded \
            one, not compared, and the exit status is 0.
            """
    )

    @Argument(help: "A genome file (e.g. RUN_DIR/best/gen-00039.genome.json).")
    var genome: String

    @Option(help: "World name or .toml path (default: the one the genome was evaluated in).")
    var world: String?

    @Option(help: "Replay with another run seed (the result is then not compared).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Write one CSV row per agent per tick to this file.", valueName: "FILE.csv"))
    var trace: String?

    @Option(help: ArgumentHelp("wipe@T: zero the tapes once at tick T; remove@T: no tape from tick T on (reads 0, no writes); freeze@T: no writes from tick T on; shuffle-keys: every read uses a random key.", valueName: "LESION"))
    var lesion: Lesion?

    @Option(help: "Replay with the tape off (an intervention: the result is not compared).")
    var memory: TapeCondition?

    @Option(help: ArgumentHelp("Write a PNG of the arena after every tick to this directory (agent 0's rays shown).", valueName: "DIR"))
    var frames: String?

    @Option(help: ArgumentHelp("Encode the arena after every tick as an MP4 video (needs ffmpeg; 30 frames per second, one per tick).", valueName: "FILE.mp4"))
    var video: String?

    @Flag(help: "Show the replay in a window (with the inspector); the result is the same as headless.")
    var window = false

    @Option(help: WindowSize.help)
    var size: WindowSize = .standard

    @Option(help: ArgumentHelp("With --window: feed synthetic input events from this file (see `ntmlife watch`).", valueName: "FILE"))
    var script: String?

    func validate() throws {
        if window && frames != nil { throw ValidationError("--frames and --window do not combine; in the window, F12 saves a screenshot") }
        if window && video != nil { throw ValidationError("--video and --window do not combine (the video is drawn headless)") }
        if script != nil && !window { throw ValidationError("--script needs --window") }
    }

    func run() throws {
        if window {
            do { try Window.requireDisplay() } catch { throw RuntimeFailure(description: "\(error)") }
        }
        let (g, experiment, worldFile) = try Self.load(genome: genome, world: world)
        var spec = experiment.world
        if let memory { spec.brain.memory = memory.ablation }
        var replay = Replay(spec: spec, genome: g, defaults: experiment.setup)
        if let seed { replay.seed = seed }
        replay.lesion = lesion

        var writer: TraceWriter?
        if let trace { writer = try TraceWriter(path: trace, world: spec) }
        var frameWriter: FrameWriter?
        if let frames { frameWriter = try FrameWriter(directory: frames) }
        let videoWriter = try video.map(ArenaVideo.init)
        let traceSink = writer.map { w in { (row: Replay.TraceRow) in w.append(row) } }
        var intervened = false
        let result: Replay.Result
        if window {
            guard let r = try runInWindow(replay, trace: traceSink, intervened: &intervened) else {
                if let writer { try writer.finish() }
                print("window closed before the replay ended (tick \(replay.spec.episode.ticks) of each of \(replay.episodes) episodes not reached): no result")
                throw ExitCode(130)
            }
            result = r
        } else {
            let sinks = [frameWriter.map { f in { f.write(episode: $0, arena: $1) } },
                         videoWriter.map { v in { v.write(episode: $0, arena: $1) } }].compactMap { $0 }
            result = replay.run(trace: traceSink, frame: sinks.isEmpty ? nil : { e, a in for s in sinks { s(e, a) } })
        }
        if let writer { try writer.finish() }
        if let frameWriter { try frameWriter.finish() }
        if let videoWriter {
            let frames = try videoWriter.writer.finish()
            print("video: \(videoWriter.writer.path) (\(frames) frames, one per tick)")
        }

        let record = g.evaluation
        print("genome \(g.id) in '\(spec.name)' (\(worldFile)), seed \(replay.seed), generation \(replay.generation), \(replay.episodes) episode(s), \(spec.episode.agentsPerArena == 1 ? "solo" : "arena of clones")")
        var changes: [String] = []
        if let lesion { changes.append("lesion \(lesion)") }
        if let memory { changes.append("memory \(memory.rawValue)") }
        if let seed { changes.append("seed \(seed)") }
        if let record, record.worldHash != spec.hash, memory == nil { changes.append("another world than the recorded one") }
        if !changes.isEmpty { print("intervention: " + changes.joined(separator: ", ")) }
        print("fitness: \(result.fitness)")
        if let kind = spec.decisions {
            let d = result.episodeDecisions.reduce(DecisionCount(), +)
            print(DecisionReport(d, kind).line)
        }
        print("trajectory hash: \(result.trajectoryHash)")
        if let trace { print("trace: \(trace)") }
        if let frameWriter { print("frames: \(frameWriter.count) PNGs in \(frameWriter.directory) (e.g. ffmpeg -framerate 30 -i \(frameWriter.directory)/e0-t%05d.png replay.mp4)") }
        guard let record, record.arrangement != .ecosystem else {
            print(record == nil ? "no recorded evaluation to compare with" : "recorded in a living ecosystem: its score depends on the whole population and is not replayed")
            return
        }
        if intervened { changes.append("a live lesion in the window") }
        if !changes.isEmpty {
            print("recorded fitness \(record.fitness) (not compared: an experiment, not a reproduction: \(changes.joined(separator: ", ")))")
        } else if result.fitness.bitPattern == record.fitness.bitPattern {
            print("recorded fitness \(record.fitness): reproduced bit for bit")
        } else {
            print("recorded fitness \(record.fitness): NOT reproduced")
            throw RuntimeFailure(description: "replay of '\(genome)' gave fitness \(result.fitness), but the file records \(record.fitness)")
        }
    }

    /// The replay in a window: the same ``Replay/Runner`` stepped at the window's pace, the
    /// window closing itself at the end. nil if the user closed it first.
    func runInWindow(_ replay: Replay, trace: ((Replay.TraceRow) -> Void)?, intervened: inout Bool) throws -> Replay.Result? {
        let inputScript: InputScript?
        do { inputScript = try script.map(InputScript.load) } catch { throw UsageError(description: "\(error)") }
        let session = ReplaySession(replay: replay, loops: false, trace: trace)
        let window: Window
        do { window = try Window(title: "ntmlife · \(session.title)", width: size.width, height: size.height) } catch { throw RuntimeFailure(description: "\(error)") }
        let app = try WatchApp(session: session, outputDirectory: ".")
        app.script = inputScript
        app.exitWhenFinished = true
        if VideoWriter.ffmpeg() != nil {
            app.makeRecorder = { path, width, height in try VideoWriter(path: path, width: width, height: height) }
        }
        if let failure = app.run(in: window) { throw RuntimeFailure(description: failure) }
        for file in app.written { print("wrote \(file)") }
        intervened = session.intervened
        return session.result
    }

    /// A genome file and the world it belongs in (see ``resolveWorld(for:genome:world:)``),
    /// checked to fit each other. Every problem is a usage error (exit 2) naming the file.
    static func load(genome: String, world: String?) throws -> (Genome, Experiment, String) {
        let g: Genome
        do { g = try Genome.load(from: genome) } catch { throw UsageError(description: error.description) }
        let (experiment, worldFile) = try resolveWorld(for: g, genome: genome, world: world)
        let spec = experiment.world
        guard spec.architecture == g.architecture else {
            throw UsageError(description: "genome '\(genome)' has a brain of another architecture than world '\(worldFile)' (\(g.architecture.parameterCount) vs \(spec.architecture.parameterCount) parameters, \(g.architecture.sensorCount) vs \(spec.architecture.sensorCount) sensors)")
        }
        try RunError.bridge { () throws(RunError) in
            try MemoryBudget.check(replaying: spec, threads: ProcessInfo.processInfo.activeProcessorCount)
        }
        return (g, experiment, worldFile)
    }

    /// The world to replay in, and where it came from: `--world`; else, for a genome in a
    /// run directory (its hall of fame, `best/`, `saved/`), that run's world; else the
    /// shipped world the record names. A candidate counts only if its hash is the record's.
    static func resolveWorld(for g: Genome, genome: String, world: String?) throws -> (Experiment, String) {
        if let world {
            let path = try WorldLocator.path(for: world)
            let spec = try WorldLocator.load(path)
            if let record = g.evaluation, record.worldHash != spec.world.hash {
                FileManager.default.standardError("note: '\(path)' is not the world the genome was evaluated in; the fitness will not be comparable\n")
            }
            return (spec, path)
        }
        let dir = URL(fileURLWithPath: genome).deletingLastPathComponent()
        var candidates: [String] = []
        // A run's own world: beside the genome (RUN_DIR/hall-of-fame.genome.json) or one up
        // (RUN_DIR/best/, RUN_DIR/saved/).
        for runDir in [dir, dir.deletingLastPathComponent()] {
            let runWorld = runDir.appendingPathComponent("world.toml").path
            if FileManager.default.fileExists(atPath: runWorld) && !candidates.contains(runWorld) { candidates.append(runWorld) }
        }
        if let name = g.evaluation?.worldHash.name, let shipped = try? WorldLocator.path(for: name) {
            candidates.append(shipped)
        }
        guard let record = g.evaluation else {
            guard let first = candidates.first else {
                throw UsageError(description: "genome '\(genome)' records no evaluation; give the world with --world")
            }
            return (try WorldLocator.load(first), first)
        }
        for path in candidates {
            let spec = try WorldLocator.load(path)
            if spec.world.hash == record.worldHash { return (spec, path) }
        }
        throw UsageError(description: "cannot find the world genome '\(genome)' was evaluated in (\(record.worldHash)); give it with --world")
    }
}

extension FileManager {
    func standardError(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}


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

    @OptionGroup var options: RunOptions

    @Option(help: ArgumentHelp("Feed synthetic input events from this file (for demos and tests; see the README).", valueName: "FILE"))
    var script: String?

    @Option(help: WindowSize.help)
    var size: WindowSize = .standard

    @Flag(help: "Close the window once the run (or the replay) is complete.")
    var exitWhenDone = false

    func run() throws {
        let inputScript: InputScript?
        do { inputScript = try script.map(InputScript.load) } catch { throw UsageError(description: "\(error)") }
        // No display: say so now, before a run directory is made.
        do { try Window.requireDisplay() } catch { throw RuntimeFailure(description: "\(error)") }
        let (session, output, run) = try makeSession()
        let window: Window
        do { window = try Window(title: "ntmlife · \(session.title)", width: size.width, height: size.height) } catch {
            throw RuntimeFailure(description: "\(error)")
        }
        let app = try WatchApp(session: session, outputDirectory: output)
        app.script = inputScript
        app.exitWhenFinished = exitWhenDone
        if VideoWriter.ffmpeg() != nil {
            app.makeRecorder = { path, width, height in try VideoWriter(path: path, width: width, height: height) }
        }
        let failure = app.run(in: window)
        (session as? GenerationSession)?.settle()
        for file in app.written { print("wrote \(file)") }
        print("closed after \(app.frame) frames, \(app.ticks) ticks on screen: \(session.status)")
        if let run {
            try RunError.bridge { () throws(RunError) in try run.finish() }
            if let last = session.stats.last {
                print(String(format: "last finished: %d, best %.2f, mean %.2f", last.generation, last.best, last.mean))
            }
            print("run directory: \(run.directory.path) (continue headless: \(Invocation.command("evolve", "--resume", run.directory.path)))")
        }
        if let failure { throw RuntimeFailure(description: failure) }
    }

    /// The session for the target, where S and F12 write, and the run if one is evolving.
    func makeSession() throws -> (LiveSession, String, EvolutionRun?) {
        if let genome {
            let (g, experiment, _) = try ReplayCommand.load(genome: genome, world: target)
            var replay = Replay(spec: experiment.world, genome: g, defaults: experiment.setup)
            if let seed = options.seed { replay.seed = seed }
            return (ReplaySession(replay: replay, loops: true), ".", nil)
        }
        let run: EvolutionRun
        var isDirectory: ObjCBool = false
        if let target, FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            run = try options.resume(target)
        } else if let target, target.hasSuffix(".ckpt"), FileManager.default.fileExists(atPath: target) {
            let runPath = URL(fileURLWithPath: target).deletingLastPathComponent().deletingLastPathComponent().path
            run = try options.resume(runPath, checkpoint: target)
        } else {
            run = try options.start(world: target)
        }
        let session: LiveSession = run.ecosystem != nil ? EcosystemSession(run: run) : GenerationSession(run: run)
        return (session, run.directory.path, run)
    }
}

import ArgumentParser
import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld

/// The options shared by every command that starts or continues a run (`evolve`, `watch`).
struct RunOptions: ParsableArguments {
    @Option(help: "Generations to run in total (default: the world's).")
    var generations: Int?

    @Option(help: "Run seed for a new run (default: the world's).")
    var seed: UInt64?

    @Option(help: "Run directory for a new run (default: runs/WORLD-seedSEED, or the next free runs/WORLD-seedSEED-N).")
    var out: String?

    @Option(help: "Worker threads (default: all cores). Does not change results.")
    var threads: Int?

    @Option(help: "Write a checkpoint every N generations (the last generation always gets one).")
    var checkpointEvery = 1

    func validate() throws {
        if let generations, !EvolutionSetup.generationCounts.contains(generations) {
            throw ValidationError("--generations must be between 1 and \(EvolutionSetup.generationCounts.upperBound), got \(generations)")
        }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024, got \(threads)") }
        if out?.isEmpty == true { throw ValidationError("--out is empty; give the run directory's path") }
        if checkpointEvery < 1 { throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)") }
    }

    var threadCount: Int { threads ?? ProcessInfo.processInfo.activeProcessorCount }

    /// A new run of `world` (a name or a path) with these options and the overrides given.
    func start(world: String?, population: Int? = nil, memory: TapeCondition? = nil) throws -> EvolutionRun {
        var experiment = try WorldLocator.load(WorldLocator.path(for: world))
        experiment.override(population: population, generations: generations, seed: seed, memory: memory?.ablation)
        let out = out ?? Self.freeRunDirectory("runs/\(experiment.world.name)-seed\(experiment.setup.seed)")
        let run = try RunError.bridge { () throws(RunError) in
            try EvolutionRun.start(experiment, in: RunDirectory(path: out), provenance: .current, threads: threadCount)
        }
        run.checkpointEvery = checkpointEvery
        return run
    }

    /// The run in `directory` continued from `checkpoint` (default: its newest).
    func resume(_ directory: String, checkpoint: String? = nil) throws -> EvolutionRun {
        if seed != nil || out != nil {
            throw ValidationError("a run directory or checkpoint continues a run as it was set up; --seed and --out apply to new runs only")
        }
        let run = try RunError.bridge { () throws(RunError) in
            try EvolutionRun.resume(RunDirectory(path: directory), generations: generations, checkpoint: checkpoint,
                                    provenance: .current, threads: threadCount)
        }
        run.checkpointEvery = checkpointEvery
        return run
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
}

extension RunError {
    /// Runs `body`, turning a run error into the command line's errors: bad input exits 2,
    /// a failure at run time exits 1.
    static func bridge<T>(_ body: () throws(RunError) -> T) throws -> T {
        do { return try body() } catch {
            switch error {
            case .input(let m): throw UsageError(description: m)
            case .runtime(let m): throw RuntimeFailure(description: m)
            }
        }
    }
}

extension RunProvenance {
    /// This process: the tool's version, the git revision of the build, the command line.
    static var current: RunProvenance {
        RunProvenance(version: NTMLifeCommand.version, gitRevision: buildRevision, commandLine: CommandLine.arguments)
    }

    /// The revision of the checkout this executable was built in (it lives in that
    /// checkout's `.build/`), with `+dirty` when tracked files differ from it; "unknown" for an
    /// executable outside any checkout (copied or installed). Not the revision of the
    /// directory the run was started from, which may be any other project.
    static let buildRevision: String = {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        guard executable.contains("/.build/") else { return "unknown" }
        let checkout = String(executable[..<executable.range(of: "/.build/")!.lowerBound])
        guard let rev = git(["-C", checkout, "rev-parse", "HEAD"]), !rev.isEmpty else { return "unknown" }
        let changes = git(["-C", checkout, "status", "--porcelain", "--untracked-files=no"]) ?? ""
        return changes.isEmpty ? rev : rev + "+dirty"
    }()

    /// git's output, or nil if it fails.
    static func git(_ arguments: [String]) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git"] + arguments
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : nil
    }
}

/// A failure at run time (disk full, permission denied): exit status 1.
struct RuntimeFailure: Error, CustomStringConvertible {
    var description: String
}

/// The tape as an evolution or an experiment may set it: the full machine, or none.
/// ("frozen" from birth would equal "off": the tape starts empty; to stop learning part of
/// the way through a life, use the lesion freeze@T.)
enum TapeCondition: String, CaseIterable, ExpressibleByArgument {
    case full, off
    var ablation: Ablation.Memory { self == .full ? .full : .off }
}

extension Lesion: ExpressibleByArgument {}

/// "decisions: 97 right of 104 (accuracy 0.933; chance 0.5)".
struct DecisionReport {
    var count: DecisionCount
    var kind: WorldSpec.Decisions
    init(_ count: DecisionCount, _ kind: WorldSpec.Decisions) { (self.count, self.kind) = (count, kind) }

    var accuracy: Double? { count.made > 0 ? Double(count.right) / Double(count.made) : nil }

    var line: String {
        let acc = accuracy.map { String(format: "%.3f", $0) } ?? "n/a"
        let uninformed = count.all - count.made
        return "decisions: \(count.right) right of \(count.made) (accuracy \(acc); chance \(kind.chance))"
            + (uninformed > 0 ? "; \(uninformed) more not yet informed" : "")
    }
}

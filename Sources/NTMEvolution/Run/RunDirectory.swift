import Foundation
import NTMBrain
import NTMWorld

/// The files of one run, all written atomically (a temporary file, then a rename), so that a
/// crash or SIGKILL at any moment leaves every file either old or new, never half-written.
///
///     RUN_DIR/run.json                      manifest (version, revision, command, seed, world, times)
///     RUN_DIR/world.toml                    the fully resolved world and its evolution setup
///     RUN_DIR/stats.csv                     one row per generation (or epoch)
///     RUN_DIR/best/gen-NNNNN.genome.json    each generation's champion (its best on the selection episodes)
///     RUN_DIR/hall-of-fame.genome.json      the run's best champion on fresh episodes
///     RUN_DIR/checkpoints/gen-NNNNN.ckpt    the state entering generation NNNNN
///     RUN_DIR/saved/…                       genomes saved from the window
///
/// This type knows where the files are and how to write one; ``EvolutionRun`` decides what
/// is written when.
public struct RunDirectory: Sendable {
    public let path: String
    /// Checkpoints kept besides the newest (older ones are pruned).
    public var keepCheckpoints = 2

    public init(path: String) { self.path = path }

    public var worldFile: String { path + "/world.toml" }
    public var statsFile: String { path + "/stats.csv" }
    public var manifestFile: String { path + "/run.json" }
    public var checkpointDirectory: String { path + "/checkpoints" }
    public var bestDirectory: String { path + "/best" }
    public var savedDirectory: String { path + "/saved" }
    /// The run's best champion by its fitness on fresh episodes (see ``EvolutionState/hallOfFame``).
    public var hallOfFameFile: String { path + "/hall-of-fame.genome.json" }

    public func checkpointFile(_ generation: Int) -> String { checkpointDirectory + "/gen-\(Self.pad(generation)).ckpt" }
    public func championFile(_ generation: Int) -> String { bestDirectory + "/gen-\(Self.pad(generation)).genome.json" }
    /// Where a run's emigrants go (EvolutionRun+Migration.swift): `emigrants/gen-NNNNN/rank-R.genome.json`.
    public var emigrantsDirectory: String { path + "/emigrants" }
    public func emigrantsDirectory(_ generation: Int) -> String { emigrantsDirectory + "/gen-\(Self.pad(generation))" }
    public func emigrantFile(_ generation: Int, rank: Int) -> String { emigrantsDirectory(generation) + "/rank-\(rank).genome.json" }
    public static func pad(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, 5 - s.count)) + s }


    public func create() throws {
        for dir in [path, checkpointDirectory, bestDirectory] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    /// Writes `data` to `file` atomically: the one way every file of a run is written.
    public static func write(_ data: Data, to file: String) throws {
        try FileAccess.write(data, to: file)
    }

    public func writeStats(_ stats: [GenerationStats]) throws {
        let text = ([GenerationStats.csvHeader] + stats.map(\.csvRow)).joined(separator: "\n") + "\n"
        try Self.write(Data(text.utf8), to: statsFile)
    }

    /// Writes a checkpoint file's bytes atomically and prunes all but the newest few.
    public func writeCheckpoint(_ data: Data, generation: Int) throws {
        try Self.write(data, to: checkpointFile(generation))
        let all = checkpointGenerations()
        for g in all.dropLast(keepCheckpoints + 1) {
            try? FileManager.default.removeItem(atPath: checkpointFile(g))
        }
    }

    /// Generations that have a checkpoint file, ascending.
    public func checkpointGenerations() -> [Int] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: checkpointDirectory)) ?? []
        return names.compactMap { name -> Int? in
            guard name.hasPrefix("gen-"), name.hasSuffix(".ckpt") else { return nil }
            return Int(name.dropFirst(4).dropLast(5))
        }.sorted()
    }

    /// The newest checkpoint of a generational run.
    public func latestCheckpoint() throws(CheckpointError) -> Checkpoint {
        guard let g = checkpointGenerations().last else {
            throw CheckpointError(path: checkpointDirectory, message: "has no checkpoint to resume from")
        }
        return try Checkpoint.load(from: checkpointFile(g))
    }

    /// Writes `run.json`: who made the run and how, what it runs, and when it started (kept
    /// from the existing manifest, as is the command that started it) and finished.
    public func writeManifest(_ experiment: Experiment, provenance: RunProvenance, finished: Bool) throws {
        let (world, setup) = (experiment.world, experiment.setup)
        var manifest: [String: Any] = [
            "tool": "ntmlife", "version": provenance.version, "git_revision": provenance.gitRevision,
            "command_line": provenance.commandLine, "seed": String(setup.seed),
            "world": world.name, "world_hash": world.hash.description, "world_file": "world.toml",
            "setup": setup.identity.hex, "generations": setup.generations, "population": setup.population,
            "algorithm": experiment.isOpenEnded ? "ecosystem" : setup.algorithm,
        ]
        let now = ISO8601DateFormatter().string(from: Date())
        let previous = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestFile)))) as? [String: Any]
        manifest["started"] = previous?["started"] ?? now
        // The command that started the run stays; each later one (a resume) is listed after it.
        if let original = previous?["command_line"] as? [String] {
            manifest["command_line"] = original
            var later = previous?["resumed_with"] as? [[String]] ?? []
            if provenance.commandLine != original && later.last != provenance.commandLine { later.append(provenance.commandLine) }
            if !later.isEmpty { manifest["resumed_with"] = later }
        }
        if finished { manifest["finished"] = now }
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        try Self.write(data + Data("\n".utf8), to: manifestFile)
    }
}

/// Who started a run, for its manifest.
public struct RunProvenance: Sendable {
    public var version: String
    public var gitRevision: String
    public var commandLine: [String]

    public init(version: String, gitRevision: String, commandLine: [String]) {
        (self.version, self.gitRevision, self.commandLine) = (version, gitRevision, commandLine)
    }
}

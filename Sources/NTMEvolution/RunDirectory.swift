import Foundation
import NTMBrain
import NTMWorld

/// The files of one run, all written atomically (a temporary file, then a rename), so that a
/// crash or SIGKILL at any moment leaves every file either old or new, never half-written.
///
///     RUN_DIR/run.json                      manifest (version, revision, command, seed, world, times)
///     RUN_DIR/world.toml                    the fully resolved world
///     RUN_DIR/stats.csv                     one row per generation
///     RUN_DIR/best/gen-NNNNN.genome.json    each generation's champion
///     RUN_DIR/checkpoints/gen-NNNNN.ckpt    the population entering generation NNNNN
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

    public func checkpointFile(_ generation: Int) -> String { checkpointDirectory + "/gen-\(Self.pad(generation)).ckpt" }
    public func championFile(_ generation: Int) -> String { bestDirectory + "/gen-\(Self.pad(generation)).genome.json" }
    static func pad(_ n: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, 5 - s.count)) + s }

    public func create() throws {
        for dir in [path, checkpointDirectory, bestDirectory] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        }
    }

    /// Writes `data` to `file` atomically.
    public static func write(_ data: Data, to file: String) throws {
        try data.write(to: URL(fileURLWithPath: file), options: .atomic)
    }

    public func writeStats(_ stats: [GenerationStats]) throws {
        let text = ([GenerationStats.csvHeader] + stats.map(\.csvRow)).joined(separator: "\n") + "\n"
        try Self.write(Data(text.utf8), to: statsFile)
    }

    public func writeCheckpoint(_ checkpoint: Checkpoint) throws {
        try writeCheckpoint(checkpoint.fileData(), generation: checkpoint.state.generation)
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

    /// The newest checkpoint.
    public func latestCheckpoint() throws(CheckpointError) -> Checkpoint {
        guard let g = checkpointGenerations().last else {
            throw CheckpointError(path: checkpointDirectory, message: "has no checkpoint to resume from")
        }
        return try Checkpoint.load(from: checkpointFile(g))
    }
}

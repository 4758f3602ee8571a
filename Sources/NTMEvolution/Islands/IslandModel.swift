import Foundation
import NTMBrain
import NTMWorld

/// K populations evolving apart, with k migrants every M generations along a ring: the island
/// model, as ordinary run directories and resumable `evolve` commands, so that any scheduler
/// (local processes, Ray, a Slurm array) can run it and every one gives the same champions.
///
///     DIR/islands.json           the manifest: arguments, progress, and (at the end) the champions
///     DIR/world.toml             the world and setup every island starts from
///     DIR/island-I/              island I's run directory, seed S + I
///
/// Generations 0 ..< G are cut into segments [s, e) of M (the last may be shorter). Segment
/// by segment, every island runs `evolve --resume DIR/island-I --generations e`; all must
/// finish (the barrier) before the next segment starts. At the end of each segment but the
/// last, each island writes its k best champions of the segment, ranked on its fresh
/// hall-of-fame episodes (``EvolutionRun/emigrate(_:)``), and island I + 1 (mod K) takes
/// island I's in at the start of the next (``EvolutionRun/admit(_:at:)``). What an island
/// receives depends on nothing but the arguments, never on which island finished first.
public struct IslandModel: Sendable, Equatable {
    public var islands: Int
    public var migrateEvery: Int
    public var migrants: Int
    public var generations: Int
    public var seed: UInt64
    /// Each island's checkpoint interval within a segment (every segment's end always gets
    /// one). Checkpoints never change results; fewer of them spare a shared file system.
    public var checkpointEvery: Int

    public init(islands: Int, migrateEvery: Int, migrants: Int, generations: Int, seed: UInt64, checkpointEvery: Int = 1) {
        (self.islands, self.migrateEvery, self.migrants, self.generations, self.seed) = (islands, migrateEvery, migrants, generations, seed)
        self.checkpointEvery = checkpointEvery
    }

    /// What is wrong with these arguments for a world of this population, if anything.
    public func problem(population: Int) -> String? {
        if !(2...1024).contains(islands) { return "--islands must be between 2 and 1024, got \(islands)" }
        if !(1...generations).contains(migrateEvery) { return "--migrate-every must be between 1 and --generations (\(generations)), got \(migrateEvery)" }
        if !(1...migrateEvery).contains(migrants) { return "--migrants must be between 1 and --migrate-every (\(migrateEvery): an island sends champions of the segment's generations), got \(migrants)" }
        if migrants >= population { return "--migrants \(migrants) would replace the whole population of \(population)" }
        return nil
    }

    /// The segments [start, end) of the run, in order.
    public var segments: [Range<Int>] {
        stride(from: 0, to: generations, by: migrateEvery).map { $0 ..< min($0 + migrateEvery, generations) }
    }

    public func islandDirectory(_ dir: String, _ i: Int) -> String { dir + "/island-\(i)" }
    public func seed(ofIsland i: Int) -> UInt64 { seed &+ UInt64(i) }
    /// The island whose emigrants island i receives.
    public func source(of i: Int) -> Int { (i + islands - 1) % islands }

    /// The `ntmlife` arguments that run island i through segment s.
    public func arguments(island i: Int, segment s: Int, in dir: String) -> [String] {
        let range = segments[s]
        var a = ["evolve", "--resume", islandDirectory(dir, i), "--generations", String(range.upperBound), "--threads", "1"]
        if checkpointEvery != 1 { a += ["--checkpoint-every", String(checkpointEvery)] }
        if s > 0 {
            let from = RunDirectory(path: islandDirectory(dir, source(of: i)))
            a += ["--immigrants-at", String(range.lowerBound)]
            for r in 1...migrants { a += ["--immigrants", from.emigrantFile(range.lowerBound, rank: r)] }
        }
        if s < segments.count - 1 { a += ["--emigrants", String(migrants)] }
        return a
    }
}

extension IslandModel {
    /// `islands.json`.
    public struct Manifest: Codable, Equatable {
        public var format = "ntmlife-islands"
        public var version = 1
        public var world: String
        public var worldHash: String
        public var islands: Int
        public var migrateEvery: Int
        public var migrants: Int
        public var generations: Int
        public var seed: String
        /// Absent in manifests that never set it: 1.
        public var checkpointEvery: Int?
        /// Segments every island has finished (the barrier passed).
        public var segmentsDone: Int
        /// Each island's hall of fame once all segments are done: path (relative to DIR) and genome id.
        public var champions: [Champion]
        public var commandLine: [String]

        public struct Champion: Codable, Equatable {
            public var island: Int
            public var file: String
            public var id: String
            public var fitness: Double

            public init(island: Int, file: String, id: String, fitness: Double) {
                (self.island, self.file, self.id, self.fitness) = (island, file, id, fitness)
            }
        }
    }

    public func manifest(world: WorldSpec, segmentsDone: Int, champions: [Manifest.Champion], commandLine: [String]) -> Manifest {
        Manifest(world: world.name, worldHash: world.hash.description, islands: islands, migrateEvery: migrateEvery, migrants: migrants,
                 generations: generations, seed: String(seed), checkpointEvery: checkpointEvery == 1 ? nil : checkpointEvery, segmentsDone: segmentsDone, champions: champions, commandLine: commandLine)
    }

    public init?(_ m: Manifest) {
        guard m.format == "ntmlife-islands", m.version == 1, let seed = UInt64(m.seed) else { return nil }
        self.init(islands: m.islands, migrateEvery: m.migrateEvery, migrants: m.migrants, generations: m.generations, seed: seed,
                  checkpointEvery: m.checkpointEvery ?? 1)
    }

    public static func encode(_ m: Manifest) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try! encoder.encode(m)
    }

    public static func decode(_ data: Data) -> Manifest? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(Manifest.self, from: data)
    }
}

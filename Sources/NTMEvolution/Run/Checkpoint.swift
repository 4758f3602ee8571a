import Foundation
import NTMBrain
import NTMWorld

/// A checkpoint: everything needed to continue a run exactly, in one JSON file.
///
///     { "format": "ntmlife-checkpoint", "version": 2, "generation": 12, "seed": "…",
///       "world_hash": "forage:…", "setup": "…", "population": [ <genome records> ],
///       "auxiliary": [ "<base64 f32le>", … ], "hall_of_fame": <genome record> | null,
///       "stats": [ "<csv row>", … ],
///       "checksum": "fnv1a64:…" }
///
/// It holds the search state *entering* `generation` (``EvolutionState``: the algorithm's
/// population and auxiliary vectors) and the stats of the generations before it, and names
/// the world (``WorldHash``) and the evolution setup (``EvolutionSetup/identity``) it
/// belongs to. Random state needs no saving: every stream is keyed by (seed, generation, …).
public struct Checkpoint: Sendable {
    public static let fileFormat = "ntmlife-checkpoint"
    public static let fileVersion = 2

    public var state: EvolutionState
    public var seed: UInt64
    public var worldHash: WorldHash
    /// ``EvolutionSetup/identity`` of the run's setup.
    public var setup: StateHash

    public init(state: EvolutionState, world: WorldSpec, setup: EvolutionSetup) {
        self.init(state: state, seed: setup.seed, worldHash: world.hash, setup: setup.identity)
    }

    init(state: EvolutionState, seed: UInt64, worldHash: WorldHash, setup: StateHash) {
        (self.state, self.seed, self.worldHash, self.setup) = (state, seed, worldHash, setup)
    }

    /// Whether this checkpoint belongs to a run of `setup` in `world`.
    public func belongs(to world: WorldSpec, _ setup: EvolutionSetup) -> Bool {
        worldHash == world.hash && self.setup == setup.identity && seed == setup.seed
    }

    struct Header: Decodable {
        var format: String
        var version: Int

        /// Reads the file and checks its format and version before anything else is decoded.
        static func read(_ path: String, format: String, version: Int) throws(CheckpointError) -> Data {
            let data: Data
            do { data = try FileAccess.read(path) } catch { throw CheckpointError(path: path, message: error.message) }
            return try check(data, path: path, format: format, version: version)
        }

        /// Checks bytes said to come from `path`: strict JSON, then format and version.
        static func check(_ data: Data, path: String, format: String, version: Int) throws(CheckpointError) -> Data {
            if let problem = StrictJSON.problem(in: data) { throw CheckpointError(path: path, message: "is malformed: \(problem)") }
            let decoder = JSONDecoder()
            guard let header = try? decoder.decode(Header.self, from: data) else {
                throw CheckpointError(path: path, message: "is not a readable checkpoint (truncated or not JSON)")
            }
            guard header.format == format else {
                throw CheckpointError(path: path, message: "has format '\(header.format)', expected '\(format)'")
            }
            guard header.version == version else {
                throw CheckpointError(path: path, message: "has version \(header.version); this ntmlife reads version \(version)")
            }
            return data
        }
    }

    struct Record: Codable {
        var format: String
        var version: Int
        var generation: Int
        var seed: String
        var worldHash: String
        var setup: String
        var population: [GenomeFileRecord]
        var auxiliary: [String]
        var hallOfFame: GenomeFileRecord?
        var stats: [String]
        var checksum: String
    }

    func checksum() -> Checksum {
        var h = StateHash()
        h.combine(string: Self.fileFormat)
        h.combine(UInt64(Self.fileVersion))
        h.combine(UInt64(bitPattern: Int64(state.generation)))
        h.combine(seed)
        h.combine(string: worldHash.description)
        h.combine(setup.value)
        for g in state.population { h.combine(g.checksum().value) }
        for v in state.auxiliary { h.combine(UInt64(v.count)); h.combine(floats: v) }
        h.combine(state.hallOfFame?.checksum().value ?? 0)
        for s in state.stats { h.combine(string: s.csvRow) }
        return Checksum(h)
    }

    public func fileData() -> Data {
        let record = Record(format: Self.fileFormat, version: Self.fileVersion, generation: state.generation,
                            seed: hex64(seed), worldHash: worldHash.description, setup: setup.hex,
                            population: state.population.map(GenomeFileRecord.init),
                            auxiliary: state.auxiliary.map(FloatBits.encode), hallOfFame: state.hallOfFame.map(GenomeFileRecord.init),
                            stats: state.stats.map(\.csvRow), checksum: checksum().description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try! encoder.encode(record)
    }

    /// Reads and validates a checkpoint; any defect is a ``CheckpointError`` naming the file.
    public static func load(from path: String) throws(CheckpointError) -> Checkpoint {
        try decode(try Header.read(path, format: fileFormat, version: fileVersion), path: path)
    }

    /// Decodes and validates a checkpoint file's bytes; `path` names it in errors.
    public static func decode(_ data: Data, path: String) throws(CheckpointError) -> Checkpoint {
        func fail(_ message: String) -> CheckpointError { CheckpointError(path: path, message: message) }
        let data = try Header.check(data, path: path, format: fileFormat, version: fileVersion)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let record: Record
        do {
            record = try decoder.decode(Record.self, from: data)
        } catch {
            throw fail("is malformed: \(Genome.describe(error))")
        }
        guard record.generation >= 0 else { throw fail("has a negative generation (\(record.generation))") }
        guard let seed = UInt64(record.seed, radix: 16) else { throw fail("has an invalid seed '\(record.seed)'") }
        guard let worldHash = WorldHash(parsing: record.worldHash) else { throw fail("has an invalid world hash '\(record.worldHash)'") }
        guard let setup = UInt64(record.setup, radix: 16) else { throw fail("has an invalid setup hash '\(record.setup)'") }
        var population: [Genome] = []
        for (i, r) in record.population.enumerated() {
            let g: Genome
            do {
                g = try r.genome()
            } catch {
                throw fail("genome \(i): \(error.description)")
            }
            guard Checksum(parsing: r.checksum) == g.checksum() else { throw fail("genome \(i) fails its checksum; the file is damaged") }
            population.append(g)
        }
        var auxiliary: [[Float]] = []
        for (i, text) in record.auxiliary.enumerated() {
            guard let v = FloatBits.decode(text) else { throw fail("has a damaged auxiliary vector \(i)") }
            auxiliary.append(v)
        }
        var hall: Genome?
        if let r = record.hallOfFame {
            do { hall = try r.genome() } catch { throw fail("hall of fame: \(error.description)") }
            guard Checksum(parsing: r.checksum) == hall!.checksum(), hall!.evaluation != nil else {
                throw fail("hall of fame fails its checksum or has no record; the file is damaged")
            }
        }
        var stats: [GenerationStats] = []
        for row in record.stats {
            guard let s = GenerationStats(csvRow: row) else { throw fail("has a malformed stats row '\(row)'") }
            stats.append(s)
        }
        guard !population.isEmpty else { throw fail("has an empty population") }
        let checkpoint = Checkpoint(state: EvolutionState(generation: record.generation, population: population,
                                                          auxiliary: auxiliary, stats: stats, hallOfFame: hall),
                                    seed: seed, worldHash: worldHash, setup: StateHash(value: setup))
        let computed = checkpoint.checksum()
        guard Checksum(parsing: record.checksum) == computed else {
            throw fail("fails its checksum (stored \(record.checksum), content gives \(computed)); the file is damaged")
        }
        return checkpoint
    }
}

/// A checkpoint that cannot be used.
public struct CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "checkpoint '\(path)' \(message)" }
}

import Foundation
import NTMBrain

/// A checkpoint: everything needed to continue a run exactly, in one JSON file.
///
///     { "format": "ntmlife-checkpoint", "version": 1, "generation": 12, "seed": "…",
///       "world_hash": "forage:…", "population": [ <genome records> ], "stats": [ "<csv row>", … ],
///       "checksum": "fnv1a64:…" }
///
/// It holds the population *entering* `generation` and the stats of the generations before
/// it. Random state needs no saving: every stream is keyed by (seed, generation, …).
public struct Checkpoint: Sendable {
    public static let fileFormat = "ntmlife-checkpoint"
    public static let fileVersion = 1

    public var state: EvolutionState
    public var seed: UInt64
    public var worldHash: String

    public init(state: EvolutionState, seed: UInt64, worldHash: String) {
        self.state = state
        self.seed = seed
        self.worldHash = worldHash
    }

    struct Header: Decodable {
        var format: String
        var version: Int

        /// Reads the file and checks its format and version before anything else is decoded.
        static func read(_ path: String, format: String, version: Int) throws(CheckpointError) -> Data {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CheckpointError(path: path, message: "cannot be read")
            }
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
        var population: [GenomeFileRecord]
        var stats: [String]
        var checksum: String
    }

    func checksum() -> String {
        var h = StateHash()
        h.combine(string: Self.fileFormat)
        h.combine(UInt64(Self.fileVersion))
        h.combine(UInt64(state.generation))
        h.combine(seed)
        h.combine(string: worldHash)
        for g in state.population { h.combine(string: g.checksum()) }
        for s in state.stats { h.combine(string: s.csvRow) }
        return "fnv1a64:" + h.hex
    }

    public func fileData() -> Data {
        let record = Record(format: Self.fileFormat, version: Self.fileVersion, generation: state.generation,
                            seed: hex64(seed), worldHash: worldHash,
                            population: state.population.map { GenomeFileRecord($0, checksum: $0.checksum()) },
                            stats: state.stats.map(\.csvRow), checksum: checksum())
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try! encoder.encode(record)
    }

    /// Reads and validates a checkpoint; any defect is a ``CheckpointError`` naming the file.
    public static func load(from path: String) throws(CheckpointError) -> Checkpoint {
        let data = try Header.read(path, format: fileFormat, version: fileVersion)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let record: Record
        do {
            record = try decoder.decode(Record.self, from: data)
        } catch {
            throw CheckpointError(path: path, message: "is malformed: \(Genome.describe(error))")
        }
        guard let seed = UInt64(record.seed, radix: 16) else {
            throw CheckpointError(path: path, message: "has an invalid seed '\(record.seed)'")
        }
        var population: [Genome] = []
        for (i, r) in record.population.enumerated() {
            let g: Genome
            do {
                g = try r.genome()
            } catch {
                throw CheckpointError(path: path, message: "genome \(i): \(error.description)")
            }
            guard g.checksum() == r.checksum else {
                throw CheckpointError(path: path, message: "genome \(i) fails its checksum; the file is damaged")
            }
            population.append(g)
        }
        var stats: [GenerationStats] = []
        for row in record.stats {
            guard let s = GenerationStats(csvRow: row) else { throw CheckpointError(path: path, message: "has a malformed stats row '\(row)'") }
            stats.append(s)
        }
        guard !population.isEmpty else { throw CheckpointError(path: path, message: "has an empty population") }
        let checkpoint = Checkpoint(state: EvolutionState(generation: record.generation, population: population, stats: stats),
                                    seed: seed, worldHash: record.worldHash)
        let computed = checkpoint.checksum()
        guard computed == record.checksum else {
            throw CheckpointError(path: path, message: "fails its checksum (stored \(record.checksum), content gives \(computed)); the file is damaged")
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

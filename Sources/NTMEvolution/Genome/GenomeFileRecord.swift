import Foundation
import NTMBrain
import NTMWorld

/// Just enough of a genome file to decide whether the rest can be read.
struct GenomeFileHeader: Decodable {
    var format: String
    var version: Int
}

/// The on-disk shape of a genome, version 1. Field names become snake_case in the file.
struct GenomeFileRecord: Codable {
    struct Architecture: Codable {
        var sensorCount, motorCount, controllerWidth, controllerLayers: Int
        var gain: Float
        var keyWidth, density, valueWidth: Int
        var readClamp: Float
        var recurrentWidth: Int
        var signSeed: String
        /// The tape variant and its parameters; absent for the default hashed tape, so files
        /// written before variants existed read (and check) unchanged.
        var memoryKind: String?
        var memoryBlocks: Int?
        var memoryDecay: Float?
        var noveltyBits: Int?
        var noveltyVisits: Float?
        /// The LSH-switched controller's banks; absent for the plain controller.
        var controllerKind: String?
        var switchBanks: Int?

        init(_ a: BrainArchitecture) {
            (sensorCount, motorCount, controllerWidth, controllerLayers) = (a.sensorCount, a.motorCount, a.controllerWidth, a.controllerLayers)
            (gain, keyWidth, density, valueWidth) = (a.gain, a.keyWidth, a.density, a.valueWidth)
            (readClamp, recurrentWidth, signSeed) = (a.readClamp, a.recurrentWidth, hex64(a.signSeed))
            if a.switchBanks > 1 { (controllerKind, switchBanks) = ("lsh-switched", a.switchBanks) }
            switch a.memoryKind {
            case .hashed: break
            case .blocks(let bits): (memoryKind, memoryBlocks) = ("blocks", bits)
            case .decaying(let rate): (memoryKind, memoryDecay) = ("decaying", rate)
            case .noveltyGated(let bits, let visits): (memoryKind, noveltyBits, noveltyVisits) = ("novelty-gated", bits, visits)
            }
        }

        /// M, from `controller_kind` and `switch_banks` (both or neither).
        func banks() throws(GenomeFileError) -> Int {
            switch (controllerKind, switchBanks) {
            case (nil, nil), ("plain", nil): return 1
            case ("lsh-switched", let m?): return m
            case ("lsh-switched", nil):
                throw GenomeFileError(.malformed("'architecture.switch_banks' is missing; controller_kind \"lsh-switched\" needs it"))
            case (let kind?, _) where kind != "plain" && kind != "lsh-switched":
                throw GenomeFileError(.malformed("'architecture.controller_kind' is \"\(kind)\"; accepted: plain, lsh-switched"))
            default:
                throw GenomeFileError(.malformed("'architecture.switch_banks' applies only to controller_kind \"lsh-switched\""))
            }
        }

        /// The kind these fields name; each parameter must belong to it.
        func kind() throws(GenomeFileError) -> MemoryKind {
            let name = memoryKind ?? "hashed"
            func malformed(_ m: String) -> GenomeFileError { GenomeFileError(.malformed(m)) }
            let given = [("memory_blocks", memoryBlocks != nil, "blocks"), ("memory_decay", memoryDecay != nil, "decaying"),
                         ("novelty_bits", noveltyBits != nil, "novelty-gated"), ("novelty_visits", noveltyVisits != nil, "novelty-gated")]
            if let stray = given.first(where: { $0.1 && $0.2 != name }) {
                throw malformed("'architecture.\(stray.0)' applies only to memory_kind \"\(stray.2)\", not \"\(name)\"")
            }
            // A genome file names every parameter of its tape: a default that changed later
            // must not change what a saved brain does.
            func required<T>(_ value: T?, _ key: String) throws(GenomeFileError) -> T {
                guard let value else { throw malformed("'architecture.\(key)' is missing; memory_kind \"\(name)\" needs it") }
                return value
            }
            switch name {
            case "hashed": return .hashed
            case "blocks": return .blocks(bits: try required(memoryBlocks, "memory_blocks"))
            case "decaying": return .decaying(rate: try required(memoryDecay, "memory_decay"))
            case "novelty-gated": return .noveltyGated(bucketBits: try required(noveltyBits, "novelty_bits"),
                                                       halfVisits: try required(noveltyVisits, "novelty_visits"))
            default:
                throw malformed("'architecture.memory_kind' is \"\(name)\"; accepted: " + MemoryKind.names.joined(separator: ", "))
            }
        }
    }

    struct Parameters: Codable {
        var count: Int
        var encoding: String
        var data: String
    }

    struct Evaluation: Codable {
        var worldHash: String
        var seed: String
        var generation: Int
        var episodes: Int
        var arrangement: String
        var fitness: Double
        var fitnessBits: String
    }

    var format: String
    var version: Int
    var architecture: Architecture
    var parameters: Parameters
    var lineage: Lineage
    var evaluation: Evaluation?
    var checksum: String

    static let parameterEncoding = "f32le-base64"
    /// Generations a file may name: never negative, and far beyond any run's 10⁷.
    static let generations = 0...Int(Int32.max)
    static let maximumParents = 64

    init(_ genome: Genome) {
        let a = genome.architecture
        format = Genome.fileFormat
        version = Genome.fileVersion
        architecture = Architecture(a)
        parameters = Parameters(count: genome.parameters.count, encoding: Self.parameterEncoding,
                                data: FloatBits.encode(genome.parameters))
        lineage = genome.lineage
        evaluation = genome.evaluation.map {
            Evaluation(worldHash: $0.worldHash.description, seed: hex64($0.seed), generation: $0.generation, episodes: $0.episodes,
                       arrangement: $0.arrangement.rawValue, fitness: $0.fitness, fitnessBits: hex64($0.fitness.bitPattern))
        }
        checksum = genome.checksum().description
    }

    /// The validated genome (everything but the checksum, which the caller compares).
    func genome() throws(GenomeFileError) -> Genome {
        let r = architecture
        guard let signSeed = UInt64(r.signSeed, radix: 16) else {
            throw GenomeFileError(.malformed("'architecture.sign_seed' should be 16 hex digits, found '\(r.signSeed)'"))
        }
        let arch = BrainArchitecture(
            sensorCount: r.sensorCount, motorCount: r.motorCount, controllerWidth: r.controllerWidth,
            controllerLayers: r.controllerLayers, gain: r.gain, keyWidth: r.keyWidth, density: r.density,
            valueWidth: r.valueWidth, readClamp: r.readClamp, recurrentWidth: r.recurrentWidth, signSeed: signSeed,
            memoryKind: try r.kind(), switchBanks: try r.banks())
        do { try arch.validate() } catch { throw GenomeFileError(.invalidArchitecture(error)) }

        guard parameters.encoding == Self.parameterEncoding else {
            throw GenomeFileError(.malformed("'parameters.encoding' is '\(parameters.encoding)'; expected '\(Self.parameterEncoding)'"))
        }
        guard let bytes = Data(base64Encoded: parameters.data) else {
            throw GenomeFileError(.malformed("'parameters.data' is not valid base64"))
        }
        guard parameters.count == arch.parameterCount else {
            throw GenomeFileError(.wrongSize(expected: arch.parameterCount, found: parameters.count, what: "parameters declared"))
        }
        guard bytes.count == 4 * arch.parameterCount, let values = FloatBits.decode(parameters.data) else {
            throw GenomeFileError(.wrongSize(expected: 4 * arch.parameterCount, found: bytes.count, what: "bytes of parameter data"))
        }
        if let i = values.firstIndex(where: { !$0.isFinite }) {
            throw GenomeFileError(.nonFiniteParameter(index: i, bits: values[i].bitPattern))
        }
        let oddParent = lineage.parents.contains { $0.utf8.count != 16 || UInt64($0, radix: 16) == nil }
        guard lineage.parents.count <= Self.maximumParents, !oddParent else {
            throw GenomeFileError(.malformed("'lineage.parents' should be at most \(Self.maximumParents) ids of 16 hex digits each"))
        }
        guard Self.generations.contains(lineage.generation) else {
            throw GenomeFileError(.malformed("'lineage.generation' is \(lineage.generation); accepted: \(Self.generations.lowerBound) to \(Self.generations.upperBound)"))
        }
        var record: EvaluationRecord?
        if let e = evaluation {
            guard Self.generations.contains(e.generation) else {
                throw GenomeFileError(.malformed("'evaluation.generation' is \(e.generation); accepted: \(Self.generations.lowerBound) to \(Self.generations.upperBound)"))
            }
            guard (1...EvaluationRecord.maximumEpisodes).contains(e.episodes) else {
                throw GenomeFileError(.malformed("'evaluation.episodes' is \(e.episodes); accepted: 1 to \(EvaluationRecord.maximumEpisodes)"))
            }
            guard e.fitness.isFinite else {
                throw GenomeFileError(.malformed("'evaluation.fitness' is \(e.fitness); a recorded fitness is a finite number"))
            }
            guard let seed = UInt64(e.seed, radix: 16) else {
                throw GenomeFileError(.malformed("'evaluation.seed' should be 16 hex digits, found '\(e.seed)'"))
            }
            guard let bits = UInt64(e.fitnessBits, radix: 16), Double(bitPattern: bits).bitPattern == e.fitness.bitPattern else {
                throw GenomeFileError(.malformed("'evaluation.fitness' (\(e.fitness)) and 'evaluation.fitness_bits' (\(e.fitnessBits)) disagree"))
            }
            guard let worldHash = WorldHash(parsing: e.worldHash) else {
                throw GenomeFileError(.malformed("'evaluation.world_hash' should be a world name, ':' and 16 hex digits, found '\(e.worldHash)'"))
            }
            guard let arrangement = Arrangement(rawValue: e.arrangement) else {
                let accepted = Arrangement.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
                throw GenomeFileError(.malformed("'evaluation.arrangement' is '\(e.arrangement)'; accepted: \(accepted)"))
            }
            record = EvaluationRecord(worldHash: worldHash, seed: seed, generation: e.generation, episodes: e.episodes,
                                      arrangement: arrangement, fitness: Double(bitPattern: bits))
        }
        return Genome(architecture: arch, parameters: values, lineage: lineage, evaluation: record)
    }
}

/// 16 lower-case hex digits.
func hex64(_ value: UInt64) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}

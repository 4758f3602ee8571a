import NTMBrain
import NTMWorld

/// An agent's heritable description: the brain architecture (the header) and the flat
/// array of switch slopes that evolution shapes (NTMBrain.docc/Algorithms.md §3, §6).
///
/// The tape is *not* part of the genome: what an agent stores, it learns while it lives.
/// A genome can carry the record of one evaluation (world, seeds, fitness) so that a
/// replay can check it reproduces that result bit for bit.
public struct Genome: Hashable, Sendable {
    public var architecture: BrainArchitecture
    /// 2·n·L slopes, layout `[a₀ | b₀ | a₁ | b₁ | …]`, each finite (normally in [−1, 1]).
    public var parameters: [Float]
    public var lineage: Lineage
    public var evaluation: EvaluationRecord?

    public init(architecture: BrainArchitecture, parameters: [Float],
                lineage: Lineage = Lineage(), evaluation: EvaluationRecord? = nil) {
        precondition(parameters.count == architecture.parameterCount,
                     "expected \(architecture.parameterCount) parameters, got \(parameters.count)")
        self.architecture = architecture
        self.parameters = parameters
        self.lineage = lineage
        self.evaluation = evaluation
    }

    /// A first-generation genome: slopes drawn uniformly from [−1, 1), an LSH-switched
    /// controller's banks tied (``FilterBankController/initialParameters(_:using:)``).
    public static func random<R: RandomSource>(_ architecture: BrainArchitecture, using rng: inout R) -> Genome {
        Genome(architecture: architecture,
               parameters: FilterBankController.initialParameters(architecture.controllerShape, using: &rng))
    }

    /// The identity of the heritable content (architecture and exact parameter bits), as
    /// 16 hex digits; children name their parents by it.
    public var id: String {
        var hash = StateHash()
        hash.combine(architecture: architecture)
        hash.combine(floats: parameters)
        return hash.hex
    }

    /// A brain built from this genome, with an empty tape.
    public func makeBrain(ablation: Ablation = .none) -> Brain {
        Brain(architecture: architecture, parameters: parameters, ablation: ablation)
    }
}

/// Where a genome came from.
public struct Lineage: Hashable, Sendable, Codable {
    /// ``Genome/id`` of each parent (none for a random founder).
    public var parents: [String]
    /// The generation in which the genome was born.
    public var generation: Int

    public init(parents: [String] = [], generation: Int = 0) {
        self.parents = parents
        self.generation = generation
    }
}

/// The evaluation a genome's recorded fitness came from, enough to reproduce it.
public struct EvaluationRecord: Hashable, Sendable {
    /// The world the genome was evaluated in.
    public var worldHash: WorldHash
    /// The run seed.
    public var seed: UInt64
    /// The generation whose episode seeds were used (common random numbers).
    public var generation: Int
    /// Number of episodes averaged.
    public var episodes: Int
    /// Who the genome lived among.
    public var arrangement: Arrangement
    /// The mean fitness over the episodes, exactly as computed.
    public var fitness: Double

    /// The most episodes a recorded evaluation may have used: the hall of fame's largest
    /// setting (`hall_of_fame_episodes`), above any selection's.
    public static let maximumEpisodes = 100_000

    public init(worldHash: WorldHash, seed: UInt64, generation: Int, episodes: Int, arrangement: Arrangement, fitness: Double) {
        self.worldHash = worldHash
        self.seed = seed
        self.generation = generation
        self.episodes = episodes
        self.arrangement = arrangement
        self.fitness = fitness
    }
}

extension StateHash {
    /// Mixes every field of an architecture in a fixed order.
    public mutating func combine(architecture a: BrainArchitecture) {
        for field in [a.sensorCount, a.motorCount, a.controllerWidth, a.controllerLayers,
                      a.keyWidth, a.density, a.valueWidth, a.recurrentWidth] {
            combine(UInt64(bitPattern: Int64(field)))
        }
        combine(a.gain)
        combine(a.readClamp)
        combine(a.signSeed)
        // The default tape adds nothing, so every checksum from before variants stands.
        switch a.memoryKind {
        case .hashed: break
        case .blocks(let bits): combine(string: "blocks"); combine(UInt64(bits))
        case .decaying(let rate): combine(string: "decaying"); combine(rate)
        case .noveltyGated(let bits, let visits): combine(string: "novelty-gated"); combine(UInt64(bits)); combine(visits)
        }
        if a.switchBanks > 1 { combine(string: "lsh-switched"); combine(UInt64(a.switchBanks)) }
    }

    /// Mixes a string's UTF-8 bytes, preceded by its length so that concatenations differ.
    public mutating func combine(string: String) {
        combine(UInt64(string.utf8.count))
        combine(bytes: string.utf8)
    }
}

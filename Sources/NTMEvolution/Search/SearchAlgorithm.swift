import NTMBrain

/// A search algorithm behind the ask/tell seam (after EvoJAX's `ask()` / `tell(fitness)`):
/// it proposes genomes, is told how they scored, and moves its state on. It never runs an
/// episode itself, so the same algorithm serves any world, and the ``Evolver`` (the
/// trainer) decides how candidates are evaluated, recorded and checkpointed.
///
/// **State.** Everything the algorithm carries between generations is in
/// ``EvolutionState``: its `population` (what it keeps: a GA's population, a hill-climber's
/// parents, an evolution strategy's mean) and `auxiliary` float vectors (e.g. optimiser
/// moments). A checkpoint stores exactly that. Every random draw of generation g must come
/// from a stream keyed by (seed, g, …) (see ``StreamTag``), so the state *is* the random
/// state and a resumed run continues bit for bit.
///
/// **Adding an algorithm** is one new file with a type conforming to this protocol, plus
/// its line in ``SearchAlgorithms/all``.
public protocol SearchAlgorithm: Sendable {
    /// The name in `[evolution] algorithm = "…"`.
    static var name: String { get }
    /// One line for `--help` and the documentation.
    static var summary: String { get }
    /// The algorithm's own keys in the `[evolution]` table.
    static var settings: [AlgorithmSetting] { get }
    /// A constraint between settings that does not hold: the key to blame and why.
    static func problem(with setup: EvolutionSetup) -> (key: String, message: String)?

    init(setup: EvolutionSetup, architecture: BrainArchitecture)
    /// Generation 0.
    func initialState() -> EvolutionState
    /// The genomes to evaluate in `state.generation`, all on the same episodes.
    func ask(_ state: EvolutionState) -> [Genome]
    /// Given the fitness of what ``ask(_:)`` returned (same order), the generation's result.
    func tell(_ state: EvolutionState, asked: [Genome], fitness: [Double]) -> SearchStep
}

/// What one generation of a search produced.
public struct SearchStep: Sendable {
    /// The generation's individuals as reported (statistics, the champion), with their fitness.
    public var population: [Genome]
    public var fitness: [Double]
    /// What the algorithm carries into the next generation.
    public var nextPopulation: [Genome]
    public var nextAuxiliary: [[Float]]

    public init(population: [Genome], fitness: [Double], nextPopulation: [Genome], nextAuxiliary: [[Float]] = []) {
        (self.population, self.fitness, self.nextPopulation, self.nextAuxiliary) = (population, fitness, nextPopulation, nextAuxiliary)
    }
}

extension SearchAlgorithm {
    public static var settings: [AlgorithmSetting] { [] }
    public static func problem(with setup: EvolutionSetup) -> (key: String, message: String)? { nil }

    /// Every setting at its default.
    public static var defaultTuning: [String: Double] {
        Dictionary(uniqueKeysWithValues: settings.map { ($0.key, $0.defaultValue) })
    }

}

/// What every population-based search starts from: its size, its seed, how children vary,
/// and generation 0.
struct PopulationBasics: Sendable {
    let mutation: MutationSettings, seed: UInt64, population: Int, architecture: BrainArchitecture

    init(_ setup: EvolutionSetup, _ architecture: BrainArchitecture) {
        (mutation, seed, population) = (setup.mutation, setup.seed, setup.population)
        self.architecture = architecture
    }

    /// Generation 0: `population` random genomes, one stream per individual, (seed, INIT, i).
    func initialState() -> EvolutionState {
        let genomes = (0..<population).map { i -> Genome in
            var rng = RandomStream.generator(seed, .initial, UInt64(i))
            return Genome.random(architecture, using: &rng)
        }
        return EvolutionState(generation: 0, population: genomes, stats: [])
    }
}

/// The algorithms `[evolution] algorithm` can name.
public enum SearchAlgorithms {
    public static let all: [any SearchAlgorithm.Type] = [
        GeneticAlgorithm.self,
        HillClimber.self,
        EvolutionStrategy.self,
    ]

    public static func named(_ name: String) -> (any SearchAlgorithm.Type)? {
        all.first { $0.name == name }
    }
}

/// The state of a search entering a generation, and the statistics of the generations
/// before it.
public struct EvolutionState: Hashable, Sendable {
    public var generation: Int
    /// What the algorithm keeps (see ``SearchAlgorithm``).
    public var population: [Genome]
    /// The algorithm's other state, as float vectors (empty for the GA and hill-climber).
    public var auxiliary: [[Float]]
    public var stats: [GenerationStats]
    /// The run's best champion so far by its fitness on fresh episodes (with that record),
    /// kept by the trainer, not the algorithm: nil until the first generation, or when the
    /// setup keeps none.
    public var hallOfFame: Genome?

    public init(generation: Int, population: [Genome], auxiliary: [[Float]] = [], stats: [GenerationStats],
                hallOfFame: Genome? = nil) {
        self.generation = generation
        self.population = population
        self.auxiliary = auxiliary
        self.stats = stats
        self.hallOfFame = hallOfFame
    }

    /// A fingerprint of the exact state the search carries: the determinism tests' currency.
    public var populationHash: String {
        var h = StateHash()
        h.combine(UInt64(generation))
        for g in population { h.combine(floats: g.parameters) }
        for v in auxiliary { h.combine(UInt64(v.count)); h.combine(floats: v) }
        return h.hex
    }
}

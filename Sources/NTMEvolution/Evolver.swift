import NTMBrain
import NTMWorld

/// Generational evolution in a world: ask the search algorithm for candidates, evaluate
/// them, tell it their fitness, record the generation (the trainer of EvoJAX's
/// task / policy / algorithm / trainer split).
///
/// The state between generations is only ``EvolutionState``. Every random draw of
/// generation g comes from streams keyed by (seed, g, …), so that state *is* the whole
/// random state: a run resumed from a checkpoint continues bit for bit as if it had never
/// stopped.
public struct Evolver: Sendable {
    public let world: WorldSpec
    public let setup: EvolutionSetup
    public let algorithm: any SearchAlgorithm
    public let evaluator: PopulationEvaluator
    public var seed: UInt64 { setup.seed }

    public init(world: WorldSpec, setup: EvolutionSetup, threads: Int) {
        self.world = world
        self.setup = setup
        algorithm = setup.searchAlgorithm.init(setup: setup, architecture: world.architecture)
        evaluator = PopulationEvaluator(spec: world, episodes: setup.episodes, threads: threads)
    }

    /// Generation 0.
    public func initialState() -> EvolutionState { algorithm.initialState() }

    /// What one generation produced.
    public struct Outcome: Sendable {
        public var stats: GenerationStats
        /// The generation's best genome, with its evaluation record (clones protocol).
        public var champion: Genome
        public var next: EvolutionState
    }

    /// Evaluates what the algorithm asks for in `state` and moves it on. `clock` returns
    /// seconds (for the throughput figure only; it never influences the result).
    public func step(_ state: EvolutionState, clock: () -> Double) -> Outcome {
        let g = state.generation
        let started = clock()
        let asked = algorithm.ask(state)
        let r = evaluator.evaluate(asked.map(\.parameters), seed: seed, generation: g)
        let told = algorithm.tell(state, asked: asked, fitness: r.fitness)

        let summary = GenerationStats.summarize(generation: g, fitness: told.fitness, genomes: told.population)
        let elapsed = max(clock() - started, 1e-9)
        let stats = GenerationStats(generation: g, best: summary.best, mean: summary.mean, median: summary.median,
                                    diversity: summary.diversity, meanGate: r.meanGate, meanReadNorm: r.meanReadNorm,
                                    agentStepsPerSecond: Double(r.agentSteps) / elapsed, population: told.population.count)
        let best = told.fitness.indices.max { told.fitness[$0] != told.fitness[$1] ? told.fitness[$0] < told.fitness[$1] : $0 > $1 }!
        let champion = record(told.population[best], generation: g)
        let next = EvolutionState(generation: g + 1, population: told.nextPopulation, auxiliary: told.nextAuxiliary,
                                  stats: state.stats + [stats])
        return Outcome(stats: stats, champion: champion, next: next)
    }

    /// The genome with the record a replay needs: its fitness living in arenas filled with
    /// clones of itself, on generation g's episode seeds (the same in every build and thread
    /// count, and independent of the rest of the population). Its episodes run on the
    /// evolver's threads: each generation records its champion, and on one thread that took
    /// a fifth of a `forage` generation's time.
    public func record(_ genome: Genome, generation g: Int) -> Genome {
        let clones = [[Float]](repeating: genome.parameters, count: world.episode.agentsPerArena)
        let r = evaluator.evaluate(clones, seed: seed, generation: g)
        var recorded = genome
        recorded.evaluation = EvaluationRecord(
            worldHash: world.hash, seed: seed, generation: g, episodes: setup.episodes,
            arrangement: Arrangement(agentsPerArena: world.episode.agentsPerArena), fitness: r.fitness[0])
        return recorded
    }
}

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
    /// Scores champions for the hall of fame on its fresh episodes.
    let hallEvaluator: PopulationEvaluator
    public var seed: UInt64 { setup.seed }

    public init(world: WorldSpec, setup: EvolutionSetup, threads: Int) {
        self.world = world
        self.setup = setup
        algorithm = setup.searchAlgorithm.init(setup: setup, architecture: world.architecture)
        evaluator = PopulationEvaluator(spec: world, episodes: setup.episodes, threads: threads)
        hallEvaluator = PopulationEvaluator(spec: world, episodes: setup.hallOfFameEpisodes, threads: threads)
    }

    /// The run seed whose generation-0 layouts are the hall of fame's fresh episodes:
    /// (seed, HALL), a stream the selection episodes (seed, EPIS, g, e) never meet.
    public var hallOfFameSeed: UInt64 { RandomStream.derivedSeed(seed, .hallOfFame) }

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
        let best = told.fitness.indices.max { told.fitness[$0] != told.fitness[$1] ? told.fitness[$0] < told.fitness[$1] : $0 > $1 }!
        let champion = record(told.population[best], generation: g)
        var hall = state.hallOfFame
        if setup.hallOfFameEpisodes > 0 && (g + 1) % setup.hallOfFameEvery == 0 {
            let candidate = recordFresh(champion)
            if hall.map({ candidate.evaluation!.fitness > $0.evaluation!.fitness }) ?? true { hall = candidate }
        }
        let elapsed = max(clock() - started, 1e-9)
        let d = r.decisions
        let stats = GenerationStats(generation: g, best: summary.best, mean: summary.mean, median: summary.median,
                                    diversity: summary.diversity, meanGate: r.meanGate, meanReadNorm: r.meanReadNorm,
                                    agentStepsPerSecond: Double(r.agentSteps) / elapsed, population: told.population.count,
                                    decisionAccuracy: world.decisions != nil && d.made > 0 ? Double(d.right) / Double(d.made) : nil,
                                    hallOfFame: hall?.evaluation?.fitness)
        let next = EvolutionState(generation: g + 1, population: told.nextPopulation, auxiliary: told.nextAuxiliary,
                                  stats: state.stats + [stats], hallOfFame: hall)
        return Outcome(stats: stats, champion: champion, next: next)
    }

    /// The genome with the record a replay needs: its fitness living in arenas filled with
    /// clones of itself, on generation g's episode seeds (the same in every build and thread
    /// count, and independent of the rest of the population). Its episodes run on the
    /// evolver's threads: each generation records its champion, and on one thread that took
    /// a fifth of a `forage` generation's time.
    public func record(_ genome: Genome, generation g: Int) -> Genome {
        record(genome, on: evaluator, seed: seed, generation: g)
    }

    /// The genome with its record on the hall of fame's fresh episodes (clones protocol):
    /// the same episodes for every generation's champion, so their scores compare fairly.
    public func recordFresh(_ genome: Genome) -> Genome {
        record(genome, on: hallEvaluator, seed: hallOfFameSeed, generation: 0)
    }

    func record(_ genome: Genome, on evaluator: PopulationEvaluator, seed: UInt64, generation g: Int) -> Genome {
        let clones = [[Float]](repeating: genome.parameters, count: world.episode.agentsPerArena)
        let r = evaluator.evaluate(clones, seed: seed, generation: g)
        var recorded = genome
        recorded.evaluation = EvaluationRecord(
            worldHash: world.hash, seed: seed, generation: g, episodes: evaluator.episodes,
            arrangement: Arrangement(agentsPerArena: world.episode.agentsPerArena), fitness: r.fitness[0])
        return recorded
    }
}

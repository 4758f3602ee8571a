import NTMBrain
import NTMWorld

/// Generational evolution in a world: evaluate, record, select, vary.
///
/// The state between generations is only ``EvolutionState`` (the population entering a
/// generation, and the stats so far). Every random draw of generation g comes from streams
/// keyed by (seed, g, …), so that state *is* the whole random state: a run resumed from a
/// checkpoint continues bit for bit as if it had never stopped.
public struct Evolver: Sendable {
    public let spec: WorldSpec
    public let evaluator: PopulationEvaluator
    public var seed: UInt64 { spec.evolution.seed }

    public init(spec: WorldSpec, threads: Int) {
        self.spec = spec
        self.evaluator = PopulationEvaluator(spec: spec, threads: threads)
    }

    /// Generation 0: random genomes, one stream per individual.
    public func initialState() -> EvolutionState {
        let a = spec.architecture
        let population = (0..<spec.evolution.population).map { i -> Genome in
            var rng = RandomStream.generator(seed, 0x494E_4954, UInt64(i))       // "INIT"
            return Genome.random(a, using: &rng)
        }
        return EvolutionState(generation: 0, population: population, stats: [])
    }

    /// What one generation produced.
    public struct Outcome: Sendable {
        public var stats: GenerationStats
        /// The generation's best genome, with its evaluation record (clones protocol).
        public var champion: Genome
        public var next: EvolutionState
    }

    /// Evaluates `state`'s population and breeds the next one. `clock` returns seconds (for
    /// the throughput figure only; it never influences the result).
    public func step(_ state: EvolutionState, clock: () -> Double) -> Outcome {
        let g = state.generation
        let started = clock()
        let mutation = MutationSettings(count: spec.evolution.mutationCount, precision: spec.evolution.mutationPrecision)
        var population = state.population
        var fitness: [Double]
        var steps = 0
        var gate = 0.0, read = 0.0

        switch spec.evolution.algorithm {
        case .ga, .ecosystem:       // (ecosystem worlds run through `Ecosystem`, not here)
            let r = evaluator.evaluate(population.map(\.parameters), seed: seed, generation: g)
            (fitness, steps, gate, read) = (r.fitness, r.agentSteps, r.meanGate, r.meanReadNorm)
        case .hillClimber:
            // (1+1) paired: each parent's child lives the same trials; the child replaces its
            // parent only if it does strictly better.
            let children = population.indices.map { i -> Genome in
                var rng = RandomStream.generator(seed, 0x4348_4C44, UInt64(g), UInt64(i))   // "CHLD"
                return population[i].child(generation: g + 1, mutation, using: &rng)
            }
            let r = evaluator.evaluate((population + children).map(\.parameters), seed: seed, generation: g)
            let n = population.count
            fitness = Array(r.fitness[0..<n])
            for i in 0..<n where r.fitness[n + i] > fitness[i] {
                population[i] = children[i]
                fitness[i] = r.fitness[n + i]
            }
            (steps, gate, read) = (r.agentSteps, r.meanGate, r.meanReadNorm)
        }

        let order = population.indices.sorted { fitness[$0] != fitness[$1] ? fitness[$0] > fitness[$1] : $0 < $1 }
        let summary = GenerationStats.summarize(generation: g, fitness: fitness, genomes: population)
        let elapsed = max(clock() - started, 1e-9)
        let stats = GenerationStats(generation: g, best: summary.best, mean: summary.mean, median: summary.median,
                                    diversity: summary.diversity, meanGate: gate, meanReadNorm: read,
                                    agentStepsPerSecond: Double(steps) / elapsed, population: population.count)
        let champion = record(population[order[0]], generation: g)

        let next: [Genome]
        switch spec.evolution.algorithm {
        case .hillClimber:
            next = population
        case .ga, .ecosystem:
            next = breed(population, fitness: fitness, order: order, generation: g, mutation: mutation)
        }
        return Outcome(stats: stats, champion: champion,
                       next: EvolutionState(generation: g + 1, population: next, stats: state.stats + [stats]))
    }

    /// Elites pass unchanged; every other slot is the mutated child of a tournament winner.
    func breed(_ population: [Genome], fitness: [Double], order: [Int], generation g: Int, mutation: MutationSettings) -> [Genome] {
        var next = order.prefix(spec.evolution.elites).map { population[$0] }
        var rng = RandomStream.generator(seed, 0x5345_4C45, UInt64(g))                    // "SELE"
        while next.count < population.count {
            var winner = rng.nextInt(below: population.count)
            for _ in 1..<max(spec.evolution.tournament, 1) {
                let rival = rng.nextInt(below: population.count)
                if fitness[rival] > fitness[winner] || (fitness[rival] == fitness[winner] && rival < winner) { winner = rival }
            }
            next.append(population[winner].child(generation: g + 1, mutation, using: &rng))
        }
        return next
    }

    /// The genome with the record a replay needs: its fitness living in arenas filled with
    /// clones of itself, on generation g's episode seeds (the same in every build and thread
    /// count, and independent of the rest of the population). Its episodes run on the
    /// evolver's threads: each generation records its champion, and on one thread that took
    /// a fifth of a `forage` generation's time.
    public func record(_ genome: Genome, generation g: Int) -> Genome {
        let clones = [[Float]](repeating: genome.parameters, count: spec.episode.agentsPerArena)
        let r = evaluator.evaluate(clones, seed: seed, generation: g)
        var recorded = genome
        recorded.evaluation = EvaluationRecord(
            worldHash: spec.hash, seed: seed, generation: g, episodes: spec.episode.count,
            arrangement: spec.episode.agentsPerArena == 1 ? "solo" : "clones", fitness: r.fitness[0])
        return recorded
    }
}

/// The population entering a generation, and the statistics of the generations before it.
public struct EvolutionState: Hashable, Sendable {
    public var generation: Int
    public var population: [Genome]
    public var stats: [GenerationStats]

    public init(generation: Int, population: [Genome], stats: [GenerationStats]) {
        self.generation = generation
        self.population = population
        self.stats = stats
    }

    /// A fingerprint of the population's exact parameters: the determinism tests' currency.
    public var populationHash: String {
        var h = StateHash()
        h.combine(UInt64(generation))
        for g in population { h.combine(floats: g.parameters) }
        return h.hex
    }
}

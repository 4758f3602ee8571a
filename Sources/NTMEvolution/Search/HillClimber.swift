import NTMBrain

/// The paired (1+1) hill-climber: each parent has one mutated child per generation, drawn
/// from (seed, CHLD, g, i); child and parent live the *same* trials (they are evaluated
/// together, on the same episodes), and the child replaces its parent only if it scores
/// strictly higher. A tie keeps the parent, so a run never drifts on noise-free plateaus.
public struct HillClimber: SearchAlgorithm {
    public static let name = "hill-climber"
    public static let summary = "(1+1) paired hill-climber: a child replaces its parent only if strictly better"

    let mutation: MutationSettings, seed: UInt64, population: Int, architecture: BrainArchitecture

    public init(setup: EvolutionSetup, architecture: BrainArchitecture) {
        mutation = setup.mutation
        seed = setup.seed
        population = setup.population
        self.architecture = architecture
    }

    public func initialState() -> EvolutionState {
        EvolutionState(generation: 0, population: Self.randomPopulation(population, architecture, seed: seed), stats: [])
    }

    /// The parents, then one child each.
    public func ask(_ state: EvolutionState) -> [Genome] {
        let g = state.generation
        let children = state.population.indices.map { i -> Genome in
            var rng = RandomStream.generator(seed, .child, UInt64(g), UInt64(i))
            return state.population[i].child(generation: g + 1, mutation, using: &rng)
        }
        return state.population + children
    }

    public func tell(_ state: EvolutionState, asked: [Genome], fitness: [Double]) -> SearchStep {
        let n = asked.count / 2
        var parents = Array(asked[0..<n]), scores = Array(fitness[0..<n])
        for i in 0..<n where fitness[n + i] > scores[i] {
            parents[i] = asked[n + i]
            scores[i] = fitness[n + i]
        }
        return SearchStep(population: parents, fitness: scores, nextPopulation: parents)
    }
}

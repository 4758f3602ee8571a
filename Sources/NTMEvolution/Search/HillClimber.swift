import NTMBrain

/// The paired (1+1) hill-climber: each parent has one mutated child per generation, drawn
/// from (seed, CHLD, g, i); child and parent live the *same* trials (they are evaluated
/// together, on the same episodes), and the child replaces its parent only if it scores
/// strictly higher. A tie keeps the parent, so a run never drifts on noise-free plateaus.
public struct HillClimber: SearchAlgorithm {
    public static let name = "hill-climber"
    public static let summary = "(1+1) paired hill-climber: a child replaces its parent only if strictly better"

    let basics: PopulationBasics

    public init(setup: EvolutionSetup, architecture: BrainArchitecture) {
        basics = PopulationBasics(setup, architecture)
    }

    public func initialState() -> EvolutionState { basics.initialState() }

    /// The parents, then one child each.
    public func ask(_ state: EvolutionState) -> [Genome] {
        let g = state.generation
        let children = state.population.indices.map { i -> Genome in
            var rng = RandomStream.generator(basics.seed, .child, UInt64(g), UInt64(i))
            return state.population[i].child(generation: g + 1, basics.mutation, using: &rng)
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

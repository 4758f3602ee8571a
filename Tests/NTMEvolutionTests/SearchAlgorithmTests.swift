import NTMBrain
@testable import NTMEvolution
import NTMTestSupport
import NTMWorld
import Testing

/// The algorithms' rules on hand-made fitness values, with no world involved: what ask
/// proposes and what tell keeps.
@Suite("Search algorithms: tournament, elitism, strict improvement")
struct SearchAlgorithmTests {
    static let architecture = Fixtures.tinyWorld().architecture

    static func setup(_ algorithm: String, population: Int = 8, _ tuning: [String: Double] = [:]) -> EvolutionSetup {
        var s = EvolutionSetup()
        s.algorithm = algorithm
        s.population = population
        s.tuning = s.searchAlgorithm.defaultTuning.merging(tuning) { $1 }
        return s
    }

    @Test("A tournament of k picks the best of k uniform draws (ties: the lower index)")
    func tournament() {
        let fitness: [Double] = [5, 1, 9, 9, 0, 3]
        for seed in UInt64(0)..<200 {
            var a = RandomStream.generator(seed, 1), b = RandomStream.generator(seed, 1)
            let winner = GeneticAlgorithm.tournament(size: 3, fitness: fitness, using: &a)
            let draws = (0..<3).map { _ in b.nextInt(below: fitness.count) }
            let best = draws.max { fitness[$0] != fitness[$1] ? fitness[$0] < fitness[$1] : $0 > $1 }!
            #expect(winner == best, "seed \(seed): draws \(draws)")
        }
        // Size 1 is a uniform draw: over many tournaments every index wins sometimes.
        var rng = RandomStream.generator(3, 3)
        let winners = Set((0..<200).map { _ in GeneticAlgorithm.tournament(size: 1, fitness: fitness, using: &rng) })
        #expect(winners == Set(fitness.indices))
    }

    @Test("The elites pass unchanged, best first; every other slot is a child of a tournament winner")
    func elitism() {
        let s = Self.setup(GeneticAlgorithm.name, ["elites": 2, "tournament": 2])
        let ga = GeneticAlgorithm(setup: s, architecture: Self.architecture)
        let state = ga.initialState()
        let fitness: [Double] = [1, 7, 3, 7.5, 0, 2, 6, 4]
        let step = ga.tell(state, asked: ga.ask(state), fitness: fitness)
        #expect(step.nextPopulation.count == 8)
        #expect(step.nextPopulation[0] == state.population[3] && step.nextPopulation[1] == state.population[1])
        let ids = Set(state.population.map(\.id))
        for child in step.nextPopulation.dropFirst(2) {
            #expect(child.lineage.parents.count == 1 && ids.contains(child.lineage.parents[0]) && child.lineage.generation == 1)
        }
        // The worst individual (index 4) can win no tournament of two unless drawn twice.
        let worst = state.population[4].id
        #expect(step.nextPopulation.dropFirst(2).filter { $0.lineage.parents[0] == worst }.count <= 2)
        // Reported: the population as evaluated.
        #expect(step.population == state.population && step.fitness == fitness)
    }

    @Test("The hill-climber asks for parents then one child each, and keeps a child only if strictly better")
    func strictImprovement() {
        let hc = HillClimber(setup: Self.setup(HillClimber.name, population: 4), architecture: Self.architecture)
        let state = hc.initialState()
        let asked = hc.ask(state)
        #expect(asked.count == 8 && Array(asked[0..<4]) == state.population)
        for i in 0..<4 { #expect(asked[4 + i].lineage.parents == [state.population[i].id]) }
        //                parents         children: better, equal, worse, better
        let fitness: [Double] = [1, 2, 3, 4, 1.5, 2, 2.5, 4.25]
        let step = hc.tell(state, asked: asked, fitness: fitness)
        #expect(step.nextPopulation == [asked[4], asked[1], asked[2], asked[7]])
        #expect(step.fitness == [1.5, 2, 3, 4.25])
        // Asking twice gives the same children: they come from (seed, CHLD, g, i) alone.
        #expect(hc.ask(state) == asked)
    }

    @Test("Every registered algorithm has a distinct name and a summary")
    func registry() {
        let names = SearchAlgorithms.all.map { $0.name }
        #expect(Set(names).count == names.count)
        for a in SearchAlgorithms.all { #expect(!a.summary.isEmpty && SearchAlgorithms.named(a.name) != nil) }
    }
}

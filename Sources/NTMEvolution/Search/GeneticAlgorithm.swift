import NTMBrain

/// The generational GA: every individual is evaluated; the best `elites` pass unchanged and
/// every other slot of the next generation is the mutated child of a tournament winner.
///
/// Tournament: draw one contestant uniformly, then `tournament − 1` rivals, each replacing
/// the current winner if it scored strictly higher (or the same with a lower index). All
/// draws of generation g (contestants, then the child's mutation) come from one stream
/// (seed, SELE, g), child after child.
public struct GeneticAlgorithm: SearchAlgorithm {
    public static let name = "ga"
    public static let summary = "generational GA: elitism and tournament selection, Gray-code mutation"
    public static let settings = [
        AlgorithmSetting("elites", 2, 0...1_000_000, integer: true, help: "best individuals copied unchanged"),
        AlgorithmSetting("tournament", 3, 1...1000, integer: true, help: "contestants per tournament"),
    ]

    public static func problem(with setup: EvolutionSetup) -> (key: String, message: String)? {
        let elites = Int(setup.setting("elites"))
        guard elites >= setup.population else { return nil }
        return ("elites", "is \(elites); must be less than population (\(setup.population))")
    }

    public let elites: Int, tournament: Int
    let basics: PopulationBasics

    public init(setup: EvolutionSetup, architecture: BrainArchitecture) {
        elites = Int(setup.setting("elites"))
        tournament = Int(setup.setting("tournament"))
        basics = PopulationBasics(setup, architecture)
    }

    public func initialState() -> EvolutionState { basics.initialState() }

    public func ask(_ state: EvolutionState) -> [Genome] { state.population }

    public func tell(_ state: EvolutionState, asked: [Genome], fitness: [Double]) -> SearchStep {
        let order = rank(fitness)
        return SearchStep(population: asked, fitness: fitness,
                          nextPopulation: breed(asked, fitness: fitness, order: order, generation: state.generation))
    }

    /// Indices from best to worst; ties go to the lower index.
    func rank(_ fitness: [Double]) -> [Int] {
        fitness.indices.sorted { fitness[$0] != fitness[$1] ? fitness[$0] > fitness[$1] : $0 < $1 }
    }

    /// Elites pass unchanged; every other slot is the mutated child of a tournament winner.
    func breed(_ population: [Genome], fitness: [Double], order: [Int], generation g: Int) -> [Genome] {
        var next = order.prefix(elites).map { population[$0] }
        var rng = RandomStream.generator(basics.seed, .selection, UInt64(g))
        while next.count < population.count {
            let winner = Self.tournament(size: tournament, fitness: fitness, using: &rng)
            next.append(population[winner].child(generation: g + 1, basics.mutation, using: &rng))
        }
        return next
    }

    /// One tournament: the index of its winner.
    static func tournament<R: RandomSource>(size: Int, fitness: [Double], using rng: inout R) -> Int {
        var winner = rng.nextInt(below: fitness.count)
        for _ in 1..<max(size, 1) {
            let rival = rng.nextInt(below: fitness.count)
            if fitness[rival] > fitness[winner] || (fitness[rival] == fitness[winner] && rival < winner) { winner = rival }
        }
        return winner
    }
}

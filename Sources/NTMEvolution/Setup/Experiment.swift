import NTMBrain
import NTMWorld

/// A world and how a population evolves in it: what one run needs, and what a world file
/// read whole gives (its world tables and its `[evolution]` table).
public struct Experiment: Hashable, Sendable {
    public var world: WorldSpec
    public var setup: EvolutionSetup

    public init(world: WorldSpec, setup: EvolutionSetup = EvolutionSetup()) {
        self.world = world
        self.setup = setup
    }

    /// Whether the world is open-ended (an ecosystem: no generations, no fitness function).
    public var isOpenEnded: Bool { world.ecosystem != nil }

    /// Reads a world file whole. Every problem names the file, the line and the key.
    public static func load(path: String) throws(WorldFileError) -> Experiment {
        var e = try parse(try WorldSpec.text(of: path), file: path)
        e.world.takeName(fromFile: path)
        return e
    }

    public static func parse(_ text: String, file: String) throws(WorldFileError) -> Experiment {
        var setup = EvolutionSetup()
        let world = try WorldSpec.parse(text, file: file) { root throws(WorldFileError) in
            if let table = try root.section("evolution") { try setup.read(table) }
        }
        return Experiment(world: world, setup: setup)
    }

    /// What a run directory's `world.toml` holds: the resolved world, then its setup.
    public var canonicalTOML: String { world.canonicalTOML + setup.canonicalTOML }

    /// Applies a command line's overrides. In an open-ended world the population is the
    /// arena's capacity (a change to the world itself), and founders and the immigration
    /// floor shrink with it. A GA keeps fewer elites than individuals.
    public mutating func override(population: Int? = nil, generations: Int? = nil, seed: UInt64? = nil,
                                  memory: Ablation.Memory? = nil) {
        if let population {
            setup.population = population
            if var e = world.ecosystem {
                e.capacity = population
                e.initial = min(e.initial, population)
                e.minAgents = min(e.minAgents, population)
                world.ecosystem = e
            }
            if let elites = setup.tuning["elites"], Int(elites) >= population {
                setup.tuning["elites"] = Double(max(0, population - 1))
            }
        }
        if let generations { setup.generations = generations }
        if let seed { setup.seed = seed }
        if let memory { world.brain.memory = memory }
    }
}

import NTMBrain
import NTMWorld

/// How a population evolves in a world: which search algorithm, how many individuals for
/// how long, how each is evaluated, how children vary, and the run seed.
///
/// None of this is part of the world (``WorldSpec``): a genome scores the same in a world
/// whatever population it came from. A world file may carry a setup in its `[evolution]`
/// table (``ExperimentFile``), and a run directory's `world.toml` always does, so a run can
/// be resumed as it was set up.
public struct EvolutionSetup: Hashable, Sendable {
    /// A registered ``SearchAlgorithm``'s name (see ``SearchAlgorithms``).
    public var algorithm = GeneticAlgorithm.name
    public var population = 64
    /// Generations in total (in an open-ended world: epochs). Not part of ``identity``: a
    /// run resumed with more generations is the same run.
    public var generations = 50
    /// Episodes each genome lives per evaluation; every genome of a generation meets the
    /// same episode layouts (common random numbers), and its fitness is the mean.
    public var episodes = 3
    public var mutation = MutationSettings()
    public var seed: UInt64 = 1
    /// Fresh episodes each generation's champion is re-evaluated on for the hall of fame
    /// (0: keep none). The same episodes for every champion, none of them ever selected on.
    public var hallOfFameEpisodes = 8
    /// Judge the champion of every this many generations for the hall of fame: generation g
    /// when g + 1 is a multiple (so which generations count does not depend on the target).
    public var hallOfFameEvery = 1
    /// The algorithm's own settings, by key (see ``SearchAlgorithm/settings``), sorted by
    /// key; only the chosen algorithm's keys are present.
    public var tuning: [String: Double] = GeneticAlgorithm.defaultTuning

    public init() {}

    /// The algorithm this setup names (its name was checked when the setup was read).
    public var searchAlgorithm: any SearchAlgorithm.Type { SearchAlgorithms.named(algorithm)! }

    /// The value of one of the algorithm's settings (its default when not set).
    public func setting(_ key: String) -> Double {
        if let v = tuning[key] { return v }
        return searchAlgorithm.settings.first { $0.key == key }!.defaultValue
    }

    /// A fingerprint of everything but `generations`: a checkpoint belongs to the run that
    /// has this setup, however long it is meant to last.
    public var identity: StateHash {
        var copy = self
        copy.generations = 0
        var h = StateHash()
        h.combine(bytes: copy.canonicalTOML.utf8)
        return h
    }
}

/// One setting of a search algorithm, as the `[evolution]` table offers it.
public struct AlgorithmSetting: Sendable {
    public var key: String
    public var defaultValue: Double
    public var range: ClosedRange<Double>
    /// Whether the value must be a whole number.
    public var integer: Bool
    public var help: String

    public init(_ key: String, _ defaultValue: Double, _ range: ClosedRange<Double>, integer: Bool = false, help: String) {
        (self.key, self.defaultValue, self.range, self.integer, self.help) = (key, defaultValue, range, integer, help)
    }
}

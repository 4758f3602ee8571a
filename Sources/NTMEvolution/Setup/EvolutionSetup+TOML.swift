import NTMBrain
import NTMWorld

extension EvolutionSetup {
    /// What `population` and `generations` accept, in a file and on the command line.
    public static let populations = 2...1_000_000
    public static let generationCounts = 1...10_000_000

    /// Reads an `[evolution]` table: the common keys, then the chosen algorithm's own.
    /// Every problem names the file, the line and the key.
    package mutating func read(_ s: TOMLSection) throws(WorldFileError) {
        let names = SearchAlgorithms.all.map { $0.name }
        let chosen = try s.string("algorithm", algorithm)
        guard let algorithm = SearchAlgorithms.named(chosen) else {
            let hint = chosen == "ecosystem" ? " (an open-ended world is one with an [ecosystem] table; it needs no algorithm)" : ""
            throw s.error("algorithm", "is \"\(chosen)\"; accepted: " + names.map { "\"\($0)\"" }.joined(separator: ", ") + hint)
        }
        self.algorithm = chosen
        population = try s.int("population", population, Self.populations)
        generations = try s.int("generations", generations, Self.generationCounts)
        episodes = try s.int("episodes", episodes, 1...1000)
        hallOfFameEpisodes = try s.int("hall_of_fame_episodes", hallOfFameEpisodes, 0...100_000)
        hallOfFameEvery = try s.int("hall_of_fame_every", hallOfFameEvery, 1...100_000)
        mutation.count = try s.int("mutation_count", mutation.count, 0...1_000_000)
        mutation.precision = Double(try s.float("mutation_precision", Float(mutation.precision), 0.1...100))
        seed = try s.seed("seed", seed)
        tuning = [:]
        for setting in algorithm.settings {
            let value: Double
            if setting.integer {
                let r = Int(setting.range.lowerBound)...Int(setting.range.upperBound)
                value = Double(try s.int(setting.key, Int(setting.defaultValue), r))
            } else {
                let r = Float(setting.range.lowerBound)...Float(setting.range.upperBound)
                value = Double(try s.float(setting.key, Float(setting.defaultValue), r))
            }
            tuning[setting.key] = value
        }
        try s.finish()
        if let problem = algorithm.problem(with: self) { throw s.error(problem.key, problem.message) }
    }

    /// The setup as an `[evolution]` table, every key written out in a fixed order.
    public var canonicalTOML: String {
        var pairs = [("algorithm", TOMLWriter.quoted(algorithm)), ("population", "\(population)"),
                     ("generations", "\(generations)"), ("episodes", "\(episodes)"),
                     ("hall_of_fame_episodes", "\(hallOfFameEpisodes)"), ("hall_of_fame_every", "\(hallOfFameEvery)"),
                     ("mutation_count", "\(mutation.count)"), ("mutation_precision", "\(Float(mutation.precision))"),
                     ("seed", TOMLWriter.quoted(String(seed)))]
        for setting in searchAlgorithm.settings {
            let v = self.setting(setting.key)
            pairs.append((setting.key, setting.integer ? "\(Int(v))" : "\(Float(v))"))
        }
        return TOMLWriter.section("evolution", pairs)
    }
}

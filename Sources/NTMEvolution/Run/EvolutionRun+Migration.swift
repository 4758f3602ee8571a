import Foundation
import NTMBrain

/// Migration between runs, the island model's two halves (`ntmlife islands`, or any
/// scheduler that runs `evolve` segments):
///
///     RUN_DIR/emigrants/gen-NNNNN/rank-R.genome.json   the k best champions sent at generation NNNNN
///
/// **Emigrants** are a run's k best generation champions since its previous emigration (or
/// since generation 0), ranked by the hall-of-fame measure: each champion's fitness on the
/// run's fresh hall-of-fame episodes (``Evolver/recordFresh(_:)``), ties to the earlier
/// generation. That record travels in the genome file.
///
/// **Immigrants** replace the last genomes of the population entering generation G, the
/// slots a GA fills with children (elites come first), so they are evaluated in generation
/// G beside the island's own. They are taken in only by a run resumed exactly at G: a run
/// already past G took them in before its next checkpoint was written, so rerunning the
/// same command after a kill gives the same run, whichever checkpoint it resumes from.
extension EvolutionRun {
    /// Takes `immigrants` into the population entering generation `at`, if the run stands
    /// there; returns whether it did (false: the run is past `at` and took them in then).
    public func admit(_ immigrants: [Genome], at generation: Int) throws(RunError) -> Bool {
        guard let evolver, !immigrants.isEmpty else {
            throw .input("immigrants can join only a generational run (this one is open-ended)")
        }
        if completed > generation { return false }
        guard completed == generation else {
            throw .input("run '\(directory.path)' stands at generation \(completed); immigrants for generation \(generation) cannot join it yet")
        }
        guard evolver.setup.algorithm == "ga" else {
            throw .input("immigrants need the ga algorithm (its population is what generation \(generation) evaluates); '\(directory.path)' uses \(evolver.setup.algorithm)")
        }
        let n = immigrants.count, size = state.population.count
        guard n < size else {
            throw .input("\(n) immigrants would replace the whole population of \(size); send fewer than \(size)")
        }
        if let i = immigrants.firstIndex(where: { $0.architecture != world.architecture }) {
            throw .input("immigrant \(i + 1) has another brain architecture than the world of '\(directory.path)'")
        }
        var next = state
        for (k, genome) in immigrants.enumerated() {
            next.population[size - n + k] = Genome(architecture: genome.architecture, parameters: genome.parameters, lineage: genome.lineage)
        }
        state = next
        return true
    }

    /// The k best champions since the previous emigration, ranked on fresh episodes, written
    /// to `emigrants/gen-NNNNN/` for NNNNN = the generations completed. Returns their files.
    @discardableResult
    public func emigrate(_ k: Int) throws(RunError) -> [String] {
        guard let evolver, setup.hallOfFameEpisodes > 0 else {
            throw .input("emigrants are ranked on the hall of fame's fresh episodes; '\(directory.path)' keeps none (hall_of_fame_episodes = 0) or is open-ended")
        }
        let end = completed
        let since = previousEmigration(before: end)
        var ranked: [(fitness: Double, generation: Int, genome: Genome)] = []
        for g in since..<end {
            let file = directory.championFile(g)
            let champion: Genome
            do { champion = try Genome.load(from: file) } catch { throw .runtime(error.description) }
            let scored = evolver.recordFresh(champion)
            ranked.append((scored.evaluation!.fitness, g, scored))
        }
        ranked.sort { $0.fitness != $1.fitness ? $0.fitness > $1.fitness : $0.generation < $1.generation }
        let dir = directory.emigrantsDirectory(end)
        var files: [String] = []
        try Self.io(directory) {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            for (r, entry) in ranked.prefix(k).enumerated() {
                let file = directory.emigrantFile(end, rank: r + 1)
                try entry.genome.save(to: file)
                files.append(file)
            }
        }
        return files
    }

    /// The generation of the newest emigration before `end`, or 0.
    func previousEmigration(before end: Int) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.emigrantsDirectory)) ?? []
        return names.compactMap { $0.hasPrefix("gen-") ? Int($0.dropFirst(4)) : nil }.filter { $0 < end }.max() ?? 0
    }
}

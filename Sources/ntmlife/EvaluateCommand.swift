import ArgumentParser
import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld

/// `ntmlife evaluate`: a genome on fresh episodes, with intervals.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a genome on fresh episodes: mean fitness and decision accuracy, with 95% intervals.",
        discussion: """
            The episodes are held out: laid out from the stream (SEED, HELD), which no run \
            selects on, in the genome's recorded arrangement. Fitness is the mean over episodes \
            with a t interval; decision accuracy (in worlds with hidden-information decisions) \
            pools every informed decision, with a Wilson interval, beside the chance level. \
            The world is found as `replay` finds it.
            """
    )

    @Argument(help: "A genome file.")
    var genome: String

    @Option(help: "World name or .toml path (default: the one the genome was evaluated in).")
    var world: String?

    @Option(help: "Fresh episodes to evaluate on.")
    var episodes = 100

    @Option(help: "Seed of the held-out episodes.")
    var seed: UInt64 = 1

    @Option(help: "The tape: full (as evolved) or off.")
    var memory: TapeCondition?

    @Option(help: ArgumentHelp("wipe@T, remove@T, freeze@T or shuffle-keys (see `replay --help`).", valueName: "LESION"))
    var lesion: Lesion?

    @Option(help: "Worker threads (default: all cores). Does not change results.")
    var threads: Int?

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func validate() throws {
        if !(1...EvaluationRecord.maximumEpisodes).contains(episodes) {
            throw ValidationError("--episodes must be between 1 and \(EvaluationRecord.maximumEpisodes), got \(episodes)")
        }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024, got \(threads)") }
    }

    func run() throws {
        let (g, experiment, worldFile) = try ReplayCommand.load(genome: genome, world: world)
        var spec = experiment.world
        if let memory { spec.brain.memory = memory.ablation }
        let evaluation = HeldOutEvaluation(world: spec, genome: g, episodes: episodes, seed: seed, lesion: lesion)
        let r = evaluation.run(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        let (lo, hi) = r.fitnessInterval
        if json {
            var record: [String: Any] = [
                "genome": g.id, "world": spec.name, "world_hash": spec.hash.description, "episodes": episodes,
                "seed": String(seed), "memory": spec.brain.memory.rawValue, "lesion": lesion.map { $0.description as Any } ?? NSNull(),
                "mean_fitness": r.meanFitness, "fitness_ci95": [lo, hi],
            ]
            if let kind = spec.decisions {
                let (alo, ahi) = r.accuracyInterval
                record["decisions"] = ["kind": kind.rawValue, "made": r.decisions.made, "right": r.decisions.right,
                                       "uninformed": r.decisions.all - r.decisions.made,
                                       "accuracy": r.accuracy.map { $0 as Any } ?? NSNull(), "accuracy_ci95": [alo, ahi], "chance": kind.chance]
            }
            let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        print("genome \(g.id) in '\(spec.name)' (\(worldFile)), \(episodes) held-out episodes (seed \(seed))" +
              (memory.map { ", memory \($0.rawValue)" } ?? "") + (lesion.map { ", lesion \($0)" } ?? ""))
        print(String(format: "mean fitness: %.3f  (95%% CI %.3f … %.3f)", r.meanFitness, lo, hi))
        if let kind = spec.decisions {
            let (alo, ahi) = r.accuracyInterval
            print(DecisionReport(r.decisions, kind).line + String(format: "; 95%% CI %.3f … %.3f", alo, ahi))
            print("decided: \(kind.summary)")
        }
        if let record = g.evaluation {
            print("recorded fitness \(record.fitness) (\(record.episodes) episodes of the run it came from; a different measurement)")
        }
    }
}

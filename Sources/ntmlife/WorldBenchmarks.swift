import Foundation
import NTMBrain
import NTMWorld

/// World figures: agent-steps per second for the default world (`forage`, default brain),
/// whole generations evaluated as `evolve` does, on 1 thread and on all threads, with the
/// tape on and off; and how the cost of a tick grows with the number of agents
/// (`WorldBenchmarks+Linearity.swift`).
struct WorldBenchmarks {
    var timer: BenchTimer
    var quick: Bool
    var clock: BenchClock?

    func run(_ report: BenchReport) throws {
        let experiment = try WorldLocator.load(WorldLocator.path(for: nil))
        var spec = experiment.world
        let episodes = experiment.setup.episodes
        if quick { spec.episode.ticks = 20 }
        let population = quick ? 16 : 64
        var rng = RandomStream.generator(2024, 3)
        let genomes = (0..<population).map { _ in FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let stepsPerEvaluation = Double(population * episodes * spec.episode.ticks)

        for memory in [Ablation.Memory.full, .off] {
            var s = spec
            s.brain.memory = memory
            func record(_ threads: Int, _ ns: Double) {
                let params: [String: BenchRecord.Param] = ["world": .string(s.name), "memory": .string(memory.rawValue),
                                                           "threads": .int(threads), "population": .int(population)]
                let rate = stepsPerEvaluation / ns * 1e9
                report.add(BenchRecord(benchmark: "world", params: params, metric: "agent_steps_per_second", value: rate, unit: "steps/s"))
                // Against the most a thread could do if a tick were only its brains' arithmetic.
                if let clock, threads == 1 {
                    let bound = 1e9 / clock.boundNanoseconds(operations: BrainBenchmarks.arithmetic(s.architecture, tape: memory != .off))
                    report.add(BenchRecord(benchmark: "world", params: params, metric: "ratio_to_brain_arithmetic_bound",
                                           value: bound / rate, unit: "×"))
                }
            }
            let one = PopulationEvaluator(spec: s, episodes: episodes, threads: 1)
            guard cores > 1 else {
                record(1, timer.nanosecondsPerCall { _ = one.evaluate(genomes, seed: 1, generation: 0) })
                continue
            }
            // 1 thread and all threads sampled alternately; the speed-up is the median of the
            // per-pair ratios (see BenchTimer.pairedNanosecondsPerCall).
            let all = PopulationEvaluator(spec: s, episodes: episodes, threads: cores)
            let paired = timer.pairedNanosecondsPerCall({ _ = all.evaluate(genomes, seed: 1, generation: 0) },
                                                        { _ = one.evaluate(genomes, seed: 1, generation: 0) })
            record(1, paired.b)
            record(cores, paired.a)
            report.add(BenchRecord(benchmark: "world", params: ["world": .string(s.name), "memory": .string(memory.rawValue),
                                                                "threads": .string("\(cores)/1"), "population": .int(population)],
                                   metric: "thread_speedup", value: paired.ratio, unit: "x"))
        }

        switched(spec, episodes: episodes, population: population, report)
        for still in [true, false] { linearity(spec, genomes, still: still, report) }
    }

    /// The LSH-switched controller (8 banks) against the plain one in the whole world, on one
    /// thread, sampled alternately: the realistic figure, since there an agent's banks change
    /// as often as what it senses makes them, not as in a fixed-input benchmark.
    ///
    /// Each switched genome is its plain counterpart tied into all 8 banks (a first
    /// generation's, ``FilterBankController/initialParameters(_:using:)``), so both
    /// populations behave identically: the same agents live, sense and eat the same things
    /// tick for tick, and the ratio is the switched brain's own cost, its bank hashing and
    /// refreshes included. (Independent random banks behave differently, and the world's
    /// work with them.)
    func switched(_ spec: WorldSpec, episodes: Int, population: Int, _ report: BenchReport) {
        var lsh = spec
        lsh.brain.switchBanks = 8
        var rng = RandomStream.generator(2024, 4), same = rng
        let plainGenomes = (0..<population).map { _ in FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng) }
        let lshGenomes = (0..<population).map { _ in FilterBankController.initialParameters(lsh.architecture.controllerShape, using: &same) }
        let plain = PopulationEvaluator(spec: spec, episodes: episodes, threads: 1)
        let switched = PopulationEvaluator(spec: lsh, episodes: episodes, threads: 1)
        let paired = timer.pairedNanosecondsPerCall({ _ = plain.evaluate(plainGenomes, seed: 1, generation: 0) },
                                                    { _ = switched.evaluate(lshGenomes, seed: 1, generation: 0) })
        let params: [String: BenchRecord.Param] = ["world": .string(spec.name), "controller": .string("lsh-switched"), "banks": .int(8),
                                                   "banks_start": .string("tied"), "threads": .int(1), "population": .int(population)]
        let steps = Double(population * episodes * spec.episode.ticks)
        report.add(BenchRecord(benchmark: "world", params: params, metric: "agent_steps_per_second", value: steps / paired.b * 1e9, unit: "steps/s"))
        report.add(BenchRecord(benchmark: "world", params: params, metric: "cost_vs_plain", value: paired.ratio, unit: "×"))
    }
}

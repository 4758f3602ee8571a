import Foundation
import NTMBrain
import NTMWorld

/// World figures: agent-steps per second for the default world (`forage`, default brain),
/// whole generations evaluated as `evolve` does, on 1 thread and on all threads, with the
/// tape on and off; and the cost of one tick of a built arena as its agents grow tenfold
/// (arena and density scaled with them).
struct WorldBenchmarks {
    var timer: BenchTimer
    var quick: Bool

    func run(_ report: BenchReport) throws {
        var spec = try WorldLocator.load(WorldLocator.path(for: nil))
        if quick { spec.episode.ticks = 20 }
        let population = quick ? 16 : 64
        var rng = RandomStream.generator(2024, 3)
        let genomes = (0..<population).map { _ in FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng) }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let stepsPerEvaluation = Double(population * spec.episode.count * spec.episode.ticks)

        for memory in [Ablation.Memory.full, .off] {
            var s = spec
            s.brain.memory = memory
            func record(_ threads: Int, _ ns: Double) {
                report.add(BenchRecord(benchmark: "world", params: ["world": .string(s.name), "memory": .string(memory.rawValue),
                                                                    "threads": .int(threads), "population": .int(population)],
                                       metric: "agent_steps_per_second", value: stepsPerEvaluation / ns * 1e9, unit: "steps/s"))
            }
            let one = PopulationEvaluator(spec: s, threads: 1)
            guard cores > 1 else {
                record(1, timer.nanosecondsPerCall { _ = one.evaluate(genomes, seed: 1, generation: 0) })
                continue
            }
            // 1 thread and all threads sampled alternately; the speed-up is the median of the
            // per-pair ratios (see BenchTimer.pairedNanosecondsPerCall).
            let all = PopulationEvaluator(spec: s, threads: cores)
            let paired = timer.pairedNanosecondsPerCall({ _ = all.evaluate(genomes, seed: 1, generation: 0) },
                                                        { _ = one.evaluate(genomes, seed: 1, generation: 0) })
            record(1, paired.b)
            record(cores, paired.a)
            report.add(BenchRecord(benchmark: "world", params: ["world": .string(s.name), "memory": .string(memory.rawValue),
                                                                "threads": .string("\(cores)/1"), "population": .int(population)],
                                   metric: "thread_speedup", value: paired.ratio, unit: "x"))
        }

        // Linearity: one arena with N and with 10·N agents (and 10× the arena area and food),
        // sampled alternately; the ratio is the median of the per-pair ratios.
        let sizes = quick ? (4, 40) : (16, 160)
        let (small, large) = (arena(spec, genomes, agents: sizes.0, base: sizes.0), arena(spec, genomes, agents: sizes.1, base: sizes.0))
        let ticks = timer.pairedNanosecondsPerCall({ small.step() }, { large.step() })
        report.add(BenchRecord(benchmark: "world", params: ["agents": .int(sizes.0), "world": .string(spec.name)],
                               metric: "time_per_tick", value: ticks.a, unit: "ns"))
        report.add(BenchRecord(benchmark: "world", params: ["agents": .int(sizes.1), "world": .string(spec.name)],
                               metric: "time_per_tick", value: ticks.b, unit: "ns"))
        report.add(BenchRecord(benchmark: "world", params: ["agents": .string("\(sizes.1)/\(sizes.0)"), "world": .string(spec.name)],
                               metric: "tick_cost_ratio", value: ticks.ratio, unit: "x"))
    }

    /// An arena of `n` agents at the density of the world's own arena with `base` agents:
    /// area, food items and patches scaled by n/base. Nobody starves mid-measurement, so
    /// every tick has all n agents. Built (a once-per-lifetime cost) and stepped five ticks
    /// outside the timing.
    func arena(_ spec: WorldSpec, _ genomes: [[Float]], agents n: Int, base: Int) -> Arena {
        var s = spec
        let scale = Float(n) / Float(base)
        s.arena.width *= scale.squareRoot(); s.arena.height *= scale.squareRoot()
        for i in s.food.indices {
            s.food[i].count = Int(Float(s.food[i].count) * scale)
            s.food[i].patches = Int(Float(s.food[i].patches) * scale)
        }
        s.episode.agentsPerArena = n
        s.metabolism.costPerTick = 0
        s.metabolism.costPerThrust = 0
        let arena = Arena(spec: s, genomes: (0..<n).map { genomes[$0 % genomes.count] }, layoutSeed: 7)
        for _ in 0..<5 { arena.step() }
        return arena
    }
}

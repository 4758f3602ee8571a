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
            for threads in Array(Set([1, cores])).sorted() {
                let evaluator = PopulationEvaluator(spec: s, threads: threads)
                let ns = timer.nanosecondsPerCall { _ = evaluator.evaluate(genomes, seed: 1, generation: 0) }
                report.add(BenchRecord(benchmark: "world", params: ["world": .string(s.name), "memory": .string(memory.rawValue),
                                                                    "threads": .int(threads), "population": .int(population)],
                                       metric: "agent_steps_per_second", value: stepsPerEvaluation / ns * 1e9, unit: "steps/s"))
            }
        }

        // Linearity: one arena with N and with 10·N agents (and 10× the arena area and food).
        var perTick: [Int: Double] = [:]
        for n in quick ? [4, 40] : [16, 160] {
            var s = spec
            let scale = Float(n) / Float(quick ? 4 : 16)
            s.arena.width *= scale.squareRoot(); s.arena.height *= scale.squareRoot()
            for i in s.food.indices {         // same density of items and of patches
                s.food[i].count = Int(Float(s.food[i].count) * scale)
                s.food[i].patches = Int(Float(s.food[i].patches) * scale)
            }
            s.episode.agentsPerArena = n
            s.metabolism.costPerTick = 0            // nobody starves mid-measurement,
            s.metabolism.costPerThrust = 0          // so every tick has all n agents
            let members = (0..<n).map { genomes[$0 % genomes.count] }
            // Build the arena (a once-per-lifetime cost) outside the timed ticks.
            let arena = Arena(spec: s, genomes: members, layoutSeed: 7)
            for _ in 0..<5 { arena.step() }
            perTick[n] = timer.nanosecondsPerCall { arena.step() }
        }
        let (small, large) = (perTick.keys.min()!, perTick.keys.max()!)
        report.add(BenchRecord(benchmark: "world", params: ["agents": .int(small), "world": .string(spec.name)],
                               metric: "time_per_tick", value: perTick[small]!, unit: "ns"))
        report.add(BenchRecord(benchmark: "world", params: ["agents": .int(large), "world": .string(spec.name)],
                               metric: "time_per_tick", value: perTick[large]!, unit: "ns"))
        report.add(BenchRecord(benchmark: "world", params: ["agents": .string("\(large)/\(small)"), "world": .string(spec.name)],
                               metric: "tick_cost_ratio", value: perTick[large]! / perTick[small]!, unit: "x"))
    }
}

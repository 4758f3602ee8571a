import Foundation
import NTMEvolution

/// Evolution figures: generations per second on the memory worlds, as `evolve` and `study`
/// run them (files, checkpoint every generation and all), at population 64 and 1024, on 1
/// thread and on all of them. Each run directory is written twice in alternation, by
/// ``EvolutionRun/run(clock:stop:progress:)``, which writes a generation's files beside
/// the next one's evaluation, and inline, generation by generation (``EvolutionRun/advance(clock:)``,
/// what `run` did before), so `overlap_speedup` compares the two in the same minutes.
struct EvolutionBenchmarks {
    var quick: Bool

    static let provenance = RunProvenance(version: NTMLifeCommand.version, gitRevision: "bench", commandLine: ["bench"])

    func run(_ report: BenchReport) throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let worlds = quick ? ["cue-choice"] : ["cue-choice", "poison-seasons"]
        let sizes = quick ? [(population: 16, generations: 2)] : [(64, 20), (1024, 3)]
        let repeats = quick ? 1 : 3
        for world in worlds {
            var experiment = try WorldLocator.load(WorldLocator.path(for: world))
            for (population, generations) in sizes {
                experiment.setup.population = population
                experiment.setup.generations = generations
                for threads in Set([1, quick ? 1 : cores]).sorted() {
                    var (inline, overlapped, ratios) = ([Double](), [Double](), [Double]())
                    for _ in 0..<repeats {
                        let a = try Self.seconds(experiment, threads: threads, overlapped: false)
                        let b = try Self.seconds(experiment, threads: threads, overlapped: true)
                        inline.append(Double(generations) / a); overlapped.append(Double(generations) / b); ratios.append(a / b)
                    }
                    let params: [String: BenchRecord.Param] = ["world": .string(world), "population": .int(population),
                                                               "threads": .int(threads), "checkpoint_every": .int(1)]
                    for (writes, rates) in [("inline", inline), ("overlapped", overlapped)] {
                        var p = params
                        p["writes"] = .string(writes)
                        report.add(BenchRecord(benchmark: "evolution", params: p, metric: "generations_per_second",
                                               value: BenchTimer.median(rates), unit: "gen/s"))
                    }
                    report.add(BenchRecord(benchmark: "evolution", params: params, metric: "overlap_speedup",
                                           value: BenchTimer.median(ratios), unit: "×"))
                }
            }
        }
    }

    /// Seconds for a fresh run of `experiment` to its target in a temporary directory.
    static func seconds(_ experiment: Experiment, threads: Int, overlapped: Bool) throws -> Double {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ntmlife-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = { Date().timeIntervalSinceReferenceDate }
        let started = clock()
        try RunError.bridge { () throws(RunError) in
            let run = try EvolutionRun.start(experiment, in: RunDirectory(path: dir), provenance: provenance, threads: threads)
            if overlapped {
                try run.run(clock: clock)
            } else {
                while !run.isComplete { try run.advance(clock: clock) }
                try run.finish()
            }
        }
        return clock() - started
    }
}

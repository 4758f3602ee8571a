import ArgumentParser
import Foundation
import NTMBrain
import NTMViewer

/// `ntmlife bench`: the one source of performance figures.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the kernels, the brain step, the world, evolution, the window's drawing, and what the tape holds.",
        discussion: """
            Every figure is the median of several timed samples. The WHT is measured for the \
            project's kernels and, sampled alternately with them, for a plain C loop of the \
            definition, so their ratio is meaningful even on a noisy machine; time figures also \
            give their ratio to the bound they are measured against, at the clock measured in \
            the same run.
            With --json, prints JSON Lines, one record per figure:
              {"benchmark": "...", "params": {...}, "metric": "...", "value": 1.0, "unit": "..."}
            """
    )

    @Flag(help: "Print JSON Lines (one record per figure) instead of a table.")
    var json = false

    @Flag(help: "Fewer, shorter samples: a smoke test, not a measurement.")
    var quick = false

    @Option(help: "Timed samples per figure (the median is reported).")
    var samples: Int?

    @Option(help: ArgumentHelp("Agents in the batched brain benchmark.", valueName: "n"))
    var agents = 256

    enum Suite: String, CaseIterable, ExpressibleByArgument {
        case wht, brain, world, evolution, render, memory
    }

    @Flag(help: "Only the render figures (frames/s of the window's picture; same as --only render).")
    var render = false

    @Option(help: ArgumentHelp("Run only these suites (repeatable).", valueName: "suite"))
    var only: [Suite] = []

    @Option(help: ArgumentHelp("With the memory suite: also draw its curves (capacity against theory, forgetting) as a PNG.",
                               valueName: "FILE.png"))
    var plot: String?

    func validate() throws {
        if plot != nil && !(only.isEmpty || only.contains(.memory)) {
            throw ValidationError("--plot draws the memory suite's curves; add --only memory (or run every suite)")
        }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1, got \(samples)") }
        if agents < 1 { throw ValidationError("--agents must be at least 1, got \(agents)") }
    }

    func run() throws {
        let timer = BenchTimer(samples: samples ?? (quick ? 1 : 9), minimumSampleSeconds: quick ? 0.0005 : 0.02)
        let report = BenchReport(json: json)
        let suites = render ? [Suite.render] + only : (only.isEmpty ? Suite.allCases : only)
        let clock = BenchClock.measure(timer)
        if let clock { clock.records.forEach(report.add) }
        if suites.contains(.wht) {
            WHTBenchmarks(timer: timer, lengths: quick ? [64, 1024] : [64, 128, 256, 1024, 4096], clock: clock).run(report)
        }
        if suites.contains(.brain) {
            BrainBenchmarks(timer: timer, agents: quick ? min(agents, 16) : agents, clock: clock).run(report)
        }
        if suites.contains(.world) {
            try WorldBenchmarks(timer: timer, quick: quick, clock: clock).run(report)
        }
        if suites.contains(.evolution) {
            try EvolutionBenchmarks(quick: quick).run(report)
        }
        if suites.contains(.render) {
            try RenderBenchmarks(timer: timer).run(report)
        }
        if suites.contains(.memory) {
            let bench = MemoryBenchmarks(quick: quick)
            let curves = bench.capacity(report)
            let forgetting = bench.forgetting(report)
            if let plot { try MemoryBenchmarks.draw(plot, curves, forgetting) }
        }
        report.finish()
    }
}

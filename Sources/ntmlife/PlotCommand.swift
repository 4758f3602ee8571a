import ArgumentParser
import Foundation
import NTMEvolution
import NTMViewer
import NTMWorld

/// `ntmlife plot`: a PNG of a run's fitness curves and tape use.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a run's fitness curves (best, mean, median) and tape use as a PNG."
    )

    @Argument(help: "A run directory written by `ntmlife evolve`.")
    var runDirectory: String

    @Option(help: ArgumentHelp("Where to write the PNG (default: RUN_DIR/fitness.png).", valueName: "FILE.png"))
    var out: String?

    func run() throws {
        let run = RunDirectory(path: runDirectory)
        let text: String
        do { text = try FileAccess.readText(run.statsFile) } catch {
            throw UsageError(description: "'\(runDirectory)' is not a run directory: \(error.description)")
        }
        var stats: [GenerationStats] = []
        for (n, line) in text.split(separator: "\n").enumerated().dropFirst() {
            guard let row = GenerationStats(csvRow: String(line)) else {
                throw UsageError(description: "\(run.statsFile):\(n + 1): not a stats row written by ntmlife")
            }
            stats.append(row)
        }
        guard !stats.isEmpty else { throw UsageError(description: "\(run.statsFile) has no generations to plot yet") }
        let world = (try? FileAccess.readText(run.worldFile))
            .flatMap { $0.split(separator: "\n").first { $0.hasPrefix("name = ") } }
            .map { String($0.dropFirst(7)).trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } ?? "run"
        let path = out ?? run.path + "/fitness.png"
        do {
            let canvas = try FitnessPlot(stats: stats, title: "\(world): fitness, generations 0–\(stats.count - 1)").render()
            try canvas.savePNG(path)
        } catch let e as SDLError {
            throw RuntimeFailure(description: e.description)
        }
        print("plot: \(path)")
    }
}

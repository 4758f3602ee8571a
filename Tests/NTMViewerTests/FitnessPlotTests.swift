import Foundation
import NTMEvolution
import NTMViewer
import NTMTestSupport
import Testing

@Suite("Plots: pixel facts of a known picture")
struct FitnessPlotTests {
    /// Ten generations with best, mean and median far apart.
    static let stats = (0..<10).map { g in
        GenerationStats(generation: g, best: 100 + 10 * Double(g), mean: 50, median: 10, diversity: 0.5,
                        meanGate: 0.5, meanReadNorm: 1, agentStepsPerSecond: 1e6, population: 64)
    }

    @Test("Each series is drawn in its colour through its data points; the paper is white")
    func seriesPixels() throws {
        let plot = FitnessPlot(stats: Self.stats, title: "test")
        let canvas = try plot.render()
        let (fit, mem) = plot.panels
        func at(_ p: (x: Double, y: Double)) -> RGBA { canvas.pixel(x: Int(p.x.rounded(.down)), y: Int(p.y.rounded(.down))) }
        // Between two samples, away from the others: the line passes through the midpoint.
        #expect(at(fit.point(4.5, 145)) == FitnessPlot.best)
        #expect(at(fit.point(4.5, 50)) == FitnessPlot.mean)
        #expect(at(fit.point(4.5, 10)) == FitnessPlot.median)
        #expect(at(mem.point(4.5, 0.5)) == FitnessPlot.gate)
        #expect(canvas.pixel(x: 2, y: 2) == RGBA(255, 255, 255))
        #expect(canvas.pixel(x: canvas.width - 3, y: canvas.height - 3) == RGBA(255, 255, 255))
    }

    @Test("A damaged stats.csv (nan, ±inf, 1e308) costs gaps in the curves, not the picture")
    func unplottableValues() throws {
        var stats = Self.stats
        stats[3].best = .nan; stats[4].mean = .infinity; stats[5].median = -.infinity; stats[6].best = 1e308
        stats[7].meanGate = .nan; stats[8].meanReadNorm = 1e300
        let plot = FitnessPlot(stats: stats, title: "damaged")
        let (fit, mem) = plot.panels
        #expect(fit.yRange.lowerBound.isFinite && fit.yRange.upperBound.isFinite && fit.yRange.upperBound < 1000)
        #expect(mem.yRange.upperBound.isFinite && mem.yRange.upperBound < 10)
        let canvas = try plot.render()
        // Where every value is sound, the curve is still drawn through its points.
        #expect(canvas.pixel(x: Int(fit.point(0.5, 105).x), y: Int(fit.point(0.5, 105).y)) == FitnessPlot.best)
    }

    @Test("Text is drawn: the title band and the axis labels are not blank")
    func textPresent() throws {
        let canvas = try FitnessPlot(stats: Self.stats, title: "a title long enough to see").render()
        var inked = 0
        for y in 15..<45 { for x in 300..<700 where canvas.pixel(x: x, y: y) != RGBA(255, 255, 255) { inked += 1 } }
        #expect(inked > 200)
        var labels = 0
        for y in 60..<480 { for x in 20..<80 where canvas.pixel(x: x, y: y) != RGBA(255, 255, 255) { labels += 1 } }
        #expect(labels > 100)
    }

    @Test("savePNG writes a valid PNG of the canvas's size, atomically")
    func png() throws {
        let dir = temporaryDirectory("png")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let canvas = try FitnessPlot(stats: Self.stats, title: "png").render()
        try canvas.savePNG(dir + "/p.png")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/p.png")))
        #expect(Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == canvas.width && height == canvas.height)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["p.png"])
    }
}

import NTMEvolution
import NTMTestSupport
import NTMViewer
import Testing

@Suite("Study picture: pixel facts of known rows")
struct StudyPlotTests {
    static func row(_ condition: String, _ seed: UInt64, accuracy: Double, lesioned: Double, curve: [Double]) -> Study.Row {
        Study.Row(condition: condition, seed: seed, generations: curve.count, heldOutEpisodes: 10, heldOutFitness: curve.last!,
                  decisions: 60, decisionAccuracy: accuracy, lesionedDecisionAccuracy: lesioned, chance: 0.5, curve: curve)
    }

    static let rows = [
        row("full", 1, accuracy: 1.0, lesioned: 0.5, curve: (0..<100).map { Double($0) }),
        row("full", 2, accuracy: 0.9, lesioned: 0.25, curve: (0..<100).map { Double($0) * 1.5 }),
        row("off", 1, accuracy: 0.5, lesioned: 0.5, curve: [Double](repeating: 20, count: 100)),
    ]

    @Test("Each champion is a dot of its condition's colour at its accuracy; the chance line is dashed at 0.5; curves are smoothed medians")
    func pixels() throws {
        let plot = StudyPlot(rows: Self.rows, conditions: ["full", "off"], chance: 0.5, title: "test")
        let canvas = try plot.render()
        let (_, acc) = plot.panels
        func at(_ p: (x: Double, y: Double), dx: Double = 0) -> RGBA { canvas.pixel(x: Int((p.x + dx).rounded()), y: Int(p.y.rounded())) }
        // full: two runs, spread either side of the column; off: one run in its column.
        let spread = min(8, 60 / 2.0) / 2
        #expect(at(acc.point(0, 1.0), dx: -spread) == StudyPlot.colors["full"]!)
        #expect(at(acc.point(0, 0.9), dx: spread) == StudyPlot.colors["full"]!)
        #expect(at(acc.point(1, 0.5)) == StudyPlot.colors["off"]!)
        // No dot where no champion is.
        #expect(at(acc.point(0, 0.75)) == RGBA(255, 255, 255))
        // The chance line: dark dashes across the panel at 0.5.
        let y = Int(acc.point(0, 0.5).y.rounded())
        let dark = (Int(acc.x)..<Int(acc.x + 100)).filter { canvas.pixel(x: $0, y: y).r < 100 }.count
        #expect(dark > 30 && dark < 100)
        // The curves: the median of the full runs at generation 99 of a 2-generation average.
        #expect(plot.window == 2)
        let full = try #require(plot.curves["full"])
        #expect(full.count == 100 && full[99].median == (98.5 + 98.5 * 1.5) / 2 && full[99].low < full[99].high)
        #expect(plot.curves["off"]![50].median == 20)
    }

    @Test("In a world without decisions the right panel shows each champion's held-out fitness, on a range that holds the best")
    func fitnessWithoutDecisions() throws {
        func row(_ c: String, _ seed: UInt64, _ fitness: Double) -> Study.Row {
            Study.Row(condition: c, seed: seed, generations: 3, heldOutEpisodes: 10, heldOutFitness: fitness, decisions: 0,
                      decisionAccuracy: nil, lesionedDecisionAccuracy: nil, chance: nil, curve: [1, 2, fitness])
        }
        let plot = StudyPlot(rows: [row("full", 1, 71), row("off", 1, 40)], conditions: ["full", "off"], chance: nil, title: "forage")
        #expect(!plot.decides)
        let (_, panel) = plot.panels
        #expect(panel.yRange.lowerBound == 0 && panel.yRange.upperBound >= 71)
        let canvas = try plot.render()
        func at(_ p: (x: Double, y: Double)) -> RGBA { canvas.pixel(x: Int(p.x.rounded()), y: Int(p.y.rounded())) }
        #expect(at(panel.point(0, 71)) == StudyPlot.colors["full"]!)
        #expect(at(panel.point(1, 40)) == StudyPlot.colors["off"]!)
        #expect(at(panel.point(1, 60)) == RGBA(255, 255, 255))
        #expect(StudyPlot(rows: Self.rows, conditions: ["full", "off"], chance: 0.5, title: "t").panels.accuracy.yRange == 0...1)
    }
}

import Foundation
import NTMEvolution

/// The picture of a study. Left: mean fitness over generations, per condition, as the median
/// across seeds with the interquartile range as a band. Right: each champion's decision
/// accuracy on held-out episodes as a dot (and, for the tape-on condition, the same champion
/// with its tape removed as a ring), against the chance level as a dashed line; in a world
/// without decisions, each champion's held-out fitness instead.
public struct StudyPlot {
    public let rows: [Study.Row]
    public let conditions: [String]
    public let chance: Double?
    public let title: String
    public var width = 1160, height = 560

    public static let colors: [String: RGBA] = ["full": RGBA(31, 119, 180), "hashed": RGBA(31, 119, 180), "off": RGBA(214, 39, 40),
                                                "blocks": RGBA(44, 160, 44), "decaying": RGBA(148, 103, 189),
                                                "novelty-gated": RGBA(255, 127, 14), "lsh-switched": RGBA(140, 86, 75)]
    static let lesioned = RGBA(120, 120, 120)
    static let ink = FitnessPlot.ink, grid = FitnessPlot.grid, paper = FitnessPlot.paper

    public init(rows: [Study.Row], conditions: [String], chance: Double?, title: String) {
        (self.rows, self.conditions, self.chance, self.title) = (rows, conditions, chance, title)
    }

    static func color(_ condition: String) -> RGBA { colors[condition] ?? RGBA(44, 160, 44) }

    /// Generations each curve is averaged over (a population's mean fitness jumps from one
    /// generation to the next with its episodes' luck): about a fiftieth of the run.
    public var window: Int { max(1, (rows.map(\.curve.count).max() ?? 0) / 50) }

    /// A moving average over the `window` generations ending at each one.
    static func smoothed(_ x: [Double], _ w: Int) -> [Double] {
        var out: [Double] = [], sum = 0.0
        for (g, v) in x.enumerated() {
            sum += v
            if g >= w { sum -= x[g - w] }
            out.append(sum / Double(min(g + 1, w)))
        }
        return out
    }

    /// Per condition and generation: (25 %, median, 75 %) over seeds of the runs' mean
    /// fitness, each run's curve smoothed over ``window`` generations first.
    public var curves: [String: [(low: Double, median: Double, high: Double)]] {
        var out: [String: [(Double, Double, Double)]] = [:]
        for c in conditions {
            let runs = rows.filter { $0.condition == c }.map { Self.smoothed($0.curve, window) }
            let length = runs.map(\.count).min() ?? 0
            out[c] = (0..<length).map { g in
                let v = runs.map { $0[g] }
                return (Statistics.quantile(v, 0.25), Statistics.median(v), Statistics.quantile(v, 0.75))
            }
        }
        return out
    }

    /// Whether the world counts decisions. If not (forage), the right panel shows each
    /// champion's held-out fitness instead of an accuracy it has none of.
    public var decides: Bool { rows.contains { $0.decisionAccuracy != nil } }

    /// The right panel's range: accuracy 0…1, or 0 up to the best held-out fitness.
    var judgedRange: ClosedRange<Double> {
        if decides { return 0...1 }
        let best = rows.map(\.heldOutFitness).filter(FitnessPlot.plottable).max() ?? 1
        return FitnessPlot.niceRange(min(0, rows.map(\.heldOutFitness).min() ?? 0)...max(best, 1))
    }

    /// What a champion's dot shows: its held-out decision accuracy, or its held-out fitness.
    func judged(_ r: Study.Row) -> Double? { decides ? r.decisionAccuracy : r.heldOutFitness }

    /// The two panels' frames and ranges (public so tests can check pixels at data points).
    public var panels: (fitness: FitnessPlot.Panel, accuracy: FitnessPlot.Panel) {
        let all = curves.values.flatMap { $0.flatMap { [$0.low, $0.high] } }.filter(FitnessPlot.plottable)
        let generations = Double(max((curves.values.map(\.count).max() ?? 1) - 1, 1))
        let fit = FitnessPlot.niceRange((all.min() ?? 0)...(all.max() ?? 1))
        return (FitnessPlot.Panel(x: 90, y: 80, width: 560, height: Double(height) - 170, xRange: 0...generations, yRange: fit),
                FitnessPlot.Panel(x: 760, y: 80, width: Double(width) - 800, height: Double(height) - 170,
                                  xRange: -0.5...(Double(conditions.count) - 0.5), yRange: judgedRange))
    }

    public func render() throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let titleFont = try Font.standard(size: 22), font = try Font.standard(size: 14)
        let column = panels.accuracy.width / Double(max(conditions.count, 1))
        let legendDrop = conditions.contains { Double(font.width(of: $0)) > column - 6 } ? 18.0 : 0
        canvas.clear(Self.paper)
        canvas.text(title, x: Double(width) / 2, y: 18, font: titleFont, Self.ink, centered: true)
        let (fit, acc) = panels
        axes(fit, canvas, font, yLabel: "population's mean fitness (\(window)-generation average; median and IQR over seeds)", xLabel: "generation")
        for c in conditions {
            guard let curve = curves[c], !curve.isEmpty else { continue }
            var band = Self.color(c)
            band.a = 55
            for (g, q) in curve.enumerated() {
                let lo = fit.point(Double(g), q.low), hi = fit.point(Double(g), q.high)
                canvas.fill(x: lo.x - fit.width / Double(2 * max(curve.count, 1)), y: hi.y,
                            width: max(fit.width / Double(max(curve.count, 1)), 1), height: max(lo.y - hi.y, 1), band)
            }
            for g in 1..<max(curve.count, 1) {
                let a = fit.point(Double(g - 1), curve[g - 1].median), b = fit.point(Double(g), curve[g].median)
                canvas.line(a.x, a.y, b.x, b.y, Self.color(c), thickness: 2)
            }
        }
        legend(fit, canvas, font)

        axes(acc, canvas, font, yLabel: decides ? "decision accuracy, held out" : "fitness on held-out episodes (no decisions here)", xLabel: nil)
        if let chance, decides {
            let (_, y) = acc.point(0, chance)
            var x = acc.x
            while x < acc.x + acc.width { canvas.line(x, y, min(x + 8, acc.x + acc.width), y, Self.ink); x += 14 }
            // Labelled in the legend below, where no dot can sit on it.
            let ly = acc.y + acc.height + 38 + legendDrop
            canvas.line(acc.x + 230, ly, acc.x + 238, ly, Self.ink)
            canvas.line(acc.x + 244, ly, acc.x + 252, ly, Self.ink)
            canvas.text(String(format: "chance %.2f", chance), x: acc.x + 258, y: ly - 9, font: font, Self.ink)
        }
        for (k, c) in conditions.enumerated() {
            let runs = rows.filter { $0.condition == c }
            let (cx, _) = acc.point(Double(k), 0)
            // Names too wide for their column alternate between two rows.
            canvas.text(c, x: cx, y: acc.y + acc.height + 8 + (legendDrop > 0 && k % 2 == 1 ? 17 : 0), font: font, Self.ink, centered: true)
            for (i, r) in runs.enumerated() {
                let dx = (Double(i) - Double(runs.count - 1) / 2) * min(8, 60 / Double(max(runs.count, 1)))
                if let a = r.lesionedDecisionAccuracy, c != "off" {
                    let p = acc.point(Double(k), a)
                    canvas.frame(x: cx + dx + 12 - 4, y: p.y - 4, width: 9, height: 9, Self.lesioned)
                }
                if let a = judged(r) {
                    let p = acc.point(Double(k), a)
                    canvas.fill(x: cx + dx - 4, y: p.y - 4, width: 9, height: 9, Self.color(c))
                }
            }
        }
        canvas.fill(x: acc.x, y: acc.y + acc.height + 34 + legendDrop, width: 9, height: 9, Self.color("full"))
        canvas.text("champion", x: acc.x + 14, y: acc.y + acc.height + 30 + legendDrop, font: font, Self.ink)
        if decides {
            canvas.frame(x: acc.x + 110, y: acc.y + acc.height + 34 + legendDrop, width: 9, height: 9, Self.lesioned)
            canvas.text("tape removed", x: acc.x + 124, y: acc.y + acc.height + 30 + legendDrop, font: font, Self.ink)
        }
        return canvas
    }

    func axes(_ p: FitnessPlot.Panel, _ canvas: Canvas, _ font: Font, yLabel: String, xLabel: String?) {
        for t in FitnessPlot.ticks(p.yRange) {
            let (_, y) = p.point(p.xRange.lowerBound, t)
            canvas.line(p.x, y, p.x + p.width, y, Self.grid)
            canvas.text(FitnessPlot.label(t), x: p.x - 50, y: y - 9, font: font, Self.ink)
        }
        if let xLabel {
            for t in FitnessPlot.ticks(p.xRange) where t == t.rounded() {
                let (x, _) = p.point(t, p.yRange.lowerBound)
                canvas.line(x, p.y + p.height, x, p.y + p.height + 5, Self.ink)
                canvas.text(FitnessPlot.label(t), x: x, y: p.y + p.height + 8, font: font, Self.ink, centered: true)
            }
            canvas.text(xLabel, x: p.x + p.width / 2, y: p.y + p.height + 32, font: font, Self.ink, centered: true)
        }
        canvas.line(p.x, p.y, p.x, p.y + p.height, Self.ink)
        canvas.line(p.x, p.y + p.height, p.x + p.width, p.y + p.height, Self.ink)
        canvas.text(yLabel, x: p.x, y: p.y - 30, font: font, Self.ink)
    }

    func legend(_ p: FitnessPlot.Panel, _ canvas: Canvas, _ font: Font) {
        var x = p.x + 10
        for c in conditions {
            canvas.fill(x: x, y: p.y + 12, width: 18, height: 4, Self.color(c))
            let name = c == "off" || c == "full" ? "tape \(c)" : c
            canvas.text(name, x: x + 22, y: p.y + 3, font: font, Self.ink)
            x += Double(font.width(of: name)) + (conditions.count > 3 ? 30 : 50)
        }
    }
}

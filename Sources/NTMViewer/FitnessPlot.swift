import Foundation
import NTMEvolution

/// The picture of a run: best, mean and median fitness over generations, and below it how
/// much the tape is used (mean write gate, mean |read|). Axes, ticks, labels, a legend.
public struct FitnessPlot {
    public let stats: [GenerationStats]
    public let title: String
    public var width = 1000, height = 680

    public static let best = RGBA(31, 119, 180), mean = RGBA(255, 127, 14), median = RGBA(44, 160, 44)
    public static let gate = RGBA(148, 103, 189), read = RGBA(140, 86, 75)
    static let ink = RGBA(40, 40, 40), grid = RGBA(225, 225, 225), paper = RGBA(255, 255, 255)

    public init(stats: [GenerationStats], title: String) {
        self.stats = stats
        self.title = title
    }

    /// A panel: its pixel frame and the data ranges it maps.
    public struct Panel {
        public var x: Double, y: Double, width: Double, height: Double
        public var xRange: ClosedRange<Double>, yRange: ClosedRange<Double>

        /// Pixel position of a data point.
        public func point(_ gx: Double, _ gy: Double) -> (x: Double, y: Double) {
            let fx = xRange.upperBound > xRange.lowerBound ? (gx - xRange.lowerBound) / (xRange.upperBound - xRange.lowerBound) : 0.5
            let fy = yRange.upperBound > yRange.lowerBound ? (gy - yRange.lowerBound) / (yRange.upperBound - yRange.lowerBound) : 0.5
            return (x + fx * width, y + height - fy * height)
        }
    }

    /// What a picture can draw: a finite number no larger than a fitness, a rate or a
    /// generation can be. Anything else (nan, ±inf, 1e308 from a damaged stats.csv) is left
    /// out of every range and curve, so a bad row costs a gap in a line, never the picture.
    public static func plottable(_ v: Double) -> Bool { v.isFinite && abs(v) <= 1e15 }

    /// The two panels' frames and ranges (public so tests can check pixels at data points).
    public var panels: (fitness: Panel, memory: Panel) {
        let gens = stats.map { Double($0.generation) }.filter(Self.plottable)
        let xRange = (gens.min() ?? 0)...max(gens.max() ?? 1, (gens.min() ?? 0) + 1)
        let values = stats.flatMap { [$0.best, $0.mean, $0.median] }.filter(Self.plottable)
        let fit = Self.niceRange((values.min() ?? 0)...(values.max() ?? 1))
        let rates = stats.flatMap { [$0.meanGate, $0.meanReadNorm] }.filter(Self.plottable)
        let mem = Self.niceRange(0...max(rates.max() ?? 1, 0.1))
        let left = 90.0, right = Double(width) - 30
        return (Panel(x: left, y: 70, width: right - left, height: Double(height) * 0.52, xRange: xRange, yRange: fit),
                Panel(x: left, y: 70 + Double(height) * 0.52 + 70, width: right - left, height: Double(height) * 0.2, xRange: xRange, yRange: mem))
    }

    public func render() throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let titleFont = try Font.standard(size: 22), font = try Font.standard(size: 14)
        canvas.clear(Self.paper)
        canvas.text(title, x: Double(width) / 2, y: 18, font: titleFont, Self.ink, centered: true)
        let (fit, mem) = panels
        draw(panel: fit, on: canvas, font: font, yLabel: "fitness",
             series: [("best", Self.best, stats.map(\.best)), ("mean", Self.mean, stats.map(\.mean)), ("median", Self.median, stats.map(\.median))])
        draw(panel: mem, on: canvas, font: font, yLabel: "tape use",
             series: [("mean write gate", Self.gate, stats.map(\.meanGate)), ("mean |read|", Self.read, stats.map(\.meanReadNorm))])
        canvas.text("generation", x: mem.x + mem.width / 2, y: mem.y + mem.height + 30, font: font, Self.ink, centered: true)
        return canvas
    }

    func draw(panel p: Panel, on canvas: Canvas, font: Font, yLabel: String, series: [(String, RGBA, [Double])]) {
        for t in Self.ticks(p.yRange) {
            let (_, y) = p.point(p.xRange.lowerBound, t)
            canvas.line(p.x, y, p.x + p.width, y, Self.grid)
            canvas.text(Self.label(t), x: p.x - 58, y: y - 9, font: font, Self.ink)
        }
        for t in Self.ticks(p.xRange) where t == t.rounded() {
            let (x, _) = p.point(t, p.yRange.lowerBound)
            canvas.line(x, p.y + p.height, x, p.y + p.height + 5, Self.ink)
            canvas.text(Self.label(t), x: x, y: p.y + p.height + 8, font: font, Self.ink, centered: true)
        }
        canvas.line(p.x, p.y, p.x, p.y + p.height, Self.ink)
        canvas.line(p.x, p.y + p.height, p.x + p.width, p.y + p.height, Self.ink)
        canvas.text(yLabel, x: p.x, y: p.y - 24, font: font, Self.ink)
        let gens = stats.map { Double($0.generation) }
        for (_, color, values) in series {
            for k in 1..<max(values.count, 1) {
                guard [gens[k - 1], values[k - 1], gens[k], values[k]].allSatisfy(Self.plottable) else { continue }
                let a = p.point(gens[k - 1], values[k - 1]), b = p.point(gens[k], values[k])
                canvas.line(a.x, a.y, b.x, b.y, color, thickness: 2)
            }
            if values.count == 1 && Self.plottable(values[0]) && Self.plottable(gens[0]) { let a = p.point(gens[0], values[0]); canvas.fill(x: a.x - 2, y: a.y - 2, width: 5, height: 5, color) }
        }
        // Legend, top right of the panel.
        var lx = p.x + p.width - 10
        for (name, color, _) in series.reversed() {
            let w = Double(font.width(of: name)) + 22 + 18
            lx -= w
            canvas.fill(x: lx, y: p.y - 18, width: 18, height: 4, color)
            canvas.text(name, x: lx + 22, y: p.y - 27, font: font, Self.ink)
        }
    }

    /// Extends a range to round numbers (1, 2 or 5 × 10ⁿ steps).
    static func niceRange(_ r: ClosedRange<Double>) -> ClosedRange<Double> {
        let step = niceStep(r)
        let lo = (r.lowerBound / step).rounded(.down) * step, hi = (r.upperBound / step).rounded(.up) * step
        return lo...(hi > lo ? hi : lo + step)
    }

    static func niceStep(_ r: ClosedRange<Double>) -> Double {
        let span = max(r.upperBound - r.lowerBound, 1e-9) / 5
        let magnitude = pow(10, (log10(span)).rounded(.down))
        let f = span / magnitude
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * magnitude
    }

    static func ticks(_ r: ClosedRange<Double>) -> [Double] {
        let step = niceStep(r)
        var t = (r.lowerBound / step).rounded(.up) * step
        var out: [Double] = []
        while t <= r.upperBound + step * 1e-9 && out.count < 50 { out.append(t); t += step }
        return out
    }

    static func label(_ v: Double) -> String {
        abs(v) >= 1000 || v == v.rounded() ? String(Int(v.rounded())) : String(format: "%.2g", v)
    }
}

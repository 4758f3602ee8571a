import Foundation

/// The picture of `ntmlife bench --only memory --plot FILE.png`. One panel per tape size:
/// recall error against items stored (log scale), one-shot writes measured (dots) beside
/// theory (dashed), repeated writes, and repeated writes read with a noisy key; a dotted
/// line at σ, the error of recalling nothing. The default size's panel marks note 001's
/// three regimes. The last panel: a stored set A's recall error while a set B is written
/// over and over, per tape variant.
public struct MemoryPlot {
    public struct Capacity: Sendable {
        public var key: Int, density: Int
        public var items: [Int]
        public var oneShot: [Double], theory: [Double], repeated: [Double], noisyKey: [Double]
        public init(key: Int, density: Int, items: [Int], oneShot: [Double], theory: [Double], repeated: [Double], noisyKey: [Double]) {
            (self.key, self.density, self.items) = (key, density, items)
            (self.oneShot, self.theory, self.repeated, self.noisyKey) = (oneShot, theory, repeated, noisyKey)
        }
        public var hashBits: Int { key * density }

        /// Error correction: a key off by a tenth of its length still recalls to within a
        /// tenth. The load up to which that holds (0 if not even for one item).
        public var errorCorrectionEnds: Int { Array(zip(items, noisyKey).prefix { $0.1 <= 0.1 }).last?.0 ?? 0 }
        /// Exact recall: repeated writes bring the error under 0.01. The load up to which they do.
        public var exactRecallEnds: Int { Array(zip(items, repeated).prefix { $0.1 <= 0.01 }).last?.0 ?? 0 }
    }

    public struct Forgetting: Sendable {
        public var kind: String, itemsB: Int
        /// Passes of B, starting with 0 (A's error before B).
        public var passes: [Int], errorA: [Double]
        public init(kind: String, itemsB: Int, passes: [Int], errorA: [Double]) {
            (self.kind, self.itemsB, self.passes, self.errorA) = (kind, itemsB, passes, errorA)
        }
    }

    public var capacity: [Capacity], forgetting: [Forgetting]
    /// The size whose panel carries the regimes' labels.
    public var defaultHashBits = 128
    public var width = 1560, height = 600

    public init(capacity: [Capacity], forgetting: [Forgetting]) {
        (self.capacity, self.forgetting) = (capacity, forgetting)
    }

    static let measured = RGBA(31, 119, 180), again = RGBA(44, 160, 44), noisy = RGBA(255, 127, 14)
    static let kinds: [String: RGBA] = ["hashed": RGBA(31, 119, 180), "blocks": RGBA(44, 160, 44),
                                        "decaying": RGBA(148, 103, 189), "novelty-gated": RGBA(214, 39, 40)]
    static let ink = FitnessPlot.ink, grid = FitnessPlot.grid, paper = FitnessPlot.paper
    static let sigma = (1.0 / 3).squareRoot()

    /// The panels' frames: capacity panels left to right, then forgetting.
    public var panels: (capacity: [FitnessPlot.Panel], forgetting: FitnessPlot.Panel) {
        let count = Double(capacity.count + 1), gap = 70.0, left = 70.0
        let w = (Double(width) - left - 30 - gap * (count - 1)) / count
        let y = 90.0, h = Double(height) - 220
        let caps = capacity.enumerated().map { i, c in
            FitnessPlot.Panel(x: left + Double(i) * (w + gap), y: y, width: w, height: h,
                              xRange: 0...log2(Double(max(c.items.last ?? 2, 2))), yRange: 0...1)
        }
        let maxPass = Double(forgetting.flatMap(\.passes).max() ?? 1)
        let worst = forgetting.flatMap(\.errorA).filter(FitnessPlot.plottable).max() ?? 1
        return (caps, FitnessPlot.Panel(x: left + Double(capacity.count) * (w + gap), y: y, width: w, height: h,
                                        xRange: 0...log2(1 + maxPass), yRange: FitnessPlot.niceRange(0...max(worst, 1))))
    }

    public func render() throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let titleFont = try Font.standard(size: 22), font = try Font.standard(size: 14), small = try Font.standard(size: 12)
        canvas.clear(Self.paper)
        canvas.text("What a hashed tape holds: recall error against items stored, measured beside theory",
                    x: Double(width) / 2, y: 16, font: titleFont, Self.ink, centered: true)
        let (caps, forget) = panels
        for (c, p) in zip(capacity, caps) {
            axes(p, canvas, font, title: "key \(c.key) × density \(c.density): D = \(c.hashBits)", xLabel: "items stored (log scale)",
                 xTicks: c.items.enumerated().filter { $0.offset % 2 == 0 }.map { (log2(Double($0.element)), "\($0.element)") })
            if c.hashBits == defaultHashBits { regimes(c, p, canvas, small) }
            dashed(p, canvas, 0, Double(log2(Double(c.items.last ?? 1))), Self.sigma, Self.ink)
            let (dx, _) = p.point(log2(Double(c.hashBits)), 0)
            canvas.line(dx, p.y, dx, p.y + p.height, Self.ink)
            canvas.text("N = D", x: dx + 3, y: p.y + 2, font: small, Self.ink)
            let xs = c.items.map { log2(Double($0)) }
            curve(p, canvas, xs, c.theory, Self.measured, dashes: true)
            curve(p, canvas, xs, c.oneShot, Self.measured, markers: true)
            curve(p, canvas, xs, c.repeated, Self.again, markers: true)
            curve(p, canvas, xs, c.noisyKey, Self.noisy)
        }
        let ly = Double(height) - 70
        var x = caps.first?.x ?? 70
        for (label, color, style) in [("one-shot writes, measured", Self.measured, 0), ("one-shot writes, theory", Self.measured, 1),
                                      ("written 32 times over", Self.again, 0), ("… read with a key 10 % off", Self.noisy, 2),
                                      ("σ: the error of recalling nothing", Self.ink, 3)] {
            if style == 1 || style == 3 {
                for k in stride(from: 0.0, to: 28, by: style == 1 ? 10 : 5) {
                    canvas.line(x + k, ly + 8, x + k + (style == 1 ? 6 : 2), ly + 8, color, thickness: style == 1 ? 2 : 1)
                }
            } else {
                canvas.line(x, ly + 8, x + 28, ly + 8, color, thickness: 2)
                if style == 0 { canvas.fill(x: x + 11, y: ly + 5, width: 7, height: 7, color) }
            }
            canvas.text(label, x: x + 34, y: ly, font: font, Self.ink)
            x += 34 + Double(font.width(of: label)) + 30
        }

        axes(forget, canvas, font, title: "forgetting, D = 128: set A as B is rewritten",
             xLabel: "passes over B (log scale)",
             xTicks: [0, 1, 2, 5, 10, 20, 50].filter { Double($0) <= exp2(forget.xRange.upperBound) - 0.5 }
                .map { (log2(1 + Double($0)), "\($0)") })
        var ky = forget.y + 8
        for f in forgetting {
            let color = Self.kinds[f.kind] ?? Self.ink
            curve(forget, canvas, f.passes.map { log2(1 + Double($0)) }, f.errorA, color, markers: f.itemsB > defaultHashBits / 4,
                  dashes: f.itemsB <= defaultHashBits / 4)
            if f.itemsB > defaultHashBits / 4 {
                canvas.fill(x: forget.x + 8, y: ky + 5, width: 18, height: 4, color)
                canvas.text(f.kind, x: forget.x + 30, y: ky - 2, font: small, Self.ink)
                ky += 17
            }
        }
        dashed(forget, canvas, 0, forget.xRange.upperBound, Self.sigma, Self.ink)
        canvas.text("A: D/4 items stored once; B: D items (solid) or D/4 (dashed)", x: forget.x - 40, y: forget.y + forget.height + 48,
                    font: small, Self.ink)
        return canvas
    }

    /// Bands for note 001's three regimes on one panel, labelled above it.
    func regimes(_ c: Capacity, _ p: FitnessPlot.Panel, _ canvas: Canvas, _ font: Font) {
        let bounds = [0.0, log2(Double(max(c.errorCorrectionEnds, 1))), log2(Double(max(c.exactRecallEnds, 1))), p.xRange.upperBound]
        let shades = [RGBA(222, 235, 247), RGBA(229, 245, 224), RGBA(254, 237, 222)]
        let labels = ["error correction", "exact recall", "noisy recall"]
        for i in 0..<3 where bounds[i + 1] > bounds[i] {
            let (x0, _) = p.point(bounds[i], 0), (x1, _) = p.point(bounds[i + 1], 0)
            canvas.fill(x: x0, y: p.y, width: x1 - x0, height: p.height, shades[i])
            canvas.text(labels[i], x: (x0 + x1) / 2, y: p.y + p.height - 18, font: font, Self.ink, centered: true,
                        within: PixelRect(x: x0, y: p.y, width: x1 - x0, height: p.height))
        }
    }

    func axes(_ p: FitnessPlot.Panel, _ canvas: Canvas, _ font: Font, title: String, xLabel: String, xTicks: [(Double, String)]) {
        for t in FitnessPlot.ticks(p.yRange) {
            let (_, y) = p.point(p.xRange.lowerBound, t)
            canvas.line(p.x, y, p.x + p.width, y, Self.grid)
            canvas.text(FitnessPlot.label(t), x: p.x - 40, y: y - 9, font: font, Self.ink)
        }
        for (t, label) in xTicks {
            let (x, _) = p.point(t, p.yRange.lowerBound)
            canvas.line(x, p.y + p.height, x, p.y + p.height + 5, Self.ink)
            canvas.text(label, x: x, y: p.y + p.height + 8, font: font, Self.ink, centered: true)
        }
        canvas.line(p.x, p.y, p.x, p.y + p.height, Self.ink)
        canvas.line(p.x, p.y + p.height, p.x + p.width, p.y + p.height, Self.ink)
        canvas.text(xLabel, x: p.x + p.width / 2, y: p.y + p.height + 28, font: font, Self.ink, centered: true)
        canvas.text(title, x: p.x, y: p.y - 44, font: font, Self.ink,
                    within: PixelRect(x: p.x - 40, y: p.y - 46, width: p.width + 50, height: 20))
        canvas.text("recall RMSE", x: p.x - 40, y: p.y - 24, font: font, Self.ink)
    }

    func curve(_ p: FitnessPlot.Panel, _ canvas: Canvas, _ xs: [Double], _ ys: [Double], _ color: RGBA,
               markers: Bool = false, dashes: Bool = false) {
        let points = zip(xs, ys).filter { FitnessPlot.plottable($0.1) }.map { p.point($0.0, min($0.1, p.yRange.upperBound)) }
        for (a, b) in zip(points, points.dropFirst()) {
            if dashes {
                let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
                var s = 0.0
                while s < length {
                    let e = min(s + 6, length)
                    canvas.line(a.x + (b.x - a.x) * s / length, a.y + (b.y - a.y) * s / length,
                                a.x + (b.x - a.x) * e / length, a.y + (b.y - a.y) * e / length, color, thickness: 2)
                    s += 10
                }
            } else {
                canvas.line(a.x, a.y, b.x, b.y, color, thickness: 2)
            }
        }
        if markers { for q in points { canvas.fill(x: q.x - 3, y: q.y - 3, width: 7, height: 7, color) } }
    }

    func dashed(_ p: FitnessPlot.Panel, _ canvas: Canvas, _ x0: Double, _ x1: Double, _ y: Double, _ color: RGBA) {
        let a = p.point(x0, y), b = p.point(x1, y)
        var x = a.x
        while x < b.x { canvas.line(x, a.y, min(x + 2, b.x), a.y, color); x += 5 }
    }
}

import Foundation
import NTMBrain

/// Draws an ``AgentInspection``: the inside of one agent's head.
///
/// Top to bottom: the sensor vector and the motor commands; the switch pattern (one row
/// per controller layer, one cell per element: orange where the negative-side slope is in
/// use, blue where the positive one is); for each motor, the equivalent linear map's angle
/// to the input and its length; then the tape: read-key and write-key hash bits, the gate
/// and value about to be written, the vector last read, and W as a heat map.
public struct InspectorPanel {
    public static let negative = RGBA(255, 140, 40), positive = RGBA(70, 150, 255)
    static let label = RGBA(170, 175, 185), ink = RGBA(230, 232, 236), box = RGBA(26, 29, 36)

    let font: Font, small: Font

    public init(font: Font, small: Font) {
        self.font = font
        self.small = small
    }

    /// Pixel rows of the parts (so tests can find the switch barcode and the heat map).
    public struct Layout {
        public var switches: PixelRect, memory: PixelRect
    }

    /// Draws the panel in `r`; returns where its parts went.
    @discardableResult
    public func draw(_ s: AgentInspection, on canvas: Canvas, in r: PixelRect) -> Layout {
        let a = s.architecture
        let x = r.x + 10, w = r.width - 20
        var y = r.y + 6
        canvas.text("agent \(s.slot)\(s.alive ? "" : " (dead)")", x: x, y: y, font: font, Self.ink)
        canvas.text(String(format: "energy %.1f · age %d · score %.2f", s.energy, s.age, s.score),
                    x: x + 90, y: y + 2, font: small, Self.label)
        y += 22
        var batch = RectBatch(clip: r)

        canvas.text("sensors", x: x, y: y, font: small, Self.label)
        Self.bars(s.sensors, x: x + 70, y: y, width: w - 70, height: 20, range: 1, into: &batch)
        y += 26
        let names = ["turn", "thrust"]
        let peakWeight = max(s.map.weights.flatMap { $0.map { abs($0) } }.max() ?? 0, 1e-6)
        for (k, m) in s.motors.enumerated() {
            let name = k < names.count ? names[k] : "motor \(k)"
            canvas.text(name, x: x, y: y, font: small, Self.label)
            Self.hbar(Double(m), x: x + 70, y: y + 2, width: 90, height: 11, into: &batch)
            canvas.text(String(format: "%+.3f", m), x: x + 166, y: y, font: small, Self.ink)
            if k < s.map.weights.count {
                canvas.text(String(format: "%.1f° to u, |w| %.2f", s.map.anglesDegrees[k], s.map.lengths[k]),
                            x: x + 222, y: y, font: small, Self.ink)
                y += 15
                canvas.text("w(\(name))", x: x + 8, y: y, font: small, Self.label)
                Self.bars(s.map.weights[k], x: x + 70, y: y, width: w - 70, height: 16, range: Double(peakWeight), into: &batch)
                y += 6
            }
            y += 16
        }
        y += 2

        canvas.text("switch pattern (layer × element)", x: x, y: y, font: small, Self.label)
        y += 16
        let n = a.controllerWidth, L = a.controllerLayers
        let cell = max(1, min(3, (w / Double(n)).rounded(.down)))
        let rowH = max(3, min(10, 60 / Double(L)))
        let switchRect = PixelRect(x: x, y: y, width: cell * Double(n), height: rowH * Double(L))
        for l in 0..<L {
            for i in 0..<n {
                batch.add(x: x + Double(i) * cell, y: y + Double(l) * rowH, width: cell, height: rowH - 1,
                          s.switches[l * n + i] ? Self.negative : Self.positive)
            }
        }
        y += rowH * Double(L) + 6

        canvas.text(String(format: "tape   gate %.2f", s.gate), x: x, y: y, font: small, Self.label)
        Self.bars([s.gate * 2 - 1], x: x + 110, y: y + 3, width: 60, height: 9, range: 1, into: &batch)
        y += 16
        let D = a.hashBits, m = a.valueWidth
        let bit = max(1, min(3, (w - 70) / Double(D)).rounded(.down))
        for (title, bits) in [("read key", s.readBits), ("write key", s.writeBits)] {
            canvas.text(title, x: x, y: y, font: small, Self.label)
            for t in 0..<D { batch.add(x: x + 70 + Double(t) * bit, y: y + 3, width: bit, height: 9, bits[t] < 0 ? Self.negative : Self.positive) }
            y += 15
        }
        for (title, v, range) in [("value", s.value, 1.0), ("read", s.read, Double(a.readClamp))] {
            canvas.text(title, x: x, y: y, font: small, Self.label)
            Self.bars(v, x: x + 70, y: y + 1, width: min(w - 70, Double(m) * 24), height: 14, range: range, into: &batch)
            y += 18
        }
        canvas.text("W", x: x, y: y, font: small, Self.label)
        let cellH = max(2, min(8, 64 / Double(m)))
        let memoryRect = PixelRect(x: x + 70, y: y, width: bit * Double(D), height: cellH * Double(m))
        let peak = max(s.memory.map { abs($0) }.max() ?? 0, 1e-6)
        for t in 0..<D {
            for j in 0..<m {
                batch.add(x: memoryRect.x + Double(t) * bit, y: y + Double(j) * cellH, width: bit, height: cellH,
                          Self.heat(Double(s.memory[t * m + j]) / Double(peak)))
            }
        }
        canvas.text(String(format: "max |W| %.3f", peak), x: memoryRect.x, y: memoryRect.y + memoryRect.height + 3, font: small, Self.label)
        batch.draw(on: canvas)
        return Layout(switches: switchRect, memory: memoryRect)
    }

    /// A diverging colour for v ∈ [−1, 1]: orange for negative, blue for positive, dark at
    /// zero; quantised to 16 steps a side so heat maps draw in a few batches.
    public static func heat(_ v: Double) -> RGBA {
        let q = (min(abs(v), 1) * 16).rounded() / 16
        let base = v < 0 ? negative : positive
        func mix(_ c: UInt8, _ d: UInt8) -> UInt8 { UInt8(Double(d) + (Double(c) - Double(d)) * q) }
        return RGBA(mix(base.r, box.r), mix(base.g, box.g), mix(base.b, box.b))
    }

    /// One value in [−1, 1] as a bar from the centre: left (orange) if negative, right (blue)
    /// if positive.
    static func hbar(_ v: Double, x: Double, y: Double, width: Double, height: Double, into batch: inout RectBatch) {
        batch.add(x: x, y: y, width: width, height: height, box)
        let f = min(max(v, -1), 1), mid = x + width / 2
        batch.add(x: f < 0 ? mid + f * width / 2 : mid, y: y, width: max(abs(f) * width / 2, 1), height: height,
                  f < 0 ? negative : positive)
    }

    /// Values as bars about a midline, each scaled by `range`.
    static func bars(_ v: [Float], x: Double, y: Double, width: Double, height: Double, range: Double, into batch: inout RectBatch) {
        guard !v.isEmpty else { return }
        batch.add(x: x, y: y, width: width, height: height, box)
        let bw = width / Double(v.count), mid = y + height / 2
        for (i, value) in v.enumerated() {
            let f = min(max(Double(value) / range, -1), 1)
            let h = abs(f) * height / 2
            batch.add(x: x + Double(i) * bw, y: f < 0 ? mid : mid - h, width: max(bw - 1, 1), height: max(h, 0.5),
                      f < 0 ? negative : positive)
        }
    }
}

import Foundation
import NTMBrain
import NTMWorld

/// Draws an ``AgentInspection``: the inside of one agent's head, labelled for a person who
/// has read the README's two paragraphs on the brain.
///
/// Top to bottom: what it senses (each ray's proximity and the colour it sees, then the body
/// channels by name); each motor's command, the angle and length of its equivalent linear
/// map, and the three inputs that drive it most (w_i·u_i, by name); the switch pattern (one
/// row per controller layer; orange where the negative-side slope is in use, blue where the
/// positive one is); then the tape: the read and write keys' hash bits (orange −1, blue +1),
/// the gate and value about to be written, the vector last read, and W on the fixed scale
/// ``AgentInspection/memoryScale``, so it visibly fills in as the agent writes and goes dark
/// when the tape is wiped (L); last, a strip chart of the last ticks of the gate, the size
/// of what was read and the two motor commands. Every string stays inside the panel
/// (``Canvas/text``).
public struct InspectorPanel {
    public static let negative = RGBA(255, 140, 40), positive = RGBA(70, 150, 255)
    static let label = RGBA(170, 175, 185), ink = RGBA(230, 232, 236), box = RGBA(26, 29, 36)
    static let gateColor = RGBA(120, 210, 120), readColor = RGBA(200, 120, 220)

    let font: Font, small: Font

    public init(font: Font, small: Font) {
        self.font = font
        self.small = small
    }

    /// Where the parts went (so tests can find them).
    public struct Layout {
        public var switches: PixelRect, memory: PixelRect
        /// The rays' row and the body channels' line.
        public var sensors: PixelRect
        /// One rectangle per motor's "← …" line of top contributions.
        public var drives: [PixelRect]
        /// The strip chart of the last ticks, when there was history and room for it.
        public var strip: PixelRect?
    }

    /// Draws the panel in `r`; returns where its parts went.
    @discardableResult
    public func draw(_ s: AgentInspection, on canvas: Canvas, in r: PixelRect, history: AgentHistory? = nil) -> Layout {
        let a = s.architecture
        let x = r.x + 10, w = r.width - 20
        var y = r.y + 6
        func text(_ t: String, _ tx: Double, _ ty: Double, _ f: Font, _ c: RGBA) { canvas.text(t, x: tx, y: ty, font: f, c, within: r) }
        text("agent \(s.slot)\(s.alive ? "" : " (dead)")", x, y, font, Self.ink)
        y += 19
        text(String(format: "energy %.1f · age %d · score %.2f", s.energy, s.age, s.score), x, y, small, Self.label)
        y += 18
        var batch = RectBatch(clip: r)

        // Sensors: per ray, a bar of proximity over a swatch of the colour seen.
        let layout = s.sensorLayout
        text("sensors: rays left → right (proximity, colour seen)", x, y, small, Self.label)
        y += 15
        let sensorTop = y
        let cellW = min(28, (w - 4) / Double(max(layout.rays, 1)))
        for k in 0..<layout.rays {
            let cx = x + Double(k) * cellW
            let p = Double(s.sensors[layout.index(ray: k, .proximity)])
            let (cr, cg, cb) = (s.sensors[layout.index(ray: k, .red)], s.sensors[layout.index(ray: k, .green)], s.sensors[layout.index(ray: k, .blue)])
            batch.add(x: cx, y: y, width: cellW - 2, height: 10, Self.box)
            batch.add(x: cx, y: y, width: max((cellW - 2) * min(max(p, 0), 1), 1), height: 10, Self.positive)
            func channel(_ v: Float) -> UInt8 { UInt8(min(max(v, 0), 1) * 255) }
            batch.add(x: cx, y: y + 11, width: cellW - 2, height: 8, p > 0 ? RGBA(channel(cr), channel(cg), channel(cb)) : Self.box)
        }
        y += 22
        let body = layout.body.compactMap { c in layout.index(c).map { String(format: "%@ %+.2f", c.rawValue, s.sensors[$0]) } }
        text(body.joined(separator: "  "), x, y, small, Self.ink)
        y += 17
        let sensorRect = PixelRect(x: x, y: sensorTop, width: w, height: y - sensorTop)

        // Motors: command, map geometry, and what drives it.
        let names = WorldSpec.Body.motorNames
        var drives: [PixelRect] = []
        for (k, m) in s.motors.enumerated() {
            let name = k < names.count ? names[k] : "motor \(k)"
            text(name, x, y, small, Self.label)
            Self.hbar(Double(m), x: x + 52, y: y + 2, width: 80, height: 11, into: &batch)
            text(String(format: "%+.3f", m), x + 138, y, small, Self.ink)
            if k < s.map.weights.count {
                text(String(format: "∠(w,u) %.0f°  |w| %.2f", s.map.anglesDegrees[k], s.map.lengths[k]), x + 192, y, small, Self.label)
                y += 15
                let terms = s.topContributions(motor: k).map { String(format: "%+.2f %@", $0.value, $0.name) }
                let line = "← " + (terms.isEmpty ? "nothing (all inputs zero)" : terms.joined(separator: "  "))
                drives.append(PixelRect(x: x + 12, y: y, width: Double(small.width(of: line)), height: 14))
                text(line, x + 12, y, small, Self.ink)
            }
            y += 17
        }
        text("←: the inputs driving it most, w·u;  ∠, |w|: the map's angle to u, its gain", x, y, small, Self.label)
        y += 18

        let banks = a.switchBanks > 1 ? ";  slope bank per layer: " + s.map.banks.map(String.init).joined(separator: " ") + " of \(a.switchBanks)" : ""
        text("switch pattern (layer × element; orange: negative-side slope)" + banks, x, y, small, Self.label)
        y += 15
        let n = a.controllerWidth, L = a.controllerLayers
        let cell = max(1, min(3, (w / Double(n)).rounded(.down)))
        let rowH = max(3, min(10, 48 / Double(L)))
        let switchRect = PixelRect(x: x, y: y, width: cell * Double(n), height: rowH * Double(L))
        for l in 0..<L {
            for i in 0..<n {
                batch.add(x: x + Double(i) * cell, y: y + Double(l) * rowH, width: cell, height: rowH - 1,
                          s.switches[l * n + i] ? Self.negative : Self.positive)
            }
        }
        y += rowH * Double(L) + 6

        text("tape   \(s.tapeSummary)", x, y, small, Self.label)
        y += 16
        text("hash bits: orange −1, blue +1", x, y, small, Self.label)
        y += 16
        let D = a.hashBits, m = a.valueWidth
        let bit = max(1, min(3, (w - 70) / Double(D)).rounded(.down))
        for (title, bits) in [("read key", s.readBits), ("write key", s.writeBits)] {
            text(title, x, y, small, Self.label)
            for t in 0..<D { batch.add(x: x + 70 + Double(t) * bit, y: y + 3, width: bit, height: 9, bits[t] < 0 ? Self.negative : Self.positive) }
            y += 15
        }
        for (title, v, range) in [("value", s.value, 1.0), ("read", s.read, Double(a.readClamp))] {
            text(title, x, y, small, Self.label)
            Self.bars(v, x: x + 70, y: y + 1, width: min(w - 70, Double(m) * 24), height: 14, range: range, into: &batch)
            y += 18
        }
        text("W", x, y, small, Self.label)
        let cellH = max(2, min(6, 48 / Double(m)))
        let memoryRect = PixelRect(x: x + 70, y: y, width: bit * Double(D), height: cellH * Double(m))
        let scale = Double(s.memoryScale)
        let shown = s.shownMemory
        for t in 0..<D {
            for j in 0..<m {
                batch.add(x: memoryRect.x + Double(t) * bit, y: y + Double(j) * cellH, width: bit, height: cellH,
                          Self.heat(Double(shown[shown.startIndex + t * m + j]) / scale))
            }
        }
        let which = a.memoryKind.blockCount > 1 ? "W of block \(s.readBlock), the read key's" : "W"
        text(which + String(format: " (rows: hash bits, columns: values): full colour at |W| = c/D = %.3g", scale),
             x, memoryRect.y + memoryRect.height + 3, small, Self.label)
        batch.draw(on: canvas)
        var strip: PixelRect?
        if let history, !history.gate.isEmpty {
            y = memoryRect.y + memoryRect.height + 22
            let chart = PixelRect(x: x, y: y + 16, width: w, height: 56)
            if chart.y + chart.height <= r.y + r.height {
                text("last \(history.gate.count) ticks:", x, y, small, Self.label)
                var lx = x + 100
                for (name, color) in [("gate", Self.gateColor), ("|read|/c·m", Self.readColor), ("turn", Self.negative), ("thrust", Self.positive)] {
                    text(name, lx, y, small, color)
                    lx += Double(small.width(of: name)) + 12
                }
                canvas.fill(x: chart.x, y: chart.y, width: chart.width, height: chart.height, Self.box)
                let mid = chart.y + chart.height / 2
                canvas.line(chart.x, mid, chart.x + chart.width, mid, RGBA(50, 54, 62))
                let readScale = a.readClamp * Float(a.valueWidth)
                for (series, color) in [(history.gate.map { $0 * 2 - 1 }, Self.gateColor), (history.readNorm.map { $0 / readScale * 2 - 1 }, Self.readColor),
                                        (history.turn, Self.negative), (history.thrust, Self.positive)] {
                    let n = AgentHistory.length
                    for k in 1..<max(series.count, 2) where k < series.count {
                        func px(_ i: Int) -> Double { chart.x + chart.width * Double(n - series.count + i) / Double(n - 1) }
                        func py(_ v: Float) -> Double { mid - Double(min(max(v, -1), 1)) * (chart.height / 2 - 2) }
                        canvas.line(px(k - 1), py(series[k - 1]), px(k), py(series[k]), color)
                    }
                }
                strip = chart
            }
        }
        return Layout(switches: switchRect, memory: memoryRect, sensors: sensorRect, drives: drives, strip: strip)
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

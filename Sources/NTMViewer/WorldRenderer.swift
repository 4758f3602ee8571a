import Foundation
import NTMWorld

/// Draws an arena: walls, food in its colours, hazards (hidden ones only when revealed),
/// the cue's beacon and goals, the nest, agents as oriented bodies tinted per slot, and the
/// selected agent's sensor rays. It only reads the arena; it never changes the simulation.
public struct WorldRenderer {
    public var revealHidden = false
    public var selected: Int? = nil

    public static let background = RGBA(18, 20, 26)
    public static let floor = RGBA(32, 36, 44)
    public static let wall = RGBA(128, 128, 128)
    public static let ray = RGBA(255, 255, 160, 140)
    public static let selection = RGBA(255, 255, 255)

    public init(revealHidden: Bool = false, selected: Int? = nil) {
        self.revealHidden = revealHidden
        self.selected = selected
    }

    /// The view that fits the whole arena in the canvas with a margin (y grows up).
    public func view(for spec: WorldSpec, in canvas: Canvas, margin: Double = 10) -> WorldView {
        Camera().view(arenaWidth: spec.arena.width, height: spec.arena.height,
                      in: PixelRect(x: 0, y: 0, width: Double(canvas.width), height: Double(canvas.height)), margin: margin)
    }

    /// The tint of an agent slot: evenly spread hues, bright enough on the dark floor.
    public static func tint(slot: Int) -> RGBA {
        RGBA(hue: Double((slot * 137) % 360) / 360, floor: 80)
    }

    static func color(_ c: WorldSpec.Color, alpha: UInt8 = 255) -> RGBA {
        RGBA(UInt8(c.r * 255), UInt8(c.g * 255), UInt8(c.b * 255), alpha)
    }

    /// Draws the arena filling the canvas.
    public func draw(_ arena: Arena, on canvas: Canvas) {
        canvas.clear(Self.background)
        draw(arena, on: canvas, view: view(for: arena.spec, in: canvas))
    }

    /// Draws the arena through `v` (the caller clears and clips). `tints`, if given, colours
    /// each agent slot (e.g. by lineage); otherwise slots get evenly spread hues.
    public func draw(_ arena: Arena, on canvas: Canvas, view v: WorldView, tints: [RGBA]? = nil) {
        let spec = arena.spec
        let corner = v.point(0, spec.arena.height)
        canvas.fill(x: corner.x, y: corner.y, width: Double(spec.arena.width) * v.scale, height: Double(spec.arena.height) * v.scale, Self.floor)
        for w in spec.arena.walls {
            let p = v.point(w.x, w.y + w.height)
            canvas.fill(x: p.x, y: p.y, width: Double(w.width) * v.scale, height: Double(w.height) * v.scale, Self.wall)
        }
        var discs = RectBatch(view: v, clip: PixelRect(x: 0, y: 0, width: Double(canvas.width), height: Double(canvas.height)))
        if let nest = spec.nest { discs.add(nest.x, nest.y, nest.radius, Self.color(nest.color, alpha: 160)) }
        if let cue = spec.cue {
            for goal in cue.goals { discs.add(goal[0], goal[1], cue.goalRadius, Self.color(cue.goalColor)) }
            discs.add(cue.x, cue.y, cue.radius, arena.beaconLit ? Self.color(cue.colors[arena.cueIndex]) : RGBA(0, 0, 0))
        }
        let (fx, fy, ft, fa) = (arena.foodX, arena.foodY, arena.foodType, arena.foodAlive)
        let foodColors = spec.food.map { Self.color($0.color) }
        for i in fx.indices where fa[i] { discs.add(fx[i], fy[i], spec.food[ft[i]].radius, foodColors[ft[i]]) }
        let (hx, hy, ht) = (arena.hazardX, arena.hazardY, arena.hazardType)
        for i in hx.indices {
            let h = spec.hazards[ht[i]]
            if h.visible { discs.add(hx[i], hy[i], h.radius, Self.color(h.color)) }
            else if revealHidden { discs.add(hx[i], hy[i], h.radius, Self.color(h.color, alpha: 110)) }
        }
        discs.draw(on: canvas)
        let (ax, ay, dx, dy, alive) = (arena.x, arena.y, arena.hx, arena.hy, arena.alive)
        if let s = selected, s < arena.agentCount, alive[s] { rays(canvas, v, arena, s) }
        let r = spec.body.radius
        for i in 0..<arena.agentCount where alive[i] {
            discs.add(ax[i], ay[i], r, tints.map { $0[i] } ?? Self.tint(slot: i))
        }
        discs.draw(on: canvas)
        for i in 0..<arena.agentCount where alive[i] {
            let a = v.point(ax[i], ay[i]), b = v.point(ax[i] + dx[i] * r * 1.8, ay[i] + dy[i] * r * 1.8)
            canvas.line(a.x, a.y, b.x, b.y, RGBA(255, 255, 255), thickness: v.scale * Double(r) > 3 ? 2 : 1)
        }
        if let s = selected, s < arena.agentCount, alive[s] {
            // A ring around the selected agent.
            let c = v.point(ax[s], ay[s]), rr = max(Double(r) * v.scale + 4, 6)
            for k in 0..<32 {
                let a0 = Double(k) / 32 * 2 * .pi, a1 = Double(k + 1) / 32 * 2 * .pi
                canvas.line(c.x + rr * cos(a0), c.y + rr * sin(a0), c.x + rr * cos(a1), c.y + rr * sin(a1), Self.selection)
            }
        }
    }

    /// The selected agent's rays, each drawn along the direction the arena casts it, to what
    /// it hit (its proximity reading).
    func rays(_ c: Canvas, _ v: WorldView, _ arena: Arena, _ i: Int) {
        let range = arena.spec.body.range
        let s = arena.currentSensors(of: i)
        let (x, y) = (arena.x[i], arena.y[i])
        for (k, u) in arena.rayDirections(of: i).enumerated() {
            let proximity = s[arena.sensorLayout.index(ray: k, .proximity)]
            let length = range * (proximity > 0 ? 1 - proximity : 1)
            let a = v.point(x, y), b = v.point(x + u.x * length, y + u.y * length)
            c.line(a.x, a.y, b.x, b.y, Self.ray)
        }
    }
}

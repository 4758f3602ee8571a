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

    public init(revealHidden: Bool = false, selected: Int? = nil) {
        self.revealHidden = revealHidden
        self.selected = selected
    }

    /// World → pixel mapping that fits the arena in the canvas with a margin (y grows up).
    public struct View {
        public var scale: Double, originX: Double, originY: Double
        public func point(_ x: Float, _ y: Float) -> (x: Double, y: Double) {
            (originX + Double(x) * scale, originY - Double(y) * scale)
        }
    }

    public func view(for spec: WorldSpec, in canvas: Canvas, margin: Double = 10) -> View {
        let w = Double(spec.arena.width), h = Double(spec.arena.height)
        let scale = min((Double(canvas.width) - 2 * margin) / w, (Double(canvas.height) - 2 * margin) / h)
        let ox = (Double(canvas.width) - w * scale) / 2, oy = (Double(canvas.height) + h * scale) / 2
        return View(scale: scale, originX: ox, originY: oy)
    }

    /// The tint of an agent slot: evenly spread hues, bright enough on the dark floor.
    public static func tint(slot: Int) -> RGBA {
        let hue = Double((slot * 137) % 360) / 60
        let x = 1 - abs(hue.truncatingRemainder(dividingBy: 2) - 1)
        let (r, g, b): (Double, Double, Double) = switch Int(hue) {
        case 0: (1, x, 0)
        case 1: (x, 1, 0)
        case 2: (0, 1, x)
        case 3: (0, x, 1)
        case 4: (x, 0, 1)
        default: (1, 0, x)
        }
        return RGBA(UInt8(80 + 175 * r), UInt8(80 + 175 * g), UInt8(80 + 175 * b))
    }

    static func color(_ c: WorldSpec.Color, alpha: UInt8 = 255) -> RGBA {
        RGBA(UInt8(c.r * 255), UInt8(c.g * 255), UInt8(c.b * 255), alpha)
    }

    public func draw(_ arena: Arena, on canvas: Canvas) {
        let spec = arena.spec
        let v = view(for: spec, in: canvas)
        canvas.clear(Self.background)
        let corner = v.point(0, spec.arena.height)
        canvas.fill(x: corner.x, y: corner.y, width: Double(spec.arena.width) * v.scale, height: Double(spec.arena.height) * v.scale, Self.floor)
        for w in spec.arena.walls {
            let p = v.point(w.x, w.y + w.height)
            canvas.fill(x: p.x, y: p.y, width: Double(w.width) * v.scale, height: Double(w.height) * v.scale, Self.wall)
        }
        if let nest = spec.nest { disc(canvas, v, nest.x, nest.y, nest.radius, Self.color(nest.color, alpha: 160)) }
        if let cue = spec.cue {
            for goal in cue.goals { disc(canvas, v, goal[0], goal[1], cue.goalRadius, Self.color(cue.goalColor)) }
            let lit = arena.tick < cue.showTicks
            disc(canvas, v, cue.x, cue.y, cue.radius, lit ? Self.color(cue.colors[arena.cueIndex]) : RGBA(0, 0, 0))
        }
        let (fx, fy, ft, fa) = (arena.foodX, arena.foodY, arena.foodType, arena.foodAlive)
        for i in fx.indices where fa[i] {
            disc(canvas, v, fx[i], fy[i], spec.food[ft[i]].radius, Self.color(spec.food[ft[i]].color))
        }
        let (hx, hy, ht) = (arena.hazardX, arena.hazardY, arena.hazardType)
        for i in hx.indices {
            let h = spec.hazards[ht[i]]
            if h.visible { disc(canvas, v, hx[i], hy[i], h.radius, Self.color(h.color)) }
            else if revealHidden { disc(canvas, v, hx[i], hy[i], h.radius, Self.color(h.color, alpha: 110)) }
        }
        let (ax, ay, dx, dy, alive) = (arena.x, arena.y, arena.hx, arena.hy, arena.alive)
        if let s = selected, s < arena.agentCount, alive[s] { rays(canvas, v, arena, s) }
        for i in 0..<arena.agentCount where alive[i] {
            body(canvas, v, ax[i], ay[i], dx[i], dy[i], spec.body.radius, Self.tint(slot: i))
        }
    }

    /// A filled disc, as horizontal spans.
    func disc(_ c: Canvas, _ v: View, _ x: Float, _ y: Float, _ r: Float, _ color: RGBA) {
        let centre = v.point(x, y), radius = max(Double(r) * v.scale, 1)
        var dy = -radius.rounded(.down)
        while dy <= radius {
            let half = (radius * radius - dy * dy).squareRoot()
            c.line(centre.x - half, centre.y + dy, centre.x + half, centre.y + dy, color)
            dy += 1
        }
    }

    /// A body: a disc with a nose line showing the heading.
    func body(_ c: Canvas, _ v: View, _ x: Float, _ y: Float, _ hx: Float, _ hy: Float, _ r: Float, _ color: RGBA) {
        disc(c, v, x, y, r, color)
        let a = v.point(x, y), b = v.point(x + hx * r * 1.8, y + hy * r * 1.8)
        c.line(a.x, a.y, b.x, b.y, RGBA(255, 255, 255), thickness: 2)
    }

    /// The selected agent's rays, each drawn to what it hit (its proximity reading).
    func rays(_ c: Canvas, _ v: View, _ arena: Arena, _ i: Int) {
        let spec = arena.spec
        let s = arena.sensorsForTesting(agent: i)
        let n = spec.body.rays
        let fov = Double(spec.body.fieldOfView) / 180 * .pi
        let heading = atan2(Double(arena.hy[i]), Double(arena.hx[i]))
        let (x, y) = (arena.x[i], arena.y[i])
        for k in 0..<n {
            let angle = heading + (n == 1 ? 0 : -fov / 2 + fov * Double(k) / Double(n - 1))
            let length = Double(spec.body.range) * (s[4 * k] > 0 ? Double(1 - s[4 * k]) : 1)
            let a = v.point(x, y), b = v.point(x + Float(cos(angle) * length), y + Float(sin(angle) * length))
            c.line(a.x, a.y, b.x, b.y, Self.ray)
        }
    }
}

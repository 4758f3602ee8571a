import NTMBrain

/// Whether the things a world places fit in its arena.
///
/// Each key's own range (`0…10 000` for a position) says nothing about the arena, whose size
/// is another key; a start at (500, 500) in a 120 × 120 arena passes every range and then puts
/// a body outside the walls, where no grid cell holds it. So, after the keys are read, every
/// placement is checked against the arena:
///
/// - a body fits with room to move: 4·radius ≤ the shorter side;
/// - a food item or hazard fits: 2·radius ≤ the shorter side (items are drawn uniformly from
///   [r, width − r] × [r, height − r]);
/// - the start disc, widened by the body's radius, lies inside the arena and its centre
///   outside every wall;
/// - a wall lies inside the arena, and walls together leave at least a quarter of it free;
/// - the beacon, both goals and the nest have their centres inside the arena and radii no
///   larger than half the shorter side;
/// - an offer, `offer_distance` ahead of the start, lies inside the arena.
extension WorldSpec {
    /// The first placement that does not fit: the key to blame and why; nil if all fit.
    public var geometryProblem: (key: String, message: String)? {
        let (w, h) = (arena.width, arena.height)
        let side = min(w, h)
        let size = "the \(w) × \(h) arena"
        func inside(_ x: Float, _ y: Float, margin: Float = 0) -> Bool {
            x >= margin && x <= w - margin && y >= margin && y <= h - margin
        }

        if 4 * body.radius > side {
            return ("body.radius", "is \(body.radius); a body must fit \(size) with room to move (at most \(side / 4))")
        }
        for (i, f) in food.enumerated() where 2 * f.radius > side {
            return ("food[\(i)].radius", "is \(f.radius); an item must fit \(size) (at most \(side / 2))")
        }
        for (i, hz) in hazards.enumerated() where 2 * hz.radius > side {
            return ("hazard[\(i)].radius", "is \(hz.radius); a hazard must fit \(size) (at most \(side / 2))")
        }
        var wallArea: Float = 0
        for (i, wall) in arena.walls.enumerated() {
            if wall.x + wall.width > w || wall.y + wall.height > h {
                return ("arena.wall[\(i)]", "spans [\(wall.x), \(wall.x + wall.width)] × [\(wall.y), \(wall.y + wall.height)], beyond \(size)")
            }
            wallArea += wall.width * wall.height
        }
        if wallArea > 0.75 * w * h {
            return ("arena.wall", "walls cover \(wallArea) of the arena's \(w * h); leave at least a quarter of it free")
        }
        if let s = arena.start {
            let r = body.radius
            if !inside(s.x, s.y, margin: r + s.radius) {
                return ("arena.start", "is a disc at (\(s.x), \(s.y)) of radius \(s.radius); with the body's radius \(r) it must lie inside \(size)")
            }
            if let i = arena.walls.firstIndex(where: { s.x > $0.x - r && s.x < $0.x + $0.width + r && s.y > $0.y - r && s.y < $0.y + $0.height + r }) {
                return ("arena.start", "is at (\(s.x), \(s.y)), inside wall \(i) (or within the body's radius of it)")
            }
            if let t = trials, t.offerDistance > 0, let heading = arena.startHeading {
                let angle = Double(heading) / 180 * .pi
                let (ox, oy) = (s.x + t.offerDistance * Float(DeterministicMath.cos(angle)),
                                s.y + t.offerDistance * Float(DeterministicMath.sin(angle)))
                if !inside(ox, oy) {
                    return ("trials.offer_distance", "is \(t.offerDistance); the offer would lie at (\(ox), \(oy)), outside \(size)")
                }
            }
        }
        if let c = cue {
            if !inside(c.x, c.y) { return ("cue.position", "is (\(c.x), \(c.y)), outside \(size)") }
            if c.radius > side / 2 { return ("cue.radius", "is \(c.radius); at most half the arena's shorter side (\(side / 2))") }
            for (name, g) in zip(["cue.goal_a", "cue.goal_b"], c.goals) where !inside(g[0], g[1]) {
                return (name, "is (\(g[0]), \(g[1])), outside \(size)")
            }
            if c.goalRadius > side / 2 { return ("cue.goal_radius", "is \(c.goalRadius); at most half the arena's shorter side (\(side / 2))") }
        }
        if let n = nest {
            if !inside(n.x, n.y) { return ("nest.position", "is (\(n.x), \(n.y)), outside \(size)") }
            if n.radius > side / 2 { return ("nest.radius", "is \(n.radius); at most half the arena's shorter side (\(side / 2))") }
        }
        return nil
    }
}

/// The "things" rays can hit and bodies can touch, in one index space for the grid:
/// food items `0 ..< F`, hazards `F ..< F + H`, then the cue's beacon and its two goals.
struct Things {
    var x: [Float] = [], y: [Float] = [], radius: [Float] = []
    var r: [Float] = [], g: [Float] = [], b: [Float] = []
    /// Seen by rays (hidden hazards are not).
    var visible: [Bool] = []
    var foodCount = 0, hazardCount = 0
    var beacon: Int? = nil
    var goals: [Int] = []

    mutating func append(_ px: Float, _ py: Float, _ radius: Float, _ color: WorldSpec.Color, visible: Bool) {
        x.append(px); y.append(py); self.radius.append(radius)
        r.append(color.r); g.append(color.g); b.append(color.b)
        self.visible.append(visible)
    }
}

extension Arena {
    /// Lays the things out from the arena's food, hazards and cue, and indexes them.
    func makeThings() -> Things {
        var t = Things()
        for i in foodX.indices {
            let f = spec.food[foodType[i]]
            t.append(foodX[i], foodY[i], f.radius, f.color, visible: true)
        }
        t.foodCount = foodX.count
        for i in hazardX.indices {
            let h = spec.hazards[hazardType[i]]
            t.append(hazardX[i], hazardY[i], h.radius, h.color, visible: h.visible)
        }
        t.hazardCount = hazardX.count
        if let cue = spec.cue {
            t.beacon = t.x.count
            t.append(cue.x, cue.y, cue.radius, cue.colors[cueIndex], visible: true)
            for goal in cue.goals {
                t.goals.append(t.x.count)
                t.append(goal[0], goal[1], cue.goalRadius, cue.goalColor, visible: true)
            }
        }
        return t
    }

    func rebuildThingGrid() {
        things = makeThings()
        let t = things
        thingGrid.rebuild(count: t.x.count, xs: t.x, ys: t.y) { _ in true }
    }

    /// Whether thing j is present now (eaten food is not).
    @inline(__always)
    func present(_ j: Int) -> Bool {
        j >= things.foodCount || foodAlive[j]
    }
}

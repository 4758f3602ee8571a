import CNTMKernels

/// The "things" rays can hit and bodies can touch, in one index space for the grid:
/// food items `0 ..< F`, hazards `F ..< F + H`, then the cue's beacon and its two goals.
struct Things {
    /// Everything sensing needs of one thing, in one 32-byte record: a candidate costs one
    /// cache line, not seven scattered column reads.
    struct Record {
        var x: Float, y: Float, radius: Float
        var r: Float, g: Float, b: Float
        /// Seen by rays (hidden hazards are not).
        var visible: Bool
    }

    let record: Column<Record>
    /// Positions again as columns, for building the grid.
    let x: Column<Float>, y: Column<Float>
    let count: Int
    let foodCount: Int, hazardCount: Int
    let beacon: Int
    /// Index of goal 0; goal 1 follows (−1: none).
    let firstGoal: Int

    init(_ t: Builder, foodCount: Int, hazardCount: Int, beacon: Int, firstGoal: Int, storage: ColumnStorage) {
        x = storage.make(t.x); y = storage.make(t.y)
        record = storage.make(t.x.indices.map {
            Record(x: t.x[$0], y: t.y[$0], radius: t.radius[$0], r: t.r[$0], g: t.g[$0], b: t.b[$0], visible: t.visible[$0])
        })
        count = t.x.count
        self.foodCount = foodCount
        self.hazardCount = hazardCount
        self.beacon = beacon
        self.firstGoal = firstGoal
    }

    func release(to storage: ColumnStorage) {
        storage.release(x); storage.release(y); storage.release(record)
    }

    struct Builder {
        var x: [Float] = [], y: [Float] = [], radius: [Float] = []
        var r: [Float] = [], g: [Float] = [], b: [Float] = []
        var visible: [Bool] = []

        mutating func append(_ px: Float, _ py: Float, _ rad: Float, _ color: WorldSpec.Color, visible v: Bool) {
            x.append(px); y.append(py); radius.append(rad)
            r.append(color.r); g.append(color.g); b.append(color.b)
            visible.append(v)
        }
    }
}

extension Arena {
    /// Lays the things out from the arena's food, hazards and cue, and indexes them.
    func rebuildThingGrid() {
        var t = Things.Builder()
        for i in 0..<foodPX.count {
            let f = spec.food[foodKind[i]]
            t.append(foodPX[i], foodPY[i], f.radius, f.color, visible: true)
        }
        for i in 0..<hazardPX.count {
            let h = spec.hazards[hazardKind[i]]
            t.append(hazardPX[i], hazardPY[i], h.radius, h.color, visible: h.visible)
        }
        var beacon = -1, firstGoal = -1
        if let cue = spec.cue {
            beacon = t.x.count
            t.append(cue.x, cue.y, cue.radius, cue.colors[cueIndex], visible: true)
            firstGoal = t.x.count
            for goal in cue.goals { t.append(goal[0], goal[1], cue.goalRadius, cue.goalColor, visible: true) }
        }
        // The nest is seen, not touched: only sensing looks at it (act() tests it directly).
        if let nest = spec.nest { t.append(nest.x, nest.y, nest.radius, nest.color, visible: true) }
        things.release(to: storage)
        things = Things(t, foodCount: foodPX.count, hazardCount: hazardPX.count, beacon: beacon, firstGoal: firstGoal, storage: storage)
        thingGrid.release(to: storage)
        thingGrid = SpatialGrid(width: spec.arena.width, height: spec.arena.height,
                                cellSize: agentGrid.cellSize, capacity: things.count, storage: storage)
        thingGrid.rebuild(count: things.count, xs: things.x, ys: things.y) { _ in true }
        seen.release(to: storage); solid.release(to: storage); storage.release(slotOfThing)
        seen = CircleTable(count: things.count, storage: storage)
        solid = CircleTable(count: things.count, storage: storage)
        slotOfThing = storage.make(repeating: 0, count: things.count)
        for k in 0..<things.count {
            let j = thingGrid.object(inSlot: k), e = things.record[j]
            slotOfThing[j] = Int32(k)
            solid.set(k, x: e.x, y: e.y, radius: e.radius, seen: true)
        }
        for j in 0..<things.count { refreshSeen(j) }
        storage.release(senseCandidates); storage.release(senseTags)
        senseCandidates = storage.make(repeating: .zero, count: things.count + agentCount)
        senseTags = storage.make(repeating: 0, count: things.count + agentCount)
    }

    /// Brings thing j's entry in `seen` up to date; call it whenever whether j is present
    /// changes.
    @inline(__always)
    func refreshSeen(_ j: Int) {
        let e = things.record[j]
        seen.set(Int(slotOfThing[j]), x: e.x, y: e.y, radius: e.radius, seen: e.visible && present(j))
    }

    /// Calls `body(j)` for every thing j whose circle a disc of radius r at (px, py)
    /// touches (centres within r + radius, eaten food and hidden hazards included), in slot
    /// order: sensing's walk (`ntm_sight_walk`) over ``solid`` with the disc's radius as its
    /// range, no edges and no agents, i.e. the cull of the cells within r plus the largest
    /// radius, row by row. A disc is far smaller than a cell, so this is one or two short
    /// runs even where sensing scans every circle; the grid's cell order is slot order, so
    /// which item is eaten first does not depend on how sensing searches.
    @inline(__always)
    func forEachThing(touching px: Float, _ py: Float, radius r: Float, _ body: (Int) -> Void) {
        let candidate = senseCandidates.base, slot = senseTags.base, items = thingGrid.items.base
        var grid = thingGrid.geometry
        var table = solid.cells(of: thingGrid)
        var disc = ntm_sight_view(px: px, py: py, range: r, margin: 0, radius: maxThingRadius, n0x: 0, n0y: 0, n1x: 0, n1y: 0)
        var count = 0
        let touched = candidate.withMemoryRebound(to: Float.self, capacity: 4 * things.count) { out in
            ntm_sight_walk(&grid, &table, nil, -1, &disc, out, slot, &count)
        }
        for c in 0..<touched { body(Int(items[Int(slot[c])])) }
    }

    /// Whether thing j is present now (eaten food is not).
    @inline(__always)
    func present(_ j: Int) -> Bool {
        j >= things.foodCount || foodPresent[j]
    }
}

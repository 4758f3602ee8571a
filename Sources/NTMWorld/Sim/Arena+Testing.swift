extension Arena {
    /// Adds one food item (for building known scenes in tests and demos).
    package func placeFoodForTesting(x px: Float, y py: Float, type: Int) {
        let (xs, ys, kinds, present, regrow) = (foodX + [px], foodY + [py], foodType + [type], foodAlive + [true], foodRegrowAt.array + [0])
        storage.release(foodPX); storage.release(foodPY); storage.release(foodKind)
        storage.release(foodPresent); storage.release(foodRegrowAt)
        foodPX = storage.make(xs); foodPY = storage.make(ys); foodKind = storage.make(kinds)
        foodPresent = storage.make(present); foodRegrowAt = storage.make(regrow)
        rebuildThingGrid()
    }

    /// Adds one hazard (for known scenes).
    package func placeHazardForTesting(x px: Float, y py: Float, type: Int) {
        let (xs, ys, kinds) = (hazardX + [px], hazardY + [py], hazardType + [type])
        storage.release(hazardPX); storage.release(hazardPY); storage.release(hazardKind); storage.release(hazardDamage)
        hazardPX = storage.make(xs); hazardPY = storage.make(ys); hazardKind = storage.make(kinds)
        hazardDamage = storage.make(kinds.map { spec.hazards[$0].damage })
        rebuildThingGrid()
    }

    /// Moves an agent (for known scenes).
    package func moveAgentForTesting(_ i: Int, x px: Float, y py: Float) {
        agentX[i] = px; agentY[i] = py
    }

    /// The things a disc of radius r at (px, py) touches, in the order eating meets them
    /// (``forEachThing(touching:_:radius:_:)``).
    package func touchedThingsForTesting(x px: Float, y py: Float, radius r: Float) -> [Int] {
        var touched: [Int] = []
        forEachThing(touching: px, py, radius: r) { touched.append($0) }
        return touched
    }

    /// The grid's rule for filing a coordinate (``SpatialGrid/index(_:count:)``): q in cell
    /// units, `count` cells along the axis.
    package static func gridIndexForTesting(_ q: Float, count: Int) -> Int {
        SpatialGrid.index(q, count: count)
    }

    /// Where thing j's centre is.
    package func thingCentreForTesting(_ j: Int) -> (x: Float, y: Float) {
        (things.record[j].x, things.record[j].y)
    }

    /// The same the obvious way: every thing, seen or not, whose centre is within r plus its
    /// radius (|v|² ≤ (r + R)², rounded as the cull rounds it), in slot order.
    package func referenceTouchedThingsForTesting(x px: Float, y py: Float, radius r: Float) -> [Int] {
        (0..<things.count).filter { j in
            let e = things.record[j]
            let vx = e.x - px, vy = e.y - py, reach = r + e.radius
            return !(vx * vx + vy * vy > reach * reach)
        }.sorted { slotOfThing[$0] < slotOfThing[$1] }
    }

}

extension Arena {
    /// The sensor vector of agent i computed the slow, obvious way: every ray on its own,
    /// tested against every visible thing and every other live agent, with no grid, no
    /// culling and no SIMD. Same formulas as ``sense(_:into:)`` in the same order, so the
    /// two agree bit for bit; tests hold the fast path to it.
    package func referenceSensorsForTesting(agent i: Int) -> [Float] {
        var out = [Float](repeating: 0, count: spec.body.sensorCount)
        let rays = spec.body.rays, range = spec.body.range
        let W = spec.arena.width, H = spec.arena.height
        let px = agentX[i], py = agentY[i], dx = headingX[i], dy = headingY[i]
        guard agentAlive[i] else { return out }
        let lit = beaconLit
        for k in 0..<rays {
            let (q, lane) = k.quotientAndRemainder(dividingBy: 8)
            let ux = dx * rayCos[q][lane] - dy * raySin[q][lane], uy = dx * raySin[q][lane] + dy * rayCos[q][lane]
            var best = range
            if ux > 0 { best = min(best, (W - px) / ux) } else if ux < 0 { best = min(best, -px / ux) }
            if uy > 0 { best = min(best, (H - py) / uy) } else if uy < 0 { best = min(best, -py / uy) }
            for wall in spec.arena.walls { best = min(best, Self.rayBox(px, py, ux, uy, wall)) }
            var colour: (Float, Float, Float) = best < range ? (Self.wallShade, Self.wallShade, Self.wallShade) : (0, 0, 0)
            func consider(_ cx: Float, _ cy: Float, _ radius: Float, _ seen: (Float, Float, Float)) {
                let vx = cx - px, vy = cy - py
                let dd = vx * vx + vy * vy, rr = radius * radius
                guard dd <= (range + radius) * (range + radius) else { return }
                let t = vx * ux + vy * uy
                let perp = dd - t * t
                guard perp <= rr, t > 0 || dd <= rr else { return }
                var hit = t - (rr - perp).squareRoot()
                if hit < 0 { hit = 0 }
                if hit < best { (best, colour) = (hit, seen) }
            }
            for j in 0..<things.count where things.record[j].visible && present(j) {
                let e = things.record[j]
                consider(e.x, e.y, e.radius, j == things.beacon ? beaconColour(lit: lit) : (e.r, e.g, e.b))
            }
            for j in 0..<agentCount where j != i && agentAlive[j] && !spec.episode.isolated {
                consider(agentX[j], agentY[j], spec.body.radius, (Self.agentShade, Self.agentShade, Self.agentShade))
            }
            let layout = sensorLayout
            out[layout.index(ray: k, .proximity)] = best < range ? 1 - best / range : 0
            (out[layout.index(ray: k, .red)], out[layout.index(ray: k, .green)], out[layout.index(ray: k, .blue)]) = colour
        }
        for (k, c) in sensorLayout.body.enumerated() { out[sensorLayout.bodyStart + k] = bodySense(c, of: i) }
        return out
    }
}

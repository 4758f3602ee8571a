extension Arena {
    /// Grey of walls as rays see them; other agents appear white.
    static let wallShade: Float = 0.5
    static let agentShade: Float = 0.9

    /// Fills one agent's sensor vector:
    ///
    ///     per ray k:  proximity (1 − distance/range, 0 if nothing within range), r, g, b
    ///     then:       taste of the last bite (±1, fading), energy/max, speed/max, pain
    ///
    /// A ray from the agent's centre hits the nearest of: the arena's bounding walls, an
    /// interior wall, a visible thing (food, visible hazard, beacon, goal) or another live
    /// agent. Only grid cells within reach are visited, so sensing is O(1) per agent.
    func sense(_ i: Int, into out: UnsafeMutableBufferPointer<Float>) {
        let rays = spec.body.rays, range = spec.body.range
        let px = agentX[i], py = agentY[i], dx = headingX[i], dy = headingY[i]
        guard agentAlive[i] else {
            for k in 0..<out.count { out[k] = 0 }
            return
        }
        // Rays are processed eight at a time, one per SIMD lane (the lanes past `rays` in the
        // last group are padding and are never read out). Per lane the arithmetic is the
        // scalar formula exactly, so results do not depend on the grouping.
        let groups = (rays + 7) / 8
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: 6 * groups) { scratch in
            let dirX = scratch.baseAddress!, dirY = dirX + groups, best = dirY + groups
            let cr = best + groups, cg = cr + groups, cb = cg + groups
            let W = spec.arena.width, H = spec.arena.height
            for q in 0..<groups {
                var ux = SIMD8<Float>.zero, uy = SIMD8<Float>.zero, d = SIMD8<Float>(repeating: range)
                var shade = SIMD8<Float>.zero
                for lane in 0..<min(8, rays - 8 * q) {
                    let k = 8 * q + lane
                    let rx = dx * rayCos[k] - dy * raySin[k]
                    let ry = dx * raySin[k] + dy * rayCos[k]
                    ux[lane] = rx; uy[lane] = ry
                    // The bounding box, from inside.
                    var dist = range
                    if rx > 0 { dist = min(dist, (W - px) / rx) } else if rx < 0 { dist = min(dist, -px / rx) }
                    if ry > 0 { dist = min(dist, (H - py) / ry) } else if ry < 0 { dist = min(dist, -py / ry) }
                    for wall in spec.arena.walls { dist = min(dist, Self.rayBox(px, py, rx, ry, wall)) }
                    d[lane] = dist
                    shade[lane] = dist < range ? Self.wallShade : 0
                }
                dirX[q] = ux; dirY[q] = uy; best[q] = d
                cr[q] = shade; cg[q] = shade; cb[q] = shade
            }
            /// Ray–circle: along ray u the circle (centre v away, radius R) is first hit at
            /// t − √(R² − (|v|² − t²)) with t = v·u, if |v|² − t² ≤ R² and the circle is ahead
            /// (t > 0) or around the agent (|v| ≤ R, distance 0).
            @inline(__always) func consider(_ cx: Float, _ cy: Float, _ radius: Float, _ r: Float, _ g: Float, _ b: Float) {
                let vx = cx - px, vy = cy - py
                let dd = vx * vx + vy * vy
                let reach = range + radius
                if dd > reach * reach { return }
                let rr = radius * radius
                let inside = dd <= rr
                let ddv = SIMD8<Float>(repeating: dd), rrv = SIMD8<Float>(repeating: rr)
                for q in 0..<groups {
                    let t = vx * dirX[q] + vy * dirY[q]
                    let perp = ddv - t * t
                    var valid = perp .<= rrv
                    if !inside { valid .&= t .> 0 }
                    guard any(valid) else { continue }
                    // Invalid lanes would take √ of a negative: libm's slow error path. Zero them.
                    let radicand = (rrv - perp).replacing(with: 0, where: .!valid)
                    var hit = t - radicand.squareRoot()
                    hit.replace(with: 0, where: hit .< 0)
                    let better = valid .& (hit .< best[q])
                    best[q].replace(with: hit, where: better)
                    cr[q].replace(with: r, where: better)
                    cg[q].replace(with: g, where: better)
                    cb[q].replace(with: b, where: better)
                }
            }
            let t = things
            let lit = tick < (spec.cue?.showTicks ?? 0)
            thingGrid.forEach(near: px, py, reach: range + maxThingRadius) { j in
                let e = t.record[j]
                if e.visible && present(j) {
                    if j == t.beacon && !lit {
                        consider(e.x, e.y, e.radius, 0, 0, 0)
                    } else {
                        consider(e.x, e.y, e.radius, e.r, e.g, e.b)
                    }
                }
            }
            let bodyRadius = spec.body.radius
            agentGrid.forEach(near: px, py, reach: range + bodyRadius) { j in
                if j != i {
                    consider(agentX[j], agentY[j], bodyRadius, Self.agentShade, Self.agentShade, Self.agentShade)
                }
            }
            for k in 0..<rays {
                let (q, lane) = k.quotientAndRemainder(dividingBy: 8)
                let dist = best[q][lane]
                out[4 * k] = dist < range ? 1 - dist / range : 0
                out[4 * k + 1] = cr[q][lane]; out[4 * k + 2] = cg[q][lane]; out[4 * k + 3] = cb[q][lane]
            }
        }
        let base = 4 * rays
        out[base] = agentTaste[i]
        out[base + 1] = agentEnergy[i] / spec.metabolism.maxEnergy
        out[base + 2] = spec.body.maxSpeed > 0 ? agentSpeed[i] / spec.body.maxSpeed : 0
        out[base + 3] = agentPain[i]
    }

    /// Distance along a ray to an axis-aligned box (slab method); `.infinity` for a miss.
    @inline(__always)
    static func rayBox(_ px: Float, _ py: Float, _ ux: Float, _ uy: Float, _ w: WorldSpec.Wall) -> Float {
        var tmin: Float = 0, tmax: Float = .infinity
        for (p, u, lo, hi) in [(px, ux, w.x, w.x + w.width), (py, uy, w.y, w.y + w.height)] {
            if u == 0 {
                if p < lo || p > hi { return .infinity }
            } else {
                var t1 = (lo - p) / u, t2 = (hi - p) / u
                if t1 > t2 { swap(&t1, &t2) }
                tmin = max(tmin, t1); tmax = min(tmax, t2)
                if tmin > tmax { return .infinity }
            }
        }
        return tmin
    }
}

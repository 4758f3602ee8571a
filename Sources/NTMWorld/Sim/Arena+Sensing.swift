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
        let px = x[i], py = y[i], dx = hx[i], dy = hy[i]
        guard alive[i] else {
            for k in 0..<out.count { out[k] = 0 }
            return
        }
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 6 * rays) { scratch in
            let dirX = scratch.baseAddress!, dirY = dirX + rays, best = dirY + rays
            let cr = best + rays, cg = cr + rays, cb = cg + rays
            let W = spec.arena.width, H = spec.arena.height
            for k in 0..<rays {
                let ux = dx * rayCos[k] - dy * raySin[k]
                let uy = dx * raySin[k] + dy * rayCos[k]
                dirX[k] = ux; dirY[k] = uy
                // The bounding box, from inside.
                var d = range
                if ux > 0 { d = min(d, (W - px) / ux) } else if ux < 0 { d = min(d, -px / ux) }
                if uy > 0 { d = min(d, (H - py) / uy) } else if uy < 0 { d = min(d, -py / uy) }
                best[k] = d
                let shade: Float = d < range ? Self.wallShade : 0
                cr[k] = shade; cg[k] = shade; cb[k] = shade
                for wall in spec.arena.walls {
                    let hit = Self.rayBox(px, py, ux, uy, wall)
                    if hit < best[k] {
                        best[k] = hit
                        cr[k] = Self.wallShade; cg[k] = Self.wallShade; cb[k] = Self.wallShade
                    }
                }
            }
            @inline(__always) func consider(_ cx: Float, _ cy: Float, _ radius: Float, _ r: Float, _ g: Float, _ b: Float) {
                let vx = cx - px, vy = cy - py
                let dd = vx * vx + vy * vy
                let reach = range + radius
                if dd > reach * reach { return }
                let rr = radius * radius
                for k in 0..<rays {
                    let t = vx * dirX[k] + vy * dirY[k]
                    if t <= 0 && dd > rr { continue }
                    let perp = dd - t * t
                    if perp > rr { continue }
                    let hit = max(0, t - (rr - perp).squareRoot())
                    if hit < best[k] {
                        best[k] = hit; cr[k] = r; cg[k] = g; cb[k] = b
                    }
                }
            }
            let t = things
            thingGrid.forEach(near: px, py, reach: range + maxThingRadius) { j in
                if t.visible[j] && present(j) {
                    if j == t.beacon {
                        let lit = tick < (spec.cue?.showTicks ?? 0)
                        consider(t.x[j], t.y[j], t.radius[j], lit ? t.r[j] : 0, lit ? t.g[j] : 0, lit ? t.b[j] : 0)
                    } else {
                        consider(t.x[j], t.y[j], t.radius[j], t.r[j], t.g[j], t.b[j])
                    }
                }
            }
            let bodyRadius = spec.body.radius
            agentGrid.forEach(near: px, py, reach: range + bodyRadius) { j in
                if j != i {
                    consider(x[j], y[j], bodyRadius, Self.agentShade, Self.agentShade, Self.agentShade)
                }
            }
            for k in 0..<rays {
                out[4 * k] = best[k] < range ? 1 - best[k] / range : 0
                out[4 * k + 1] = cr[k]; out[4 * k + 2] = cg[k]; out[4 * k + 3] = cb[k]
            }
        }
        let base = 4 * rays
        out[base] = taste[i]
        out[base + 1] = energy[i] / spec.metabolism.maxEnergy
        out[base + 2] = spec.body.maxSpeed > 0 ? speed[i] / spec.body.maxSpeed : 0
        out[base + 3] = pain[i]
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

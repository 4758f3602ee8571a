extension Arena {
    /// Grey of walls as rays see them; other agents appear white.
    static let wallShade: Float = 0.5
    static let agentShade: Float = 0.9

    /// Fills one agent's sensor vector, laid out as ``SensorLayout`` says:
    ///
    ///     per ray k:  proximity (1 − distance/range, 0 if nothing within range), r, g, b
    ///     then:       the body's channels (``bodySense(_:of:)``)
    ///
    /// A ray from the agent's centre hits the nearest of: the arena's bounding walls, an
    /// interior wall, a visible thing (food, visible hazard, beacon, goal) or another live
    /// agent. Only grid cells within reach are visited, so sensing is O(1) per agent.
    ///
    /// Two passes. The first walks, row by row, the grid cells that can hold a visible
    /// object (``visibleSpan(_:_:reach:slack:_:_:_:_:)`` gives each row's columns, with no
    /// test per cell) and keeps the
    /// objects whose circle can meet a ray (centre within range + radius, not outside the
    /// field of view), without a branch on those geometric tests: every object seen is
    /// written to the candidate buffer and the cursor advances only for the ones kept. The
    /// second tests the candidates, in the order the grid gave them, against
    /// all rays at once. Rays are processed eight at a time, one per SIMD lane; per lane the
    /// arithmetic is the scalar formula exactly, so results do not depend on the grouping.
    /// On equal distances the earlier candidate wins (strict `<`), things before agents.
    ///
    /// Sensor k is written to `out[k · stride]`: stride 1 for a plain vector, 8 to write
    /// straight into one lane of the brain's lane-wise input registers.
    func sense(_ i: Int, into out: UnsafeMutablePointer<Float>, stride: Int = 1) {
        let rays = spec.body.rays, range = spec.body.range
        let px = agentX[i], py = agentY[i], dx = headingX[i], dy = headingY[i]
        guard agentAlive[i] else {
            for k in 0..<spec.body.sensorCount { out[k * stride] = 0 }
            return
        }
        let groups = (rays + 7) / 8
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: 6 * groups) { scratch in
            let dirX = scratch.baseAddress!, dirY = dirX + groups, best = dirY + groups
            let cr = best + groups, cg = cr + groups, cb = cg + groups
            castRays(px, py, dx, dy, dirX: dirX, dirY: dirY, distance: best)
            for q in 0..<groups {
                let shade = SIMD8<Float>.zero.replacing(with: Self.wallShade, where: best[q] .< range)
                cr[q] = shade; cg[q] = shade; cb[q] = shade
            }

            // Pass 1: candidates (vx, vy, |v|², R²) and who they are (thing j, or agent ~j).
            // With a field of view up to 180° every ray lies in the wedge between the two
            // outermost rays, so a circle more than R (plus a margin far above rounding) outside
            // either edge line cannot be hit and is dropped here; `senseEdges` gives the
            // edges' inward normals, or zeros (no culling) for wider fields.
            let (n0x, n0y, n1x, n1y) = senseEdges(dirX: dirX, dirY: dirY)
            let candidate = senseCandidates.base, tag = senseTags.base
            var n = 0
            let seen = seenInCellOrder
            let bodyRadius = spec.body.radius, bodyReach = range + bodyRadius
            let bodyOutside = -(bodyRadius + Self.edgeMargin * bodyReach)
            // The two grids have the same cells, so one set of row spans, for the larger
            // reach and slack, serves both (visiting more cells than needed only costs time).
            let reach = max(range + maxThingRadius, bodyReach)
            let slack = max(maxThingRadius, bodyRadius) + Self.edgeMargin * reach
            assert(thingGrid.cellSize == agentGrid.cellSize && thingGrid.columns == agentGrid.columns)
            let rows = thingGrid.rows(near: py, reach: reach)
            withUnsafeTemporaryAllocation(of: (first: Int, last: Int).self, capacity: rows.count) { spans in
                for cy in rows {
                    let (bottom, top) = thingGrid.strip(cy)
                    let (lo, hi) = Self.visibleSpan(bottom - py, top - py, reach: reach, slack: slack, n0x, n0y, n1x, n1y)
                    spans[cy - rows.lowerBound] = lo <= hi ? thingGrid.columns(px + max(lo, -reach), px + min(hi, reach)) : (1, 0)
                }
                for cy in rows {
                    let (first, last) = spans[cy - rows.lowerBound]
                    thingGrid.forEach(row: cy, columns: first, last) { k, j in
                        let e = seen[k]                       // x = +∞: unseen, fails dd ≤ reach²
                        let vx = e[0] - px, vy = e[1] - py, radius = e[2]
                        let dd = vx * vx + vy * vy
                        let reach = range + radius, outside = -(radius + Self.edgeMargin * reach)
                        candidate[n] = SIMD4(vx, vy, dd, radius * radius)
                        tag[n] = Int32(truncatingIfNeeded: j)
                        n &+= (dd > reach * reach ? 0 : 1) & (vx * n0x + vy * n0y < outside ? 0 : 1)
                            & (vx * n1x + vy * n1y < outside ? 0 : 1)
                    }
                }
                for cy in rows where !spec.episode.isolated {
                    let (first, last) = spans[cy - rows.lowerBound]
                    agentGrid.forEach(row: cy, columns: first, last) { _, j in
                        guard j != i else { return }
                        let vx = agentX[j] - px, vy = agentY[j] - py
                        let dd = vx * vx + vy * vy
                        candidate[n] = SIMD4(vx, vy, dd, bodyRadius * bodyRadius)
                        tag[n] = ~Int32(truncatingIfNeeded: j)
                        n &+= (dd > bodyReach * bodyReach ? 0 : 1) & (vx * n0x + vy * n0y < bodyOutside ? 0 : 1)
                            & (vx * n1x + vy * n1y < bodyOutside ? 0 : 1)
                    }
                }
            }

            // Pass 2. Ray–circle: along ray u the circle (centre v away, radius R) is first hit
            // at t − √(R² − (|v|² − t²)) with t = v·u, if |v|² − t² ≤ R² and the circle is
            // ahead (t > 0) or around the agent (|v| ≤ R, distance 0).
            //
            // How this compiles matters. A lane that cannot hit is made to fail `hit < near`
            // (NaN where the ray misses: √ of a negative; +∞ where the circle is behind)
            // rather than masked with `.&`, `.|` or `.!`, which become lane-by-lane shuffles.
            // The running nearest hit and its colour stay in registers while the candidates
            // stream past; kept in memory, each blend became eight conditional stores.
            let lit = beaconLit
            for q in 0..<groups {
                let ux = dirX[q], uy = dirY[q]
                var near = best[q], red = cr[q], green = cg[q], blue = cb[q]
                for c in 0..<n {
                    let v = candidate[c]
                    let (vx, vy, dd, rr) = (v[0], v[1], v[2], v[3])
                    let behind = SIMD8<Float>(repeating: dd <= rr ? -.infinity : 0)
                    let t = vx * ux + vy * uy
                    let perp = SIMD8(repeating: dd) - t * t
                    var hit = t - (SIMD8(repeating: rr) - perp).squareRoot()
                    hit.replace(with: 0, where: hit .< 0)
                    hit.replace(with: .infinity, where: t .<= behind)
                    let better = hit .< near
                    let (r, g, b) = colour(of: tag[c], lit: lit)
                    near.replace(with: hit, where: better)
                    red.replace(with: SIMD8(repeating: r), where: better)
                    green.replace(with: SIMD8(repeating: g), where: better)
                    blue.replace(with: SIMD8(repeating: b), where: better)
                }
                best[q] = near; cr[q] = red; cg[q] = green; cb[q] = blue
            }
            // Per ray: proximity 1 − distance/range (0 if nothing within range), then colour;
            // computed a group at a time (the same division per lane), stored per ray.
            let perRay = SensorLayout.perRay
            let (p, r, g, b) = (SensorLayout.RayChannel.proximity.rawValue, SensorLayout.RayChannel.red.rawValue,
                                SensorLayout.RayChannel.green.rawValue, SensorLayout.RayChannel.blue.rawValue)
            for q in 0..<groups {
                let d = best[q]
                let proximity = SIMD8<Float>.zero.replacing(with: 1 - d / SIMD8(repeating: range), where: d .< range)
                let (red, green, blue) = (cr[q], cg[q], cb[q])
                let ray = out + 8 &* perRay &* q &* stride
                for lane in 0..<min(8, rays &- 8 &* q) {
                    let sensor = ray + perRay &* lane &* stride
                    sensor[p &* stride] = proximity[lane]
                    sensor[r &* stride] = red[lane]
                    sensor[g &* stride] = green[lane]
                    sensor[b &* stride] = blue[lane]
                }
            }
        }
        senseBody(i, into: out, stride: stride)
    }

    /// How far outside the field of view's edge, as a fraction of the reach, a circle must
    /// lie to be skipped: about 10⁵ times the rounding error of the ray test, so skipping
    /// never drops a circle that the test would have let through.
    static let edgeMargin: Float = 1e-3

    /// Inward normals of the two edge rays (the first ray is at −fov/2, the last at +fov/2):
    /// a point q inside the field of view has q·n ≥ 0 for both. Zeros when the field of view
    /// is wider than 180° (the view is then not a convex wedge, and nothing is culled).
    @inline(__always)
    func senseEdges(dirX: UnsafePointer<SIMD8<Float>>, dirY: UnsafePointer<SIMD8<Float>>) -> (Float, Float, Float, Float) {
        guard spec.body.fieldOfView <= 180 else { return (0, 0, 0, 0) }
        let (q, lane) = (spec.body.rays - 1).quotientAndRemainder(dividingBy: 8)
        return (-dirY[0][0], dirX[0][0], dirY[q][lane], -dirX[q][lane])
    }

    /// Where, across a horizontal strip y ∈ [bottom, top] (relative to the agent), the
    /// centre of an object that can be seen may lie: an x-interval (empty when lo > hi).
    /// Such a centre is within `reach` and no more than `slack` (the largest radius plus the
    /// margin) outside either edge of the field of view. Each of the three is a convex set,
    /// so within the strip each allows an interval of x, and the answer is their overlap,
    /// widened by the margin; the grid then visits only the columns it covers.
    ///
    /// - Disc: |x| ≤ √(reach² − dy²), dy the strip's smallest |y|.
    /// - Edge (inward normal n): n·(x, y) ≥ −slack for some y in the strip, i.e.
    ///   nₓ·x ≥ −slack − max(n_y·y); with nₓ = 0 the strip is all in or all out.
    ///
    /// Infinite strip bounds (the outermost rows) make a bound infinite, never NaN: an
    /// unbounded strip constrains nothing in that direction. Zero normals (a field of view
    /// wider than 180°) constrain nothing.
    @inline(__always)
    static func visibleSpan(_ bottom: Float, _ top: Float, reach: Float, slack: Float,
                            _ n0x: Float, _ n0y: Float, _ n1x: Float, _ n1y: Float) -> (Float, Float) {
        let dy = bottom > 0 ? bottom : (top < 0 ? -top : 0)
        let w2 = reach * reach * (1 + edgeMargin) - dy * dy
        guard w2 >= 0 else { return (1, 0) }
        var lo = -w2.squareRoot(), hi = w2.squareRoot()
        @inline(__always) func edge(_ nx: Float, _ ny: Float) {
            let most = ny > 0 ? ny * top : (ny < 0 ? ny * bottom : 0)     // max of n_y·y; may be +∞
            let need = -slack - most                                       // nₓ·x ≥ need
            if nx > 0 {
                let bound = need / nx
                if bound > lo { lo = bound }
            } else if nx < 0 {
                let bound = need / nx
                if bound < hi { hi = bound }
            } else if need > 0 {
                lo = .infinity
            }
        }
        edge(n0x, n0y)
        edge(n1x, n1y)
        let pad = edgeMargin * reach
        return (lo - pad, hi + pad)
    }

    /// The colour a candidate shows a ray: a thing's own, the beacon's cue colour while it
    /// is lit (black otherwise), or the agents' white.
    @inline(__always)
    func colour(of tag: Int32, lit: Bool) -> (Float, Float, Float) {
        guard tag >= 0 else { return (Self.agentShade, Self.agentShade, Self.agentShade) }
        let j = Int(tag)
        if j == things.beacon { return beaconColour(lit: lit) }
        let e = things.record[j]
        return (e.r, e.g, e.b)
    }

    /// What rays see of the beacon: the colour of the cue it shows now, or black when dark.
    @inline(__always)
    func beaconColour(lit: Bool) -> (Float, Float, Float) {
        guard lit, let cue = spec.cue else { return (0, 0, 0) }
        let c = cue.colors[cueIndex]
        return (c.r, c.g, c.b)
    }

    /// Each ray's direction (u = heading rotated by the ray's angle) and its distance to the
    /// nearest wall: the arena's bounding box seen from inside, then the interior walls;
    /// `range` if no wall is that close.
    @inline(__always)
    func castRays(_ px: Float, _ py: Float, _ dx: Float, _ dy: Float, dirX: UnsafeMutablePointer<SIMD8<Float>>,
                  dirY: UnsafeMutablePointer<SIMD8<Float>>, distance: UnsafeMutablePointer<SIMD8<Float>>) {
        let rays = spec.body.rays, range = spec.body.range, walls = spec.arena.walls
        let W = spec.arena.width, H = spec.arena.height
        for q in 0..<(rays + 7) / 8 {
            let c = rayCos[q], s = raySin[q]          // padding lanes are 0: u = 0, never read
            let ux = dx * c - dy * s, uy = dx * s + dy * c
            var d = SIMD8<Float>(repeating: range)
            let east = (W - px) / ux, west = -px / ux, north = (H - py) / uy, south = -py / uy
            // Each side counts only for rays heading towards it; +∞ never wins the `<`.
            @inline(__always) func nearer(_ side: SIMD8<Float>, unless away: SIMDMask<SIMD8<Int32>>) {
                let side = side.replacing(with: .infinity, where: away)
                d.replace(with: side, where: side .< d)
            }
            nearer(east, unless: ux .<= 0)
            nearer(west, unless: ux .>= 0)
            nearer(north, unless: uy .<= 0)
            nearer(south, unless: uy .>= 0)
            if !walls.isEmpty {
                for lane in 0..<min(8, rays - 8 * q) {
                    for wall in walls { d[lane] = min(d[lane], Self.rayBox(px, py, ux[lane], uy[lane], wall)) }
                }
            }
            dirX[q] = ux; dirY[q] = uy; distance[q] = d
        }
    }

    /// Distance along a ray to an axis-aligned box (slab method); `.infinity` for a miss.
    @inline(__always)
    static func rayBox(_ px: Float, _ py: Float, _ ux: Float, _ uy: Float, _ w: WorldSpec.Wall) -> Float {
        var tmin: Float = 0, tmax: Float = .infinity
        guard slab(px, ux, w.x, w.x + w.width, &tmin, &tmax), slab(py, uy, w.y, w.y + w.height, &tmin, &tmax) else {
            return .infinity
        }
        return tmin
    }

    /// Narrows [tmin, tmax] to where the ray p + t·u lies in [lo, hi] along one axis; false
    /// when that leaves nothing.
    @inline(__always)
    static func slab(_ p: Float, _ u: Float, _ lo: Float, _ hi: Float, _ tmin: inout Float, _ tmax: inout Float) -> Bool {
        if u == 0 { return !(p < lo || p > hi) }
        var t1 = (lo - p) / u, t2 = (hi - p) / u
        if t1 > t2 { swap(&t1, &t2) }
        tmin = max(tmin, t1); tmax = min(tmax, t2)
        return !(tmin > tmax)
    }
}

extension Arena {
    /// What agent i sensed at the start of the last tick (zeros before the first), read
    /// from the brains' input registers: what a trace records, without sensing again.
    public func lastSensors(of i: Int) -> [Float] { brains.sensorInputs(agent: i) }

    /// The direction of each of agent i's rays (unit vectors: the heading turned by the
    /// ray's angle), exactly as sensing casts them.
    public func rayDirections(of i: Int) -> [(x: Float, y: Float)] {
        let dx = headingX[i], dy = headingY[i]
        return (0..<spec.body.rays).map { k in
            let (q, lane) = k.quotientAndRemainder(dividingBy: 8)
            let c = rayCos[q][lane], s = raySin[q][lane]
            return (dx * c - dy * s, dx * s + dy * c)
        }
    }

    /// What agent i would sense if a tick started now: the input of the decision it is
    /// about to make (the inspector shows it). The agent grid is brought up to date first,
    /// as a tick would.
    public func currentSensors(of i: Int) -> [Float] {
        agentGrid.rebuild(count: agentCount, xs: agentX, ys: agentY) { agentAlive[$0] }
        var out = [Float](repeating: 0, count: spec.body.sensorCount)
        out.withUnsafeMutableBufferPointer { sense(i, into: $0.baseAddress!) }
        return out
    }
}

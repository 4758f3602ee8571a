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
    /// agent. Sensing costs O(1) per agent: a small world's circles are all tested at once,
    /// eight to a register; a large one's come from only the grid cells within reach.
    ///
    /// Two passes. The first (``gatherCandidates(_:_:_:edges:into:_:)``) keeps the objects
    /// whose circle can meet a ray (centre within range + radius, not outside the field of
    /// view). The second tests the candidates, in the order the first gave them, against
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

            // Pass 1 (Arena+SensingCandidates.swift): the circles a ray can meet.
            let candidate = senseCandidates.base, tag = senseTags.base
            let n = gatherCandidates(i, px, py, edges: senseEdges(dirX: dirX, dirY: dirY), into: candidate, tag)

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
            // computed a group at a time (the same division per lane), stored per ray. The
            // distance never exceeds the range (it starts there), so clearing the negative
            // lanes of 1 − d/range is the same bits as "1 − d/range where d < range, else 0"
            // (at d = range both are +0). Written as that select, the compiler divided lane by
            // lane behind a branch each; `pointwiseMax` was a call.
            let perRay = SensorLayout.perRay
            let (p, r, g, b) = (SensorLayout.RayChannel.proximity.rawValue, SensorLayout.RayChannel.red.rawValue,
                                SensorLayout.RayChannel.green.rawValue, SensorLayout.RayChannel.blue.rawValue)
            for q in 0..<groups {
                let d = best[q]
                var proximity = 1 - d / SIMD8(repeating: range)
                proximity.replace(with: 0, where: proximity .< 0)
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
            // The side a ray heads towards along each axis: east (W − px)/uₓ or west −px/uₓ,
            // one division a lane, not one per side (a ray heading neither way along an axis
            // meets neither side); +∞ never wins the `<`.
            let across = SIMD8(repeating: -px).replacing(with: W - px, where: ux .> 0) / ux
            let along = SIMD8(repeating: -py).replacing(with: H - py, where: uy .> 0) / uy
            @inline(__always) func nearer(_ side: SIMD8<Float>, unless parallel: SIMDMask<SIMD8<Int32>>) {
                let side = side.replacing(with: .infinity, where: parallel)
                d.replace(with: side, where: side .< d)
            }
            nearer(across, unless: ux .== 0)
            nearer(along, unless: uy .== 0)
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
    /// about to make (the inspector shows it). What rays see of the agents is brought up to
    /// date first, as a tick would.
    public func currentSensors(of i: Int) -> [Float] {
        prepareSensing()
        var out = [Float](repeating: 0, count: spec.body.sensorCount)
        out.withUnsafeMutableBufferPointer { sense(i, into: $0.baseAddress!) }
        return out
    }
}

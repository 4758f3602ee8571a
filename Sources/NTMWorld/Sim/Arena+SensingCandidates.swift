import CNTMKernels

extension Arena {
    /// How sensing's first pass finds the circles a ray can meet. Both give the same
    /// candidates in the same order, so the choice changes the time a tick takes, never what
    /// an agent senses (a test runs every shipped world both ways against the reference).
    package enum CandidateSearch: Sendable {
        /// Visit only the grid cells within reach and in view (row spans from
        /// ``visibleSpan(_:_:reach:slack:_:_:_:_:)``), testing each object filed there.
        case grid
        /// Test every circle of the ``CircleTable``s, eight to a register.
        case scan
    }

    /// The largest tables scanned rather than walked: 32 groups of things and 4 of agents.
    /// A scan costs about 1.5 cycles per circle and nothing else; a walk costs a few hundred
    /// cycles a query (row spans, cell bounds, a short loop per row) plus about 18 per object
    /// it visits, and it is what keeps a large world's sensing O(1) per agent.
    package static let scanLimit = (thingGroups: 32, agentGroups: 4)

    /// The strategy sensing uses now: ``candidateSearchOverride`` if set, else a scan for
    /// tables within ``scanLimit``.
    package var candidateSearch: CandidateSearch {
        if let candidateSearchOverride { return candidateSearchOverride }
        let small = seen.groups <= Self.scanLimit.thingGroups && bodies.groups <= Self.scanLimit.agentGroups
        return small ? .scan : .grid
    }

    /// Brings what rays see of the agents up to date for a tick's sensing (their table, and
    /// their grid where sensing walks it): the live agents, where they stand now.
    func prepareSensing() {
        if candidateSearch == .grid { agentGrid.rebuild(count: agentCount, xs: agentX, ys: agentY) { agentAlive[$0] } }
        let r = spec.body.radius
        for j in 0..<agentCount { bodies.set(j, x: agentX[j], y: agentY[j], radius: r, seen: agentAlive[j]) }
    }

    /// The inward normals of the field of view's two edges (see ``senseEdges(dirX:dirY:)``).
    typealias Edges = (n0x: Float, n0y: Float, n1x: Float, n1y: Float)

    /// Pass 1 of ``sense(_:into:stride:)``: writes to `candidate` (vx, vy, |v|², R²) and to
    /// `tag` who it is (thing j, or agent ~j) for every circle that can meet one of agent i's
    /// rays, things first, then agents; returns how many.
    ///
    /// With a field of view up to 180° every ray lies in the wedge between the two outermost
    /// rays, so a circle more than R (plus a margin far above rounding) outside either edge
    /// line cannot be hit and is dropped; a circle farther than range + R is dropped too.
    /// Neither test branches: every circle looked at is written, and the cursor advances
    /// only for the ones kept (in a scan, a register's kept lanes are written in lane order).
    /// Things come in slot order (the grid's cell order) both ways; agents in the order
    /// their strategy meets them, which cannot matter: agents look alike, so two at the same
    /// distance along a ray show it the same thing.
    @inline(__always)
    func gatherCandidates(_ i: Int, _ px: Float, _ py: Float, edges: Edges,
                          into candidate: UnsafeMutablePointer<SIMD4<Float>>, _ tag: UnsafeMutablePointer<Int32>) -> Int {
        var n = 0
        switch candidateSearch {
        case .scan:
            let items = thingGrid.items.base
            scan(seen, px, py, edges: edges, skipping: -1, into: candidate, tag, &n) { Int32(truncatingIfNeeded: items[$0]) }
            if !spec.episode.isolated {
                scan(bodies, px, py, edges: edges, skipping: i, into: candidate, tag, &n) { ~Int32(truncatingIfNeeded: $0) }
            }
        case .grid:
            walkGrid(i, px, py, edges: edges, into: candidate, tag, &n)
        }
        return n
    }

    /// Appends the circles of `table` that pass the reach and edge tests, eight at a time
    /// (`ntm_sight_cull`, CNTMKernels/sight.c): per lane the scalar tests of
    /// ``walkGrid(_:_:_:edges:into:_:_:)`` exactly. Entry `skipping` (the agent's own body)
    /// is never kept; `name(k)` is entry k's tag.
    @inline(__always)
    func scan(_ table: CircleTable, _ px: Float, _ py: Float, edges e: Edges, skipping own: Int,
              into candidate: UnsafeMutablePointer<SIMD4<Float>>, _ tag: UnsafeMutablePointer<Int32>,
              _ n: inout Int, _ name: (Int) -> Int32) {
        let kept = (candidate + n).withMemoryRebound(to: Float.self, capacity: 4 * table.count) { out in
            ntm_sight_cull(table.x.base, table.y.base, table.radius.base, table.groups, px, py, spec.body.range,
                           Self.edgeMargin, e.n0x, e.n0y, e.n1x, e.n1y, own, out, tag + n)
        }
        for c in n..<n + kept { tag[c] = name(Int(tag[c])) }
        n += kept
    }

    /// Appends the circles filed in the grid cells that can hold one in view: row by row,
    /// only the columns ``visibleSpan(_:_:reach:slack:_:_:_:_:)`` allows, with no test per
    /// cell; things (every row), then agents (every row).
    @inline(__always)
    func walkGrid(_ i: Int, _ px: Float, _ py: Float, edges: Edges,
                  into candidate: UnsafeMutablePointer<SIMD4<Float>>, _ tag: UnsafeMutablePointer<Int32>, _ n: inout Int) {
        let (n0x, n0y, n1x, n1y) = edges
        let range = spec.body.range
        let seen = seen
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
                    let vx = seen.x[k] - px, vy = seen.y[k] - py, radius = seen.radius[k]
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
    }

    /// How far outside the field of view's edge, as a fraction of the reach, a circle must
    /// lie to be skipped: about 10⁵ times the rounding error of the ray test, so skipping
    /// never drops a circle that the test would have let through.
    static let edgeMargin: Float = 1e-3

    /// Inward normals of the two edge rays (the first ray is at −fov/2, the last at +fov/2):
    /// a point q inside the field of view has q·n ≥ 0 for both. Zeros when the field of view
    /// is wider than 180° (the view is then not a convex wedge, and nothing is culled).
    @inline(__always)
    func senseEdges(dirX: UnsafePointer<SIMD8<Float>>, dirY: UnsafePointer<SIMD8<Float>>) -> Edges {
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
}

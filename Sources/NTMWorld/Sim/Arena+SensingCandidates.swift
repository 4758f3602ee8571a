import CNTMKernels

extension Arena {
    /// How sensing's first pass finds the circles a ray can meet. Both keep the same things
    /// in the same order and the same agents (whose order cannot matter), so the choice
    /// changes the time a tick takes, never what an agent senses (a test runs every shipped
    /// world both ways against the reference, and whole lifetimes one way against the other).
    package enum CandidateSearch: Sendable {
        /// Cull only the runs of slots of the grid cells within reach and in view (row spans
        /// from ``visibleSpan(_:_:reach:slack:_:_:_:_:)``).
        case grid
        /// Cull every circle of the ``CircleTable``s.
        case scan
    }

    /// The largest tables scanned rather than walked: 32 groups of eight things and 4 of
    /// agents. A scan culls every circle, about 1.5 cycles each; a walk culls only the
    /// runs of slots in the cells within reach and in view, and pays a few hundred cycles a
    /// query for finding them (row spans, cell bounds, a call per row): it is what keeps a
    /// large world's sensing O(1) per agent.
    package static let scanLimit = (thingGroups: 32, agentGroups: 4)

    /// The strategy sensing uses now: ``candidateSearchOverride`` if set, else a scan for
    /// tables within ``scanLimit``.
    package var candidateSearch: CandidateSearch {
        if let candidateSearchOverride { return candidateSearchOverride }
        let small = things.count <= 8 * Self.scanLimit.thingGroups && agentCount <= 8 * Self.scanLimit.agentGroups
        return small ? .scan : .grid
    }

    /// Brings what rays see of the agents up to date for a tick's sensing: the live agents,
    /// where they stand now, in `bodies` by agent index for a scan; for a walk, filed in
    /// their grid and in `bodies` by grid slot (so that a row of cells is a run of entries).
    func prepareSensing() {
        let r = spec.body.radius
        guard candidateSearch == .grid else {
            for j in 0..<agentCount { bodies.set(j, x: agentX[j], y: agentY[j], radius: r, seen: agentAlive[j]) }
            return
        }
        agentGrid.rebuild(count: agentCount, xs: agentX, ys: agentY) { agentAlive[$0] }
        for k in 0..<agentGrid.filed {
            let j = agentGrid.object(inSlot: k)
            bodies.set(k, x: agentX[j], y: agentY[j], radius: r, seen: true)
            slotOfAgent[j] = Int32(k)
        }
    }

    /// The inward normals of the field of view's two edges (see ``senseEdges(dirX:dirY:)``).
    typealias Edges = (n0x: Float, n0y: Float, n1x: Float, n1y: Float)

    /// Pass 1 of ``sense(_:into:stride:)``: writes to `candidate` (vx, vy, |v|², R²) and to
    /// `tag` who it is (thing j, or agent ~j) for every circle that can meet one of agent i's
    /// rays, things first, then agents; returns how many.
    ///
    /// With a field of view up to 180° every ray lies in the wedge between the two outermost
    /// rays, so a circle more than R (plus a margin far above rounding) outside either edge
    /// line cannot be hit and is dropped; a circle farther than range + R is dropped too
    /// (``CircleTable/cull(_:_:from:_:range:margin:edges:skipping:into:_:)``). Things come
    /// in slot order (the grid's cell order) both ways; agents in agent order or slot order,
    /// which cannot matter: agents look alike, so two at the same distance along a ray show
    /// it the same thing.
    @inline(__always)
    func gatherCandidates(_ i: Int, _ px: Float, _ py: Float, edges: Edges,
                          into candidate: UnsafeMutablePointer<SIMD4<Float>>, _ tag: UnsafeMutablePointer<Int32>) -> Int {
        let items = thingGrid.items.base, agentItems = agentGrid.items.base
        var n = 0
        switch candidateSearch {
        case .scan:
            n = append(seen, 0, seen.count, px, py, edges, skipping: -1, candidate, tag, n) { items[Int($0)] }
            if !spec.episode.isolated {
                n = append(bodies, 0, agentCount, px, py, edges, skipping: i, candidate, tag, n) { ~$0 }
            }
        case .grid:
            let own = Int(slotOfAgent[i])
            walkGrid(px, py, edges: edges) { grid, lo, hi in
                if grid == 0 {
                    n = append(seen, lo, hi, px, py, edges, skipping: -1, candidate, tag, n) { items[Int($0)] }
                } else if !spec.episode.isolated {
                    n = append(bodies, lo, hi, px, py, edges, skipping: own, candidate, tag, n) { ~agentItems[Int($0)] }
                }
            }
        }
        return n
    }

    /// Culls entries lo ..< hi of `table` into the candidates from `n` on, names the kept
    /// ones in place, and returns the new count. (A method, not a nested function: one that
    /// captured the count would box it on the heap and check each access to it.)
    @inline(__always)
    func append(_ table: CircleTable, _ lo: Int, _ hi: Int, _ px: Float, _ py: Float, _ edges: Edges, skipping own: Int,
                _ candidate: UnsafeMutablePointer<SIMD4<Float>>, _ tag: UnsafeMutablePointer<Int32>, _ n: Int,
                _ name: (Int32) -> Int32) -> Int {
        let kept = table.cull(lo, hi, from: px, py, range: spec.body.range, margin: Self.edgeMargin, edges: edges,
                              skipping: own, into: candidate + n, tag + n)
        for c in n..<n + kept { tag[c] = name(tag[c]) }
        return n + kept
    }

    /// Calls `run(grid, lo, hi)` with the runs of slots lo ..< hi of the grid cells that
    /// can hold a circle in view: row by row, only the columns
    /// ``visibleSpan(_:_:reach:slack:_:_:_:_:)`` allows, with no test per cell; the thing
    /// grid's (grid 0) for every row, then the agent grid's (grid 1).
    @inline(__always)
    func walkGrid(_ px: Float, _ py: Float, edges: Edges, _ run: (_ grid: Int, _ lo: Int, _ hi: Int) -> Void) {
        let (n0x, n0y, n1x, n1y) = edges
        let range = spec.body.range, bodyRadius = spec.body.radius
        // The two grids have the same cells, so one set of row spans, for the larger
        // reach and slack, serves both (visiting more cells than needed only costs time).
        let reach = max(range + maxThingRadius, range + bodyRadius)
        let slack = max(maxThingRadius, bodyRadius) + Self.edgeMargin * reach
        assert(thingGrid.cellSize == agentGrid.cellSize && thingGrid.columns == agentGrid.columns)
        let rows = thingGrid.rows(near: py, reach: reach)
        withUnsafeTemporaryAllocation(of: (first: Int, last: Int).self, capacity: rows.count) { spans in
            for cy in rows {
                let (bottom, top) = thingGrid.strip(cy)
                let (lo, hi) = Self.visibleSpan(bottom - py, top - py, reach: reach, slack: slack, n0x, n0y, n1x, n1y)
                spans[cy - rows.lowerBound] = lo <= hi ? thingGrid.columns(px + max(lo, -reach), px + min(hi, reach)) : (1, 0)
            }
            for g in 0..<2 {
                let grid = g == 0 ? thingGrid : agentGrid
                for cy in rows {
                    let (first, last) = spans[cy - rows.lowerBound]
                    guard first <= last else { continue }
                    let (lo, hi) = grid.slots(row: cy, columns: first, last)
                    run(g, lo, hi)
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

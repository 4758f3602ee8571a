import CNTMKernels

extension Arena {
    /// How sensing's first pass finds the circles a ray can meet. Both keep the same things
    /// in the same order and the same agents (whose order cannot matter), so the choice
    /// changes the time a tick takes, never what an agent senses (a test runs every shipped
    /// world both ways against the reference, and whole lifetimes one way against the other).
    package enum CandidateSearch: Sendable {
        /// Cull only the grid cells within reach, row by row, each row one run of slots
        /// (`ntm_sight_walk`, CNTMKernels/sight.c).
        case grid
        /// Cull every circle of the ``CircleTable``s.
        case scan
    }

    /// The largest tables scanned rather than walked: 32 groups of eight things and 4 of
    /// agents. A scan culls every circle, about 1.5 cycles each; a walk culls only the
    /// cells within reach, at most 4 × 4, and pays for finding them (cell bounds, a cull
    /// call per row and grid): it is what keeps a large world's sensing O(1) per agent.
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
            var grid = thingGrid.geometry
            var things = seen.cells(of: thingGrid), agents = bodies.cells(of: agentGrid)
            var view = ntm_sight_view(px: px, py: py, range: spec.body.range, margin: Self.edgeMargin,
                                      radius: max(maxThingRadius, spec.body.radius),
                                      n0x: edges.n0x, n0y: edges.n0y, n1x: edges.n1x, n1y: edges.n1y)
            var thingsKept = 0
            n = candidate.withMemoryRebound(to: Float.self, capacity: 4 * (seen.count + agentCount)) { out in
                withUnsafePointer(to: &agents) { agents in
                    ntm_sight_walk(&grid, &things, spec.episode.isolated ? nil : agents, Int(slotOfAgent[i]), &view,
                                   out, tag, &thingsKept)
                }
            }
            for c in 0..<thingsKept { tag[c] = items[Int(tag[c])] }
            for c in thingsKept..<n { tag[c] = ~agentItems[Int(tag[c])] }
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
}

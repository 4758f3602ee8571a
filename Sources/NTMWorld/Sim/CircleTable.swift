import CNTMKernels

/// Circles that rays can see or bodies touch, as three columns (centre x, centre y,
/// radius), with eight unseen entries after the last, so that the cull can read any run of
/// entries eight at a time and never past the columns.
///
/// An entry that cannot be seen (a hidden hazard, eaten food, a dead agent, the padding)
/// has x = +∞. Its offset from any agent is then +∞ and its squared distance +∞, which
/// fails every reach test (`dd > reach²`), so a scan drops it with no branch and no mask
/// of its own.
struct CircleTable {
    let x: Column<Float>, y: Column<Float>, radius: Column<Float>
    /// Entries in use; `x`, `y` and `radius` hold 8 more.
    let count: Int

    init(count: Int, storage: ColumnStorage) {
        self.count = count
        let padded = count + 8
        x = storage.make(repeating: .infinity, count: padded)
        y = storage.make(repeating: 0, count: padded)
        radius = storage.make(repeating: 0, count: padded)
    }

    func release(to storage: ColumnStorage) {
        storage.release(x); storage.release(y); storage.release(radius)
    }

    /// Sets entry k: a circle at (x, y), or unseen.
    @inline(__always)
    func set(_ k: Int, x px: Float, y py: Float, radius r: Float, seen: Bool) {
        x[k] = seen ? px : .infinity
        y[k] = py
        radius[k] = r
    }
}

extension CircleTable {
    /// Culls entries lo ..< hi for an agent at (px, py) (`ntm_sight_cull`, CNTMKernels/
    /// sight.c): writes each kept entry's candidate (vx, vy, |v|², R²) and its index k, in
    /// increasing k, and returns how many. Entry `own` is never kept.
    @inline(__always)
    func cull(_ lo: Int, _ hi: Int, from px: Float, _ py: Float, range: Float, margin: Float,
              edges e: Arena.Edges, skipping own: Int,
              into candidate: UnsafeMutablePointer<SIMD4<Float>>, _ index: UnsafeMutablePointer<Int32>) -> Int {
        guard hi > lo else { return 0 }
        return candidate.withMemoryRebound(to: Float.self, capacity: 4 * (hi - lo)) { out in
            ntm_sight_cull(x.base, y.base, radius.base, lo, hi, px, py, range, margin,
                           e.n0x, e.n0y, e.n1x, e.n1y, own, out, index)
        }
    }

    /// The table as the cells of `grid` (slot k of the grid is entry k), for
    /// `ntm_sight_walk`.
    @inline(__always)
    func cells(of grid: SpatialGrid) -> ntm_sight_cells {
        ntm_sight_cells(start: grid.start.base, x: x.base, y: y.base, r: radius.base)
    }
}

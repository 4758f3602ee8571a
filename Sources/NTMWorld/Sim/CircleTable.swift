/// Circles that rays can see, as three columns (centre x, centre y, radius), padded to a
/// whole number of eight-entry groups so that a scan reads them eight at a time with no
/// tail.
///
/// An entry that cannot be seen (a hidden hazard, eaten food, a dead agent, the padding)
/// has x = +∞. Its offset from any agent is then +∞ and its squared distance +∞, which
/// fails every reach test (`dd > reach²`), so a scan drops it with no branch and no mask
/// of its own.
struct CircleTable {
    let x: Column<Float>, y: Column<Float>, radius: Column<Float>
    /// Entries in use; `x`, `y` and `radius` hold ``groups`` · 8.
    let count: Int

    init(count: Int, storage: ColumnStorage) {
        self.count = count
        let padded = 8 * ((count + 7) / 8)
        x = storage.make(repeating: .infinity, count: padded)
        y = storage.make(repeating: 0, count: padded)
        radius = storage.make(repeating: 0, count: padded)
    }

    func release(to storage: ColumnStorage) {
        storage.release(x); storage.release(y); storage.release(radius)
    }

    /// Eight-entry groups, the last one padded with unseen entries.
    var groups: Int { (count + 7) / 8 }

    /// Sets entry k: a circle at (x, y), or unseen.
    @inline(__always)
    func set(_ k: Int, x px: Float, y py: Float, radius r: Float, seen: Bool) {
        x[k] = seen ? px : .infinity
        y[k] = py
        radius[k] = r
    }

    /// Entries 8q ..< 8q + 8, one per lane.
    @inline(__always)
    func group(_ q: Int) -> (x: SIMD8<Float>, y: SIMD8<Float>, radius: SIMD8<Float>) {
        @inline(__always) func load(_ c: Column<Float>) -> SIMD8<Float> {
            UnsafeRawPointer(c.base + 8 &* q).loadUnaligned(as: SIMD8<Float>.self)
        }
        return (load(x), load(y), load(radius))
    }
}

/// A uniform grid over the arena in compressed form: the objects of cell c are
/// `items[start[c] ..< start[c + 1]]`, in increasing object index, so every query visits
/// objects in a deterministic order. Rebuilding is a counting sort, O(objects + cells),
/// into memory allocated once.
struct SpatialGrid {
    let cellSize: Float
    let columns: Int
    let rows: Int
    let start: Column<Int32>
    let items: Column<Int32>
    let cellOf: Column<Int32>

    init(width: Float, height: Float, cellSize: Float, capacity: Int) {
        self.cellSize = cellSize
        columns = max(1, Int((width / cellSize).rounded(.up)))
        rows = max(1, Int((height / cellSize).rounded(.up)))
        start = Column(repeating: 0, count: columns * rows + 2)
        items = Column(repeating: 0, count: capacity)
        cellOf = Column(repeating: -1, count: capacity)
    }

    func free() {
        start.free(); items.free(); cellOf.free()
    }

    @inline(__always)
    func cell(_ x: Float, _ y: Float) -> (Int, Int) {
        (min(columns - 1, max(0, Int(x / cellSize))), min(rows - 1, max(0, Int(y / cellSize)))) 
    }

    /// Rebuilds the grid for the first `count` objects at (xs[i], ys[i]) with `include(i)`.
    @inline(__always)
    func rebuild(count: Int, xs: Column<Float>, ys: Column<Float>, include: (Int) -> Bool) {
        let cells = columns * rows
        for c in 0...(cells + 1) { start[c] = 0 }
        for i in 0..<count {
            guard include(i) else { cellOf[i] = -1; continue }
            let (cx, cy) = cell(xs[i], ys[i])
            let c = cy * columns + cx
            cellOf[i] = Int32(c)
            start[c + 2] += 1
        }
        // Prefix sums shifted by one: start[c + 1] becomes the fill cursor of cell c.
        for c in 0..<cells { start[c + 2] += start[c + 1] }
        for i in 0..<count where cellOf[i] >= 0 {
            let c = Int(cellOf[i])
            items[Int(start[c + 1])] = Int32(i)
            start[c + 1] += 1
        }
    }

    /// How many objects the last rebuild filed.
    var filed: Int { Int(start[columns * rows]) }

    /// The object in slot k: slots run cell by cell, so neighbours in space are mostly
    /// neighbours in slot order.
    @inline(__always)
    func object(inSlot k: Int) -> Int { Int(items[k]) }

    /// Calls `body` with every object in the cells that overlap the square of half-size
    /// `reach` around (x, y), cell by cell in row-major order.
    @inline(__always)
    func forEach(near x: Float, _ y: Float, reach: Float, _ body: (Int) -> Void) {
        let (x0, y0) = cell(x - reach, y - reach)
        let (x1, y1) = cell(x + reach, y + reach)
        for cy in y0...y1 {
            for cx in x0...x1 {
                let c = cy * columns + cx
                for k in Int(start[c])..<Int(start[c + 1]) { body(Int(items[k])) }
            }
        }
    }

    /// Like ``forEach(near:_:reach:_:)``, but visits in each row of the square only the
    /// columns that `span(bottom, top)` names: given the row's strip of y, relative to
    /// (x, y), it returns the x-interval, relative too, that may hold what the caller looks
    /// for (empty when lo > hi). The columns of a row are adjacent in `items`, so a row's
    /// span is one contiguous run of slots: one loop, no test per cell. The outermost rows
    /// have infinite outer bounds, since clamping files anything beyond the grid's edge under
    /// them. `body` gets each object's *slot* (its position in `items`) and index, in the
    /// same order as the plain query.
    @inline(__always)
    func forEach(near x: Float, _ y: Float, reach: Float, columns span: (_ bottom: Float, _ top: Float) -> (Float, Float),
                 _ body: (_ slot: Int, _ object: Int) -> Void) {
        let (_, y0) = cell(x, y - reach)
        let (_, y1) = cell(x, y + reach)
        for cy in y0...y1 {
            let bottom = cy == 0 ? -Float.infinity : Float(cy) * cellSize
            let top = cy == rows - 1 ? Float.infinity : Float(cy + 1) * cellSize
            let (lo, hi) = span(bottom - y, top - y)
            guard lo <= hi else { continue }
            let (first, _) = cell(x + max(lo, -reach), y)
            let (last, _) = cell(x + min(hi, reach), y)
            let row = cy * columns
            for k in Int(start[row + first])..<Int(start[row + last + 1]) { body(k, Int(items[k])) }
        }
    }
}

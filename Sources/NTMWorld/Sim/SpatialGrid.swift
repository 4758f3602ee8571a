import CNTMKernels

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

    init(width: Float, height: Float, cellSize: Float, capacity: Int, storage: ColumnStorage) {
        self.cellSize = cellSize
        columns = max(1, Int((width / cellSize).rounded(.up)))
        rows = max(1, Int((height / cellSize).rounded(.up)))
        start = storage.make(repeating: 0, count: columns * rows + 2)
        items = storage.make(repeating: 0, count: capacity)
        cellOf = storage.make(repeating: -1, count: capacity)
    }

    func release(to storage: ColumnStorage) {
        storage.release(start); storage.release(items); storage.release(cellOf)
    }

    /// The cell a point is filed in: ⌊x / cellSize⌋, ⌊y / cellSize⌋, each clamped to the grid,
    /// so the outermost rows and columns also hold what lies beyond the arena's edges.
    @inline(__always)
    func cell(_ x: Float, _ y: Float) -> (Int, Int) {
        (Self.index(x / cellSize, count: columns), Self.index(y / cellSize, count: rows))
    }

    /// ⌊q⌋ clamped to 0 … count − 1, a negative or NaN q giving 0: the rule of sight.c's
    /// `cell_of`, which the walk uses to find the cells within reach, so a point is always
    /// filed in a cell the walk visits. The clamps come before the conversion, which then
    /// cannot overflow: a NaN or infinite coordinate is filed at an edge instead of trapping.
    @inline(__always)
    static func index(_ q: Float, count: Int) -> Int {
        guard q >= 0 else { return 0 }
        return q < Float(count) ? Int(q) : count - 1
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
        // Prefix sums shifted by one: start[c + 1] becomes the fill cursor of cell c. The
        // running sum stays in a register (each `start[c + 2] += start[c + 1]` waited for
        // the store before it: a third of a 160-agent tick's rebuild); at most `count`, so
        // it cannot overflow.
        var sum: Int32 = 0
        for c in 0..<cells {
            sum &+= start[c + 2]
            start[c + 2] = sum
        }
        for i in 0..<count where cellOf[i] >= 0 {
            let c = Int(cellOf[i])
            items[Int(start[c + 1])] = Int32(i)
            start[c + 1] += 1
        }
    }

    /// The grid's shape as `ntm_sight_walk` takes it (CNTMKernels/sight.c).
    var geometry: ntm_sight_grid { ntm_sight_grid(columns: columns, rows: rows, cell_size: cellSize) }

    /// How many objects the last rebuild filed.
    var filed: Int { Int(start[columns * rows]) }

    /// The object in slot k: slots run cell by cell, so neighbours in space are mostly
    /// neighbours in slot order.
    @inline(__always)
    func object(inSlot k: Int) -> Int { Int(items[k]) }
}

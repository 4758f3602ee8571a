/// A uniform grid over the arena in compressed form: the objects of cell c are
/// `items[start[c] ..< start[c + 1]]`, in increasing object index, so every query visits
/// objects in a deterministic order. Building it is a counting sort, O(objects + cells).
struct SpatialGrid {
    let cellSize: Float
    let columns: Int
    let rows: Int
    private(set) var start: [Int32]
    private(set) var items: [Int32]

    init(width: Float, height: Float, cellSize: Float) {
        self.cellSize = cellSize
        columns = max(1, Int((width / cellSize).rounded(.up)))
        rows = max(1, Int((height / cellSize).rounded(.up)))
        start = [Int32](repeating: 0, count: columns * rows + 1)
        items = []
    }

    @inline(__always)
    func cell(_ x: Float, _ y: Float) -> (Int, Int) {
        (min(columns - 1, max(0, Int(x / cellSize))), min(rows - 1, max(0, Int(y / cellSize))))
    }

    /// Rebuilds the grid for objects at (xs[i], ys[i]) for which `include(i)` holds.
    mutating func rebuild(count: Int, xs: [Float], ys: [Float], include: (Int) -> Bool) {
        for i in start.indices { start[i] = 0 }
        var cellOf = [Int32](repeating: -1, count: count)
        for i in 0..<count where include(i) {
            let (cx, cy) = cell(xs[i], ys[i])
            let c = cy * columns + cx
            cellOf[i] = Int32(c)
            start[c + 1] += 1
        }
        for c in 0..<(columns * rows) { start[c + 1] += start[c] }
        items = [Int32](repeating: 0, count: Int(start[columns * rows]))
        var fill = start
        for i in 0..<count where cellOf[i] >= 0 {
            let c = Int(cellOf[i])
            items[Int(fill[c])] = Int32(i)
            fill[c] += 1
        }
    }

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
}

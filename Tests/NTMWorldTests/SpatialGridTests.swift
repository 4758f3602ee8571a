import NTMWorld
import Testing

/// How the grid files a coordinate. The walk (sight.c's `cell_of`) finds the cells within
/// reach by the same rule, so a circle is always filed in a cell the walk visits; points
/// beyond the arena go to its outermost cells, and no coordinate traps.
@Suite("Spatial grid: filing a coordinate")
struct SpatialGridTests {
    @Test("⌊q⌋ clamped to the grid; negative, NaN and infinite coordinates filed at an edge",
          arguments: [
              (Float(0), 0), (0.99, 0), (1, 1), (3.5, 3), (4.999, 4),   // inside: ⌊q⌋
              (5, 4), (7.5, 4), (1e30, 4), (.infinity, 4),               // past the far edge
              (-0.0, 0), (-0.5, 0), (-1, 0), (-1e30, 0), (-.infinity, 0), (.nan, 0),
          ] as [(Float, Int)])
    func files(_ q: Float, _ cell: Int) {
        #expect(Arena.gridIndexForTesting(q, count: 5) == cell)
    }

    @Test("A one-cell axis files everything in its cell")
    func oneCell() {
        for q: Float in [-3, 0, 0.5, 1, 2, .nan, .infinity] {
            #expect(Arena.gridIndexForTesting(q, count: 1) == 0)
        }
    }
}

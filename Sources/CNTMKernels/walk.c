// A large world's sensing cull (include/ntm_sight.h, ntm_sight_walk): the cells of the
// grids within reach of an agent, each row of them one run of slots, culled by
// ntm_sight_cull.
//
// Which cells: the block of rows and columns that the square x, y ∈ p ± reach overlaps
// (reach = range + the largest radius), clamped to the grid, so also the outermost rows and
// columns, which hold what lies beyond the grid's edges. A circle that can be seen has its
// centre within reach, so it is filed in the block; the cull makes the exact decision for
// each circle in it, so the walk keeps exactly what a cull of every circle keeps, in slot
// order, which the sensing tests check on every shipped world (each with the scan and the
// walk against a brute-force reference, and whole lifetimes one way against the other).
// A cell is at least the range wide, so the block is at most 4 × 4 cells.
//
// Why so plain. The walk this replaced (Swift) gave each row only the columns the field of
// view could reach (a square root and two divisions a row), and paid about 330 cycles a
// query for it, more than the cull it fed: a retain and release of each grid's columns, a
// trap check on every float-to-integer conversion, a call and an index fix-up per run. In
// a 160-agent forage arena (NTMLife's `bench` tick arenas, 2.3 things and 0.6 agents a
// cell), sensing's samples in four profiles of each (medians; the same ticks): that walk
// 3,030; in C, a test of each cell's rectangle against the disc and the view's edges 2,520;
// this block 2,230. A cell's few circles are one
// group of eight in the cull whether or not the view's edges trim the row, so trimming
// saved less than it cost; it would pay only at several times the density.
//
// Bits: the candidates are ntm_sight_cull's; nothing here is a value an agent senses.
#include "ntm_sight.h"

/// ⌊v / cell⌋ clamped to 0 … count − 1, as NTMWorld's SpatialGrid.cell files a point (a
/// negative or NaN quotient gives 0).
static inline long cell_of(float v, float cell, long count) {
    float q = v / cell;
    if (!(q >= 0)) return 0;
    if (q >= (float)count) return count - 1;
    return (long)q;
}

/// Culls `cells`' runs of rows y0 … y1, columns x0 … x1, into the candidates from n on;
/// returns the new count.
static long walk_cells(const ntm_sight_view *v, const ntm_sight_cells *cells, long columns, long skip,
                       long x0, long x1, long y0, long y1, float *candidate, int32_t *index, long n) {
    for (long cy = y0; cy <= y1; cy++) {
        long lo = cells->start[cy * columns + x0], hi = cells->start[cy * columns + x1 + 1];
        if (hi > lo)
            n += ntm_sight_cull(cells->x, cells->y, cells->r, lo, hi, v->px, v->py, v->range, v->margin,
                                v->n0x, v->n0y, v->n1x, v->n1y, skip, candidate + 4 * n, index + n);
    }
    return n;
}

long ntm_sight_walk(const ntm_sight_grid *grid, const ntm_sight_cells *things, const ntm_sight_cells *agents,
                    long own, const ntm_sight_view *view, float *candidate, int32_t *index, long *things_kept) {
    const float cell = grid->cell_size, reach = view->range + view->radius;
    long x0 = cell_of(view->px - reach, cell, grid->columns), x1 = cell_of(view->px + reach, cell, grid->columns);
    long y0 = cell_of(view->py - reach, cell, grid->rows), y1 = cell_of(view->py + reach, cell, grid->rows);
    long n = walk_cells(view, things, grid->columns, -1, x0, x1, y0, y1, candidate, index, 0);
    *things_kept = n;
    if (agents) n = walk_cells(view, agents, grid->columns, own, x0, x1, y0, y1, candidate, index, n);
    return n;
}

// Sensing's cull (include/ntm_sight.h): a run of circles eight at a time, the three drop
// tests as lane-wise compares, the kept lanes found from the compare mask's bits; and the
// walk that runs it over a grid's cells (below; in this file so that the cull inlines into
// it).
//
// Why C: written with Swift's SIMD8 the same tests compiled to lane-by-lane shuffles for
// the mask logic (`.|`, or blends of bit registers and a horizontal sum), which cost more
// than the arithmetic; here a compare is one instruction and the mask one movemask.
//
// Why the bits are those of the scalar tests: every lane computes the same IEEE products,
// sums and negation in the same order (-ffp-contract=off forbids fusing them), and a
// compare is exact; a kept circle's candidate is those same values.
#include "ntm_sight.h"
#include "vectors.h"

/// Bit l set where lane l of m is true (all ones): one vmovmskps where AVX is in force.
INLINE unsigned lanes_set(v8i m) {
#if defined(__AVX__)
    return (unsigned)__builtin_ia32_movmskps256((__attribute__((vector_size(32))) float)m);
#else
    unsigned bits = 0;
    for (int l = 0; l < 8; l++) bits |= (unsigned)(m[l] & 1) << l;
    return bits;
#endif
}

INLINE long cull(const float *x, const float *y, const float *r, long lo, long hi,
                 float px, float py, float range, float margin,
                 float n0x, float n0y, float n1x, float n1y, long skip,
                 float *candidate, int32_t *index) {
    long n = 0, count = hi - lo;
    x += lo; y += lo; r += lo; skip -= lo;
    for (long q = 0; 8 * q < count; q++) {
        v8 cx = *(const v8 *)(x + 8 * q), cy = *(const v8 *)(y + 8 * q), radius = *(const v8 *)(r + 8 * q);
        v8 vx = cx - px, vy = cy - py;
        v8 dd = vx * vx + vy * vy;
        v8 reach = range + radius;
        v8 outside = -(radius + margin * reach);
        v8i drop = (dd > reach * reach) | (vx * n0x + vy * n0y < outside) | (vx * n1x + vy * n1y < outside);
        long left = count - 8 * q;                     // lanes past the last circle are dropped
        unsigned kept = ~lanes_set(drop) & (left >= 8 ? 0xffu : (1u << left) - 1);
        if (!kept) continue;
        // Most groups keep nothing; a group that keeps some stores its four vectors once
        // and copies the kept lanes out (a lane index into a register went through the
        // stack once per lane and vector).
        float lanes[4][8];
        *(v8 *)lanes[0] = vx; *(v8 *)lanes[1] = vy; *(v8 *)lanes[2] = dd; *(v8 *)lanes[3] = radius * radius;
        while (kept) {
            int l = __builtin_ctz(kept);
            kept &= kept - 1;
            long k = 8 * q + l;
            if (k == skip) continue;
            for (int f = 0; f < 4; f++) candidate[4 * n + f] = lanes[f][l];
            index[n] = (int32_t)(k + lo);
            n++;
        }
    }
    return n;
}

long ntm_sight_cull(const float *x, const float *y, const float *r, long lo, long hi,
                    float px, float py, float range, float margin,
                    float n0x, float n0y, float n1x, float n1y, long skip,
                    float *candidate, int32_t *index) {
    return cull(x, y, r, lo, hi, px, py, range, margin, n0x, n0y, n1x, n1y, skip, candidate, index);
}

// The walk (ntm_sight_walk): the cells of the grids within reach of an agent, each row of
// them one run of slots, culled as above.
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
// this block 2,230. A cell's few circles are one group of eight in the cull whether or not
// the view's edges trim the row, so trimming saved less than it cost; it would pay only at
// several times the density.

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
            n += cull(cells->x, cells->y, cells->r, lo, hi, v->px, v->py, v->range, v->margin,
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

// Sensing's first test, for NTMWorld: which circles of a table can meet one of an agent's
// rays, or touch its body, and the walk over a grid's cells within reach that runs it on a
// large world (sight.c). Their callers: Arena+SensingCandidates.swift (through
// CircleTable.cull, and ntm_sight_walk) for sight, Arena+Things.swift for touch.
#ifndef NTM_SIGHT_H
#define NTM_SIGHT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Tests the circles k = lo … hi − 1 of a table (centres x[k], y[k], radii r[k], any
/// alignment; read eight entries at a time from lo, so each array must be readable 7
/// entries past hi) against an agent at (px, py) whose rays reach `range` and whose field
/// of view has inward edge normals (n0x, n0y) and (n1x, n1y) (zeros: no edge). With v =
/// centre − agent, reach = range + r and outside = −(r + margin·reach), circle k is dropped
/// if |v|² > reach², or v·n0 < outside, or v·n1 < outside (each product and sum rounded as
/// written, no fused multiply-add), or k == skip. For each circle kept, in increasing k:
/// candidate[4c …] = (vₓ, v_y, |v|², r²) and index[c] = k. Returns the number kept.
long ntm_sight_cull(const float *x, const float *y, const float *r, long lo, long hi,
                    float px, float py, float range, float margin,
                    float n0x, float n0y, float n1x, float n1y, long skip,
                    float *candidate, int32_t *index);

/// The circles filed in a uniform grid of square cells (NTMWorld's SpatialGrid): cell
/// (cx, cy) is c = cy·columns + cx, its circles are the slots start[c] ..< start[c + 1],
/// and slot k's circle is (x[k], y[k], r[k]), each array readable 8 entries past the last
/// slot. A point's cell is ⌊x / cell_size⌋, ⌊y / cell_size⌋ clamped to the grid.
typedef struct {
    const int32_t *start;
    const float *x, *y, *r;
} ntm_sight_cells;

/// The geometry of such a grid.
typedef struct {
    long columns, rows;
    float cell_size;
} ntm_sight_grid;

/// What ntm_sight_walk culls for: ntm_sight_cull's agent (px, py), `range`, `margin` and
/// edge normals, and the largest radius of a circle in either grid.
typedef struct {
    float px, py, range, margin, radius;
    float n0x, n0y, n1x, n1y;
} ntm_sight_view;

/// ntm_sight_cull over every cell of a grid within range + radius of the agent (sight.c
/// says which and why): row by row, each row's cells one run of slots, first the rows of
/// `things`, then, if `agents` is not null, the same rows of `agents` (a grid of the same
/// geometry), skipping agent slot `own`. Writes candidates and slot numbers as
/// ntm_sight_cull does (room for every circle of both is enough), things first, in slot
/// order within each; sets *things_kept to how many are things and returns how many in all.
long ntm_sight_walk(const ntm_sight_grid *grid, const ntm_sight_cells *things, const ntm_sight_cells *agents,
                    long own, const ntm_sight_view *view, float *candidate, int32_t *index, long *things_kept);

#ifdef __cplusplus
}
#endif

#endif

// Sensing's first test, for NTMWorld: which circles of a table can meet one of an agent's
// rays, or touch its body (sight.c). Its callers: Arena+SensingCandidates.swift (through
// CircleTable.cull) for sight, Arena+Things.swift for touch.
#ifndef NTM_SIGHT_H
#define NTM_SIGHT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Tests the circles k = 0 … count − 1 of a run (centres x[k], y[k], radii r[k], any
/// alignment; each array readable to the next multiple of 8) against an agent at (px, py)
/// whose rays reach `range` and whose field of view has inward edge normals (n0x, n0y) and
/// (n1x, n1y) (zeros: no edge). With v = centre − agent, reach = range + r and
/// outside = −(r + margin·reach), circle k is dropped if |v|² > reach², or v·n0 < outside,
/// or v·n1 < outside (each product and sum rounded as written, no fused multiply-add), or
/// k == skip. For each circle kept, in increasing k: candidate[4c …] = (vₓ, v_y, |v|², r²)
/// and index[c] = k. Returns the number kept.
long ntm_sight_cull(const float *x, const float *y, const float *r, long count,
                    float px, float py, float range, float margin,
                    float n0x, float n0y, float n1x, float n1y, long skip,
                    float *candidate, int32_t *index);

#ifdef __cplusplus
}
#endif

#endif

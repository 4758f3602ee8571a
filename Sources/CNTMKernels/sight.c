// Sensing's cull (include/ntm_sight.h): a run of circles eight at a time, the three drop
// tests as lane-wise compares, the kept lanes found from the compare mask's bits.
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

long ntm_sight_cull(const float *x, const float *y, const float *r, long lo, long hi,
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

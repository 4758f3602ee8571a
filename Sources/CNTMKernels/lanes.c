// Agent-major rows to lane-wise registers (include/ntm_lanes.h) by a transpose in
// registers: per four output registers, four paired half-row loads and eight shuffles.
#include "ntm_lanes.h"
#include "vectors.h"

/// Elements e … e + 3 of rows k and k + 4 in one register (two 16-byte loads; the second
/// goes in by vinsertf128 from memory).
#define ROW_HALVES(rows, k, e) __builtin_shufflevector(*(const v4 *)((rows)[k] + (e)),          \
                                                       *(const v4 *)((rows)[(k) + 4] + (e)),    \
                                                       0, 1, 2, 3, 4, 5, 6, 7)

/// Registers e … e + 3 of the lane-wise interleave of eight rows (register j: element e + j
/// of each row): four half-rows, then unpcklps/unpckhps and unpcklpd/unpckhpd.
#define INTERLEAVE4(rows, e, r0, r1, r2, r3) do {                                  \
    v8 a0_ = ROW_HALVES(rows, 0, e), a1_ = ROW_HALVES(rows, 1, e);                 \
    v8 a2_ = ROW_HALVES(rows, 2, e), a3_ = ROW_HALVES(rows, 3, e);                 \
    v8 t0_ = __builtin_shufflevector(a0_, a1_, 0, 8, 1, 9, 4, 12, 5, 13);          \
    v8 t1_ = __builtin_shufflevector(a0_, a1_, 2, 10, 3, 11, 6, 14, 7, 15);        \
    v8 t2_ = __builtin_shufflevector(a2_, a3_, 0, 8, 1, 9, 4, 12, 5, 13);          \
    v8 t3_ = __builtin_shufflevector(a2_, a3_, 2, 10, 3, 11, 6, 14, 7, 15);        \
    r0 = __builtin_shufflevector(t0_, t2_, 0, 1, 8, 9, 4, 5, 12, 13);              \
    r1 = __builtin_shufflevector(t0_, t2_, 2, 3, 10, 11, 6, 7, 14, 15);            \
    r2 = __builtin_shufflevector(t1_, t3_, 0, 1, 8, 9, 4, 5, 12, 13);              \
    r3 = __builtin_shufflevector(t1_, t3_, 2, 3, 10, 11, 6, 7, 14, 15);            \
} while (0)

void ntm_interleave_lanes(float *out, const float *const rows[8], long count) {
    v8 *o = (v8 *)out;
    for (long i = 0; i < count; i += 8) {
        INTERLEAVE4(rows, i, o[i], o[i + 1], o[i + 2], o[i + 3]);
        INTERLEAVE4(rows, i + 4, o[i + 4], o[i + 5], o[i + 6], o[i + 7]);
    }
}

/// v with the lanes in m replaced by x: a broadcast, then bit operations (moves only, so
/// signed zeros and NaN payloads pass unchanged; and they run on any vector pipe).
INLINE v8 with_lanes(v8 v, v8i m, float x) {
    v8 b = {x, x, x, x, x, x, x, x};
    return (v8)(((v8i)v & ~m) | ((v8i)b & m));
}

void ntm_blend_lanes(float *out, const float *const rows[8], unsigned lanes, long count) {
    v8 *o = (v8 *)out;
    const v8i index = {0, 1, 2, 3, 4, 5, 6, 7};
    v8i mask[8];
    const float *from[8];
    int changed = 0;
    for (int k = 0; k < 8; k++)
        if (lanes & (1u << k)) { mask[changed] = index == k; from[changed] = rows[k]; changed++; }
    // One and two lanes (the common counts) get loops of their own.
    switch (changed) {
    case 0: return;
    case 1:
        for (long i = 0; i < count; i++) o[i] = with_lanes(o[i], mask[0], from[0][i]);
        return;
    case 2:
        for (long i = 0; i < count; i++)
            o[i] = with_lanes(with_lanes(o[i], mask[0], from[0][i]), mask[1], from[1][i]);
        return;
    default:
        for (long i = 0; i < count; i++) {
            v8 v = o[i];
            for (int c = 0; c < changed; c++) v = with_lanes(v, mask[c], from[c][i]);
            o[i] = v;
        }
    }
}

// The Walsh–Hadamard kernels for 8-float registers (see include/ntm_wht.h for why this is C
// and why the bits are the Swift definition's), and the entry points, which hand a transform
// to the 16-float kernels of wht512.c where the CPU has AVX-512 (isa.c decides, once).
// The passes between registers are in passes.h, shared by both widths.
#include "ntm_wht.h"
#include "ntm_lanes.h"
#include "vectors.h"
#include "wide.h"

#ifdef __FMA__
#include <immintrin.h>
#endif

#define VEC v8
#define PASS(f) f##_256
#include "passes.h"
#define stages_from stages_from_256

/// partner + v·σ, σ = ±1 per lane. The product is exact, so one fused rounding equals the
/// separate multiply-then-add: on a low lane it is b + a (= a + b), on a high lane a + (−b)
/// (= a − b), the butterfly's two results. The fma runs on the multiply pipes and leaves
/// the two add pipes to the other stages.
INLINE v8 signed_sum(v8 partner, v8 v, v8 sigma) {
#ifdef __FMA__
    return (v8)_mm256_fmadd_ps((__m256)v, (__m256)sigma, (__m256)partner);
#else
    return partner + v * sigma;
#endif
}

/// Stages h = 1, 2, 4 of the eight elements in one register.
INLINE v8 in_register(v8 v) {
    const v8 s1 = {1, -1, 1, -1, 1, -1, 1, -1};
    const v8 s2 = {1, 1, -1, -1, 1, 1, -1, -1};
    const v8 s4 = {1, 1, 1, 1, -1, -1, -1, -1};
    v = signed_sum(__builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6), v, s1);
    v = signed_sum(__builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5), v, s2);
    v = signed_sum(__builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3), v, s4);
    return v;
}

void ntm_wht_vector(float *vector, long n) {
    // n = 64 stays at 8 floats a register: four registers leave the 16-float kernel's four
    // in-register stages a dependent chain (bench: 30 ns against 21).
    if (n >= 128 && ntm_wide()) { ntm_wht_vector_512(vector, n); return; }
    v8 *p = (v8 *)vector;
    long registers = n / 8;
    VECTOR_PASSES(p, registers);
}

/// Lane-wise: every stage is between whole registers. Widths 2 and 4 (fewer than eight
/// registers) form their elements first, then run the plain stages.
#define LANES_FIRST_PASS_THEN_REST(p, n, ELEMENT) do {                  \
    if ((n) < 8) {                                                      \
        for (long i = 0; i < (n); i++) (p)[i] = ELEMENT(i);             \
        stages_from(1, (p), (n));                                       \
    } else {                                                            \
        FIRST_PASS((p), (n), ELEMENT);                                  \
        stages_from(8, (p), (n));                                       \
    }                                                                   \
} while (0)

void ntm_wht_lanes(float *lanes, long n) {
    if (n >= 16 && ntm_wide()) { ntm_wht_lanes_512(lanes, n); return; }
    stages_from(1, (v8 *)lanes, n);
}

void ntm_wht_lanes_switch(float *lanes, long n, const float *negative, const float *positive) {
    if (n >= 16 && ntm_wide()) { ntm_wht_lanes_switch_512(lanes, n, negative, positive); return; }
    v8 *x = (v8 *)lanes;
    const v8 *neg = (const v8 *)negative, *pos = (const v8 *)positive;
    // v · (v < 0 ? negative : positive): a bit select picks each lane's slope (−0 and NaN
    // take the positive one, as `v .< 0` does in Swift), then one multiply rounds.
#define SWITCHED(i) ({ v8 v_ = x[i]; v8i m_ = v_ < 0;                                    \
                       v_ * (v8)(((v8i)neg[i] & m_) | ((v8i)pos[i] & ~m_)); })
    LANES_FIRST_PASS_THEN_REST(x, n, SWITCHED);
#undef SWITCHED
}

void ntm_wht_lanes_switch_rows(float *x, long n, const uint16_t *const rows[8], float *scratch) {
    if (n >= 32 && ntm_wide()) { ntm_wht_lanes_switch_rows_512(x, n, rows); return; }
    ntm_interleave_halves(scratch, rows, 2 * n);
    ntm_wht_lanes_switch(x, n, scratch, scratch + 8 * n);
}

void ntm_wht_lanes_tile(float *lanes, long n, const float *u, const int32_t *tiles, const float *flips) {
    if (n >= 16 && ntm_wide()) { ntm_wht_lanes_tile_512(lanes, n, u, tiles, flips); return; }
    v8 *x = (v8 *)lanes;
    const v8 *input = (const v8 *)u;
#define TILED(i) (input[tiles[i]] * flips[i])
    LANES_FIRST_PASS_THEN_REST(x, n, TILED);
#undef TILED
}

void ntm_wht_lanes_scale_flip(float *lanes, long n, const float *v, const float *c, const float *flips) {
    if (n >= 16 && ntm_wide()) { ntm_wht_lanes_scale_flip_512(lanes, n, v, c, flips); return; }
    v8 *x = (v8 *)lanes;
    const v8 *input = (const v8 *)v;
    const v8 scale = *(const v8 *)c;
#define SCALED(i) ((input[i] * scale) * flips[i])
    LANES_FIRST_PASS_THEN_REST(x, n, SCALED);
#undef SCALED
}

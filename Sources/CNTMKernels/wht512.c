// The Walsh–Hadamard kernels for 16-float registers (AVX-512), reached through wht.c's
// entry points when isa.c finds the instructions. Compiled for AVX-512 function by function
// (the pragma below), so the rest of the program still runs on an AVX2-only CPU.
//
// Lane-wise, a 16-float register holds two of the 8-float registers of the layout: register
// 2j in its low half and 2j + 1 in its high half. Every stage of stride h ≥ 2 (8-float
// registers) is then between whole 16-float registers h/2 apart, the same butterflies as
// before, twice as many per instruction. Stage 1 pairs the two halves of one register:
//
//     r = fma(z, σ, swap(z)),  σ = (+1 × 8, −1 × 8),  swap = the halves exchanged,
//
// so the low half gets b + a·1 = a + b and the high half a + b·(−1) = a − b. The product by
// ±1 is exact, so the fused rounding is that of the add or subtract it stands for (and it
// runs on the multiply pipes, leaving the add pipes to the other stages). The single-vector
// kernel does the same inside each register for strides 1, 2, 4 and 8 floats.
#include "wide.h"

#if defined(__x86_64__) && defined(__AVX2__)
#include "vectors.h"
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl"))), apply_to = function)

#include "vectors16.h"
#include "halves16.h"

#define VEC v16
#define PASS(f) f##_512
#include "passes.h"

/// Two 8-float registers as one: a low, b high.
INLINE v16 joined(v8 a, v8 b) {
    return __builtin_shufflevector(a, b, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
}

/// Stages 1, 2, 4, 8 of the sixteen elements in one register (single-vector layout).
INLINE v16 in_register(v16 v) {
    const v16 s1 = {1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1, 1, -1};
    const v16 s2 = {1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1, 1, 1, -1, -1};
    const v16 s4 = {1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1, -1, -1, -1, -1};
    v = signed_sum(__builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14), v, s1);
    v = signed_sum(__builtin_shufflevector(v, v, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13), v, s2);
    v = signed_sum(__builtin_shufflevector(v, v, 4, 5, 6, 7, 0, 1, 2, 3, 12, 13, 14, 15, 8, 9, 10, 11), v, s4);
    return halves(v);
}

void ntm_wht_vector_512(float *vector, long n) {
    // n ≥ 128 (wht.c keeps n = 64 at 8 floats): n = 128 and 256 each take one pass (eight
    // registers by the first pass alone, sixteen held at once in AVX-512's thirty-two).
    VECTOR_PASSES((v16 *)vector, n / 16);
}

/// Lane-wise, n ≥ 16 8-float registers (n/2 ≥ 8 of these): ELEMENT(j) forms 16-float
/// register j (8-float registers 2j and 2j + 1), stage 1 pairs its halves, the first pass
/// runs strides 2, 4, 8 across each block of eight, and the rest follow.
#define LANES_FIRST_PASS_THEN_REST(p, n, ELEMENT) do {                  \
    long m_ = (n) / 2;                                                  \
    FIRST_PASS((p), m_, ELEMENT);                                       \
    stages_from_512(8, (p), m_);                                        \
} while (0)

void ntm_wht_lanes_512(float *lanes, long n) {
    v16 *x = (v16 *)lanes;
#define PLAIN(j) halves(x[j])
    LANES_FIRST_PASS_THEN_REST(x, n, PLAIN);
#undef PLAIN
}

void ntm_wht_lanes_switch_512(float *lanes, long n, const float *negative, const float *positive) {
    v16 *x = (v16 *)lanes;
    const v16 *neg = (const v16 *)negative, *pos = (const v16 *)positive;
    // As wht.c: a bit select picks each float's slope (−0 and NaN take the positive one),
    // then one multiply rounds.
#define SWITCHED(j) ({ v16 v_ = x[j]; v16i m_ = v_ < 0;                                    \
                       halves(v_ * (v16)(((v16i)neg[j] & m_) | ((v16i)pos[j] & ~m_))); })
    LANES_FIRST_PASS_THEN_REST(x, n, SWITCHED);
#undef SWITCHED
}

void ntm_wht_lanes_switch_rows_512(float *lanes, long n, const uint16_t *const rows[8]) {
    v16 *x = (v16 *)lanes;
    // n ≥ 32. Each 32 elements are two blocks of the first pass (sixteen 16-float
    // registers): their negative slopes are elements c … c + 31 of the eight rows, their
    // positive ones n + c … n + c + 31, transposed as halves (halves16.h) and widened
    // straight into the switch, which is then the one above, bit for bit.
    for (long c = 0; c < n; c += 32) {
        __m512i dn[8], dp[8];
        halves_transpose32(rows, c, dn);
        halves_transpose32(rows, n + c, dp);
        v16 *q = x + c / 2;
#define SWITCHED(j) ({ v16 v_ = q[j]; v16i m_ = v_ < 0;                                        \
                       halves(v_ * (v16)(((v16i)halves_output(dn, j) & m_) | ((v16i)halves_output(dp, j) & ~m_))); })
#define BLOCK(b) do {                                                                           \
            v16 v0 = SWITCHED(8 * (b)), v1 = SWITCHED(8 * (b) + 1), v2 = SWITCHED(8 * (b) + 2);   \
            v16 v3 = SWITCHED(8 * (b) + 3), v4 = SWITCHED(8 * (b) + 4), v5 = SWITCHED(8 * (b) + 5); \
            v16 v6 = SWITCHED(8 * (b) + 6), v7 = SWITCHED(8 * (b) + 7);                         \
            BUTTERFLY8(v0, v1, v2, v3, v4, v5, v6, v7);                                         \
            q[8 * (b)] = v0; q[8 * (b) + 1] = v1; q[8 * (b) + 2] = v2; q[8 * (b) + 3] = v3;     \
            q[8 * (b) + 4] = v4; q[8 * (b) + 5] = v5; q[8 * (b) + 6] = v6; q[8 * (b) + 7] = v7; \
        } while (0)
        BLOCK(0);
        BLOCK(1);
#undef BLOCK
#undef SWITCHED
    }
    stages_from_512(8, x, n / 2);
}

void ntm_wht_lanes_tile_512(float *lanes, long n, const float *u, const int32_t *tiles, const float *flips) {
    v16 *x = (v16 *)lanes;
    const v8 *input = (const v8 *)u;
    // Each 8-float register formed exactly as wht.c forms it, then the two joined.
#define TILED(j) halves(joined(input[tiles[2 * (j)]] * flips[2 * (j)], input[tiles[2 * (j) + 1]] * flips[2 * (j) + 1]))
    LANES_FIRST_PASS_THEN_REST(x, n, TILED);
#undef TILED
}

void ntm_wht_lanes_scale_flip_512(float *lanes, long n, const float *v, const float *c, const float *flips) {
    v16 *x = (v16 *)lanes;
    const v8 *input = (const v8 *)v;
    const v8 scale = *(const v8 *)c;
#define SCALED(j) halves(joined((input[2 * (j)] * scale) * flips[2 * (j)], (input[2 * (j) + 1] * scale) * flips[2 * (j) + 1]))
    LANES_FIRST_PASS_THEN_REST(x, n, SCALED);
#undef SCALED
}

#pragma clang attribute pop

#else
// Without AVX2 (NTMLIFE_PORTABLE) there are no 16-float kernels; ntm_wide() is always 0.
void ntm_wht_vector_512(float *v, long n) { (void)v; (void)n; __builtin_trap(); }
void ntm_wht_lanes_512(float *x, long n) { (void)x; (void)n; __builtin_trap(); }
void ntm_wht_lanes_switch_512(float *x, long n, const float *a, const float *b) { (void)x; (void)n; (void)a; (void)b; __builtin_trap(); }
void ntm_wht_lanes_switch_rows_512(float *x, long n, const uint16_t *const rows[8]) { (void)x; (void)n; (void)rows; __builtin_trap(); }
void ntm_wht_lanes_tile_512(float *x, long n, const float *u, const int32_t *t, const float *f) { (void)x; (void)n; (void)u; (void)t; (void)f; __builtin_trap(); }
void ntm_wht_lanes_scale_flip_512(float *x, long n, const float *v, const float *c, const float *f) { (void)x; (void)n; (void)v; (void)c; (void)f; __builtin_trap(); }
#endif

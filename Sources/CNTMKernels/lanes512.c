// Agent-major rows of halves to lane-wise registers of floats, 16 floats a register
// (include/ntm_lanes.h): the LSH-switched controller's bank moves, reached through
// ntm_interleave_halves and ntm_blend_halves where isa.c finds AVX-512. Each 16 halves of a
// row are widened by one vcvtph2ps (exact) as they are loaded; the rest moves floats.
//
// The transpose. The 8-float one (lanes.c) builds four output registers from four paired
// 16-byte loads and eight shuffles. A 16-float register holds two output registers side
// by side (8-float registers 2j and 2j + 1, as in the lane-wise WHT), so sixteen elements
// of eight rows (one 64-byte load per row) become eight of them in three stages of
// two-source permutes: 24 shuffles for sixteen 8-float outputs, 1.5 an output instead of
// 2 and an insert. C harness, Emerald Rapids, 256 registers a rewrite: rows in L2 (32
// agents' banks) 135–165 ns against 202–222 ns; rows in L3 (256 agents) about 380–440 ns
// for both, the rate this L3 delivers 8 KB at, which no shuffle count changes.
//
// The blend of one lane: one merge-masked permute a 16-float register (two outputs) in
// place of a broadcast and a blend for each, and half the stores.
//
// In the brain (paired in one process, Emerald Rapids, batched step with both kernels
// against neither): fresh random sensors every step 0.93–0.96 at 256 agents, 0.93 at 64;
// the same sensors every step 0.96–1.01 at 256, 0.97 at 64.
//
// Bits: values are only moved, never combined.
#include "ntm_lanes.h"
#include "wide.h"

#if defined(__x86_64__) && defined(__AVX2__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl"))), apply_to = function)

#include "vectors16.h"

/// Stage one: floats e … e + 7 of rows a and b, alternating (a₀ b₀ a₁ b₁ …), and floats
/// e + 8 … e + 15 likewise.
#define PAIRS_LOW(a, b) __builtin_shufflevector(a, b, 0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23)
#define PAIRS_HIGH(a, b) __builtin_shufflevector(a, b, 8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31)
/// Stage two: two such pair registers, 64-bit pieces alternating, so each 4-float group
/// holds one element of four rows (rows a, a + 1 from the first, a + 2, a + 3 from the second).
#define QUADS_LOW(p, q) __builtin_shufflevector(p, q, 0, 1, 16, 17, 2, 3, 18, 19, 4, 5, 20, 21, 6, 7, 22, 23)
#define QUADS_HIGH(p, q) __builtin_shufflevector(p, q, 8, 9, 24, 25, 10, 11, 26, 27, 12, 13, 28, 29, 14, 15, 30, 31)
/// Stage three: rows 0–3 and rows 4–7 of two elements, 128-bit pieces alternating: two
/// whole output registers.
#define OUTPUTS_LOW(p, q) __builtin_shufflevector(p, q, 0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23)
#define OUTPUTS_HIGH(p, q) __builtin_shufflevector(p, q, 8, 9, 10, 11, 24, 25, 26, 27, 12, 13, 14, 15, 28, 29, 30, 31)

/// Sixteen halves of a row, widened (exactly) to floats.
#define WIDEN16(row, e) ((v16)_mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)((row) + (e)))))

void ntm_interleave_halves_512(float *out, const uint16_t *const rows[8], long count) {
    v16 *o = (v16 *)out;
    for (long e = 0; e < count; e += 16) {
        v16 r0 = WIDEN16(rows[0], e), r1 = WIDEN16(rows[1], e);
        v16 r2 = WIDEN16(rows[2], e), r3 = WIDEN16(rows[3], e);
        v16 r4 = WIDEN16(rows[4], e), r5 = WIDEN16(rows[5], e);
        v16 r6 = WIDEN16(rows[6], e), r7 = WIDEN16(rows[7], e);
        v16 a0 = PAIRS_LOW(r0, r1), a1 = PAIRS_HIGH(r0, r1), a2 = PAIRS_LOW(r2, r3), a3 = PAIRS_HIGH(r2, r3);
        v16 a4 = PAIRS_LOW(r4, r5), a5 = PAIRS_HIGH(r4, r5), a6 = PAIRS_LOW(r6, r7), a7 = PAIRS_HIGH(r6, r7);
        // b_j: elements 4j … 4j + 3 of rows 0–3; c_j: the same of rows 4–7.
        v16 b0 = QUADS_LOW(a0, a2), b1 = QUADS_HIGH(a0, a2), b2 = QUADS_LOW(a1, a3), b3 = QUADS_HIGH(a1, a3);
        v16 c0 = QUADS_LOW(a4, a6), c1 = QUADS_HIGH(a4, a6), c2 = QUADS_LOW(a5, a7), c3 = QUADS_HIGH(a5, a7);
        v16 *p = o + e / 2;
        p[0] = OUTPUTS_LOW(b0, c0); p[1] = OUTPUTS_HIGH(b0, c0);
        p[2] = OUTPUTS_LOW(b1, c1); p[3] = OUTPUTS_HIGH(b1, c1);
        p[4] = OUTPUTS_LOW(b2, c2); p[5] = OUTPUTS_HIGH(b2, c2);
        p[6] = OUTPUTS_LOW(b3, c3); p[7] = OUTPUTS_HIGH(b3, c3);
    }
}

void ntm_blend_half_lane_512(float *out, const uint16_t *from, int k, long count) {
    v16 *o = (v16 *)out;
    // Lane k of both halves: 16-float register j of a chunk is 8-float registers 2j and
    // 2j + 1, which take floats 2j and 2j + 1 of the row's sixteen. One merge-masked
    // permute a register, in place of a broadcast and a blend for each half.
    const __mmask16 lane = (__mmask16)((1u << k) | (1u << (k + 8)));
    __m512i pick[8];
    for (int j = 0; j < 8; j++)
        pick[j] = _mm512_set_epi32(2 * j + 1, 2 * j + 1, 2 * j + 1, 2 * j + 1, 2 * j + 1, 2 * j + 1, 2 * j + 1, 2 * j + 1,
                                   2 * j, 2 * j, 2 * j, 2 * j, 2 * j, 2 * j, 2 * j, 2 * j);
    for (long e = 0; e < count; e += 16) {
        __m512 chunk = _mm512_cvtph_ps(_mm256_loadu_si256((const __m256i *)(from + e)));
        v16 *p = o + e / 2;
#pragma clang loop unroll(full)
        for (int j = 0; j < 8; j++)
            p[j] = (v16)_mm512_mask_permutexvar_ps((__m512)p[j], lane, pick[j], chunk);
    }
}

#pragma clang attribute pop

#else
// Without AVX2 (NTMLIFE_PORTABLE) there is no 16-float kernel; ntm_wide() is always 0.
void ntm_interleave_halves_512(float *out, const uint16_t *const rows[8], long count) {
    (void)out; (void)rows; (void)count; __builtin_trap();
}
void ntm_blend_half_lane_512(float *out, const uint16_t *from, int k, long count) {
    (void)out; (void)from; (void)k; (void)count; __builtin_trap();
}
#endif

// Agent-major rows of halves to lane-wise registers of floats, 16 floats a register
// (include/ntm_lanes.h): the LSH-switched controller's bank moves, reached through
// ntm_interleave_halves and ntm_blend_halves where isa.c finds AVX-512.
//
// The transpose moves halves and widens last (halves16.h). C harness, Emerald Rapids, 256
// registers a rewrite, alternated with widening first: rows in L1–L2 (4–32 agents' banks)
// 0.60–0.71× the time; rows in L3 (256 agents) 0.83–0.97×, where the reads set the pace.
//
// The blend of one lane: sixteen halves widened, then one merge-masked permute a 16-float
// register (two outputs), picking element 2j from float j and 2j + 1 from float 8 + j of
// the pair-ordered block.
//
// Bits: values are only moved, never combined.
#include "ntm_lanes.h"
#include "wide.h"

#if defined(__x86_64__) && defined(__AVX2__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl"))), apply_to = function)

#include "vectors16.h"
#include "halves16.h"

void ntm_interleave_halves_512(float *out, const uint16_t *const rows[8], long count) {
    v16 *o = (v16 *)out;
    for (long e = 0; e < count; e += 32) {
        __m512i d[8];
        halves_transpose32(rows, e, d);
        v16 *p = o + e / 2;
#pragma clang loop unroll(full)
        for (int j = 0; j < 16; j++) p[j] = halves_output(d, j);
    }
}

void ntm_blend_half_lane_512(float *out, const uint16_t *from, int k, long count) {
    v16 *o = (v16 *)out;
    // Lane k of both halves: 16-float register j of a chunk is 8-float registers 2j and
    // 2j + 1, elements 2j and 2j + 1, which the pair-ordered block holds as floats j and
    // 8 + j. One merge-masked permute a register, in place of a broadcast and a blend each.
    const __mmask16 lane = (__mmask16)((1u << k) | (1u << (k + 8)));
    __m512i pick[8];
    for (int j = 0; j < 8; j++)
        pick[j] = _mm512_set_epi32(8 + j, 8 + j, 8 + j, 8 + j, 8 + j, 8 + j, 8 + j, 8 + j, j, j, j, j, j, j, j, j);
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

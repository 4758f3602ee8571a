// Agent-major rows of halves to lane-wise registers of floats, 16 floats a register
// (include/ntm_lanes.h): the LSH-switched controller's bank moves, reached through
// ntm_interleave_halves and ntm_blend_halves where isa.c finds AVX-512.
//
// The transpose moves halves, not floats, and widens last. Thirty-two halves of each of the
// eight rows (one 64-byte load each) go through three stages of in-lane unpacks (words,
// dwords, qwords: eight unpacks a stage), after which register m holds, in its 128-bit
// lane k, stored element 8k + m of all eight rows: one element's eight lanes. Rows are kept
// in pair order (ntm_row_position: in each block of sixteen, the even elements, then the
// odd), so lanes 0 and 1 of register m hold elements 2m and 2m + 1, and lanes 2 and 3
// elements 16 + 2m and 17 + 2m: each 256-bit half widens (vcvtph2ps) into one lane-wise
// 16-float register as the layout has it (8-float registers 2j and 2j + 1). Per sixteen
// output registers: 24 unpacks, 8 extracts and 16 widenings, all on the shuffle port of
// the Intel cores, 48 uops, where widening first then transposing floats took 64 (a widen
// and three two-source permutes an output). C harness, Emerald Rapids, 256 registers a
// rewrite, the two alternated: rows in L1–L2 (4–32 agents' banks) 0.60–0.71× the time of
// widening first; rows in L3 (256 agents) 0.83–0.97×, where the reads set the pace.
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

void ntm_interleave_halves_512(float *out, const uint16_t *const rows[8], long count) {
    v16 *o = (v16 *)out;
    for (long e = 0; e < count; e += 32) {
        __m512i r0 = _mm512_loadu_si512(rows[0] + e), r1 = _mm512_loadu_si512(rows[1] + e);
        __m512i r2 = _mm512_loadu_si512(rows[2] + e), r3 = _mm512_loadu_si512(rows[3] + e);
        __m512i r4 = _mm512_loadu_si512(rows[4] + e), r5 = _mm512_loadu_si512(rows[5] + e);
        __m512i r6 = _mm512_loadu_si512(rows[6] + e), r7 = _mm512_loadu_si512(rows[7] + e);
        // Words: per 128-bit lane k, rows (2i, 2i + 1) of stored elements 8k … 8k + 3 (lo)
        // and 8k + 4 … 8k + 7 (hi), as dwords.
        __m512i a0 = _mm512_unpacklo_epi16(r0, r1), a1 = _mm512_unpackhi_epi16(r0, r1);
        __m512i a2 = _mm512_unpacklo_epi16(r2, r3), a3 = _mm512_unpackhi_epi16(r2, r3);
        __m512i a4 = _mm512_unpacklo_epi16(r4, r5), a5 = _mm512_unpackhi_epi16(r4, r5);
        __m512i a6 = _mm512_unpacklo_epi16(r6, r7), a7 = _mm512_unpackhi_epi16(r6, r7);
        // Dwords: rows 0–3 (b) and 4–7 (c) of two stored elements each, as qwords.
        __m512i b0 = _mm512_unpacklo_epi32(a0, a2), b1 = _mm512_unpackhi_epi32(a0, a2);
        __m512i b2 = _mm512_unpacklo_epi32(a1, a3), b3 = _mm512_unpackhi_epi32(a1, a3);
        __m512i c0 = _mm512_unpacklo_epi32(a4, a6), c1 = _mm512_unpackhi_epi32(a4, a6);
        __m512i c2 = _mm512_unpacklo_epi32(a5, a7), c3 = _mm512_unpackhi_epi32(a5, a7);
        // Qwords: d_m, lane k = stored element 8k + m of rows 0–7.
        __m512i d[8] = {
            _mm512_unpacklo_epi64(b0, c0), _mm512_unpackhi_epi64(b0, c0),
            _mm512_unpacklo_epi64(b1, c1), _mm512_unpackhi_epi64(b1, c1),
            _mm512_unpacklo_epi64(b2, c2), _mm512_unpackhi_epi64(b2, c2),
            _mm512_unpacklo_epi64(b3, c3), _mm512_unpackhi_epi64(b3, c3),
        };
        v16 *p = o + e / 2;
#pragma clang loop unroll(full)
        for (int m = 0; m < 8; m++) {
            p[m] = (v16)_mm512_cvtph_ps(_mm512_castsi512_si256(d[m]));           // elements 2m, 2m + 1
            p[8 + m] = (v16)_mm512_cvtph_ps(_mm512_extracti64x4_epi64(d[m], 1)); // 16 + 2m, 17 + 2m
        }
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

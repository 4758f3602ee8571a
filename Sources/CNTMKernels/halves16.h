// The AVX-512 transpose of eight pair-ordered rows of halves (include/ntm_lanes.h), shared
// by lanes512.c (into lane-wise slopes) and wht512.c (straight into a switch layer's first
// pass). Internal to the target; include it inside the `#pragma clang attribute` region that
// targets AVX-512, after vectors16.h.
//
// Thirty-two halves of each row (one 64-byte load each) go through three stages of in-lane
// unpacks (words, dwords, qwords: eight unpacks a stage), after which register m holds, in
// its 128-bit lane k, stored element 8k + m of all eight rows: one element's eight lanes.
// Rows are in pair order (in each block of sixteen, the even elements, then the odd), so
// lanes 0 and 1 of register m hold elements 2m and 2m + 1, and lanes 2 and 3 elements
// 16 + 2m and 17 + 2m: each 256-bit half widens (vcvtph2ps) into one lane-wise 16-float
// register (8-float registers 2j and 2j + 1). Per sixteen output registers: 24 unpacks, 8
// extracts and 16 widenings, all on the one shuffle port of the Intel cores (48 uops), where
// widening first then transposing floats took 64.
#ifndef NTM_HALVES16_H
#define NTM_HALVES16_H

#include <immintrin.h>
#include <stdint.h>

/// Elements e … e + 31 of rows 0–7, transposed: d[m], lane k = stored element e + 8k + m.
INLINE void halves_transpose32(const uint16_t *const rows[8], long e, __m512i d[8]) {
    __m512i r0 = _mm512_loadu_si512(rows[0] + e), r1 = _mm512_loadu_si512(rows[1] + e);
    __m512i r2 = _mm512_loadu_si512(rows[2] + e), r3 = _mm512_loadu_si512(rows[3] + e);
    __m512i r4 = _mm512_loadu_si512(rows[4] + e), r5 = _mm512_loadu_si512(rows[5] + e);
    __m512i r6 = _mm512_loadu_si512(rows[6] + e), r7 = _mm512_loadu_si512(rows[7] + e);
    // Words: per 128-bit lane k, rows (2i, 2i + 1) of stored elements 8k … 8k + 3 (lo) and
    // 8k + 4 … 8k + 7 (hi), as dwords.
    __m512i a0 = _mm512_unpacklo_epi16(r0, r1), a1 = _mm512_unpackhi_epi16(r0, r1);
    __m512i a2 = _mm512_unpacklo_epi16(r2, r3), a3 = _mm512_unpackhi_epi16(r2, r3);
    __m512i a4 = _mm512_unpacklo_epi16(r4, r5), a5 = _mm512_unpackhi_epi16(r4, r5);
    __m512i a6 = _mm512_unpacklo_epi16(r6, r7), a7 = _mm512_unpackhi_epi16(r6, r7);
    // Dwords: rows 0–3 (b) and 4–7 (c) of two stored elements each, as qwords.
    __m512i b0 = _mm512_unpacklo_epi32(a0, a2), b1 = _mm512_unpackhi_epi32(a0, a2);
    __m512i b2 = _mm512_unpacklo_epi32(a1, a3), b3 = _mm512_unpackhi_epi32(a1, a3);
    __m512i c0 = _mm512_unpacklo_epi32(a4, a6), c1 = _mm512_unpackhi_epi32(a4, a6);
    __m512i c2 = _mm512_unpacklo_epi32(a5, a7), c3 = _mm512_unpackhi_epi32(a5, a7);
    // Qwords: one stored element of all eight rows per 128-bit lane.
    d[0] = _mm512_unpacklo_epi64(b0, c0); d[1] = _mm512_unpackhi_epi64(b0, c0);
    d[2] = _mm512_unpacklo_epi64(b1, c1); d[3] = _mm512_unpackhi_epi64(b1, c1);
    d[4] = _mm512_unpacklo_epi64(b2, c2); d[5] = _mm512_unpackhi_epi64(b2, c2);
    d[6] = _mm512_unpacklo_epi64(b3, c3); d[7] = _mm512_unpackhi_epi64(b3, c3);
}

/// Lane-wise 16-float register j < 16 of a transposed chunk (elements 2j and 2j + 1 of the
/// eight rows), widened exactly: the low half of d[j] for j < 8, the high half of d[j − 8].
INLINE v16 halves_output(const __m512i d[8], int j) {
    return (v16)_mm512_cvtph_ps(j < 8 ? _mm512_castsi512_si256(d[j]) : _mm512_extracti64x4_epi64(d[j - 8], 1));
}

#endif

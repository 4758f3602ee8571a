// Agent-major rows of halves to lane-wise registers of floats, 16 floats a register
// (include/ntm_lanes.h): the LSH-switched controller's bank rewrites, reached through
// ntm_interleave_halves where isa.c finds AVX-512.
//
// The transpose moves halves and widens last (halves16.h). C harness, Emerald Rapids, 256
// registers a rewrite, alternated with widening first: rows in L1–L2 (4–32 agents' banks)
// 0.60–0.71× the time; rows in L3 (256 agents) 0.83–0.97×, where the reads set the pace.
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

#pragma clang attribute pop

#else
// Without AVX2 (NTMLIFE_PORTABLE) there is no 16-float kernel; ntm_wide() is always 0.
void ntm_interleave_halves_512(float *out, const uint16_t *const rows[8], long count) {
    (void)out; (void)rows; (void)count; __builtin_trap();
}
#endif

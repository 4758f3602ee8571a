// The tape's passes over W (include/ntm_tape.h) at 16 floats a register.
//
// Why: W is D·m registers per group (32 KB at the default size), read twice and written
// once a step, and the 8-float loops run at about one 32-byte load a cycle, the rate the
// core's L2 feeds L1 at. A 64-byte register moves a whole cache line per load and per
// store, and the same sums then take half the instructions (C harness, Emerald Rapids,
// 32 groups, median of 21: 44 ns per agent for the 8-float recall, 35 for this one).
//
// Why the bits are the same: register k of this kernel is the value columns 2k and 2k + 1
// of the lane-wise layout side by side (8 lanes each), and each column's sum still runs
// t = 0 … D−1 from zero. The terms are the 8-float loops' terms: b·w with b = ±1 is exact,
// so fma(w, b, r) rounds once, exactly where r + b·w does; the update adds δ with its sign
// flipped by an xor of the write bit's sign, as TapeKernel.signed does.
#include "ntm_tape.h"
#include "wide.h"

#if defined(__x86_64__) && defined(__AVX2__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl"))), apply_to = function)

/// One 8-float register of bits in both halves of a 16-float one.
static inline __m512 both_halves(const float *bits) { return _mm512_broadcast_f32x8(_mm256_loadu_ps(bits)); }

static void recall_512(const float *bits, const float *w, long D, long m, float *out) {
    for (long j0 = 0; j0 < m; j0 += 8) {
        __m512 r0 = _mm512_setzero_ps(), r1 = r0, r2 = r0, r3 = r0;
        const float *row = w + 8 * j0;
        for (long t = 0; t < D; t++, row += 8 * m) {
            __m512 b = both_halves(bits + 8 * t);
            r0 = _mm512_fmadd_ps(_mm512_loadu_ps(row), b, r0);
            r1 = _mm512_fmadd_ps(_mm512_loadu_ps(row + 16), b, r1);
            r2 = _mm512_fmadd_ps(_mm512_loadu_ps(row + 32), b, r2);
            r3 = _mm512_fmadd_ps(_mm512_loadu_ps(row + 48), b, r3);
        }
        float *o = out + 8 * j0;
        _mm512_storeu_ps(o, r0); _mm512_storeu_ps(o + 16, r1); _mm512_storeu_ps(o + 32, r2); _mm512_storeu_ps(o + 48, r3);
    }
}

static void update_recall_512(float *w, long D, long m, const float *writeBits, const float *delta,
                              const float *readBits, float *out) {
    const __m512i sign = _mm512_set1_epi32((int)0x80000000u);
    for (long j0 = 0; j0 < m; j0 += 8) {
        const float *d = delta + 8 * j0;
        __m512i d0 = _mm512_castps_si512(_mm512_loadu_ps(d)), d1 = _mm512_castps_si512(_mm512_loadu_ps(d + 16));
        __m512i d2 = _mm512_castps_si512(_mm512_loadu_ps(d + 32)), d3 = _mm512_castps_si512(_mm512_loadu_ps(d + 48));
        __m512 r0 = _mm512_setzero_ps(), r1 = r0, r2 = r0, r3 = r0;
        float *row = w + 8 * j0;
        for (long t = 0; t < D; t++, row += 8 * m) {
            __m512i s = _mm512_and_si512(_mm512_castps_si512(both_halves(writeBits + 8 * t)), sign);
            __m512 b = both_halves(readBits + 8 * t);
#define UPDATE_THEN_READ(k, dk, rk) do {                                                          \
                __m512 n_ = _mm512_add_ps(_mm512_loadu_ps(row + 16 * (k)),                           \
                                          _mm512_castsi512_ps(_mm512_xor_si512(dk, s)));            \
                _mm512_storeu_ps(row + 16 * (k), n_);                                                \
                rk = _mm512_fmadd_ps(n_, b, rk);                                                    \
            } while (0)
            UPDATE_THEN_READ(0, d0, r0); UPDATE_THEN_READ(1, d1, r1);
            UPDATE_THEN_READ(2, d2, r2); UPDATE_THEN_READ(3, d3, r3);
#undef UPDATE_THEN_READ
        }
        float *o = out + 8 * j0;
        _mm512_storeu_ps(o, r0); _mm512_storeu_ps(o + 16, r1); _mm512_storeu_ps(o + 32, r2); _mm512_storeu_ps(o + 48, r3);
    }
}

#pragma clang attribute pop

int ntm_tape_recall(const float *bits, const float *w, long D, long m, float *out) {
    if (m % 8 != 0 || !ntm_wide()) return 0;
    recall_512(bits, w, D, m, out);
    return 1;
}

int ntm_tape_update_recall(float *w, long D, long m, const float *writeBits, const float *delta,
                           const float *readBits, float *out) {
    if (m % 8 != 0 || !ntm_wide()) return 0;
    update_recall_512(w, D, m, writeBits, delta, readBits, out);
    return 1;
}

#else
// Without AVX2 (NTMLIFE_PORTABLE) there are no 16-float kernels: the Swift loops run.
int ntm_tape_recall(const float *bits, const float *w, long D, long m, float *out) {
    (void)bits; (void)w; (void)D; (void)m; (void)out;
    return 0;
}

int ntm_tape_update_recall(float *w, long D, long m, const float *writeBits, const float *delta,
                           const float *readBits, float *out) {
    (void)w; (void)D; (void)m; (void)writeBits; (void)delta; (void)readBits; (void)out;
    return 0;
}
#endif

// The batched tape at 16 floats a register (include/ntm_tape.h): its hash and its passes
// over W.
//
// The passes over W. Why: W is D·m registers per group (32 KB at the default size), read
// twice and written once a step, and the 8-float loops run at about one 32-byte load a
// cycle, the rate the core's L2 feeds L1 at. A 64-byte register moves a whole cache line
// per load and per store, and the same sums then take half the instructions (C harness,
// Emerald Rapids, 32 groups, median of 21: 44 ns per agent for the 8-float recall, 35 for
// this one).
//
// Why the bits are the same: register k of this kernel is the value columns 2k and 2k + 1
// of the lane-wise layout side by side (8 lanes each), and each column's sum still runs
// t = 0 … D−1 from zero. The terms are the 8-float loops' terms: b·w with b = ±1 is exact,
// so fma(w, b, r) rounds once, exactly where r + b·w does; the update adds δ with its sign
// flipped by an xor of the write bit's sign, as TapeKernel.signed does.
//
// The hash (BrainBatch.hash's rounds, see ntm_tape_hash). Why: a 32-float key is sixteen
// 16-float registers, so all d rounds of scale, flip, transform and sign fit in registers,
// where the general path stores z after each pass and reads it back twice, and picks each
// sign with a three-uop blend (other key widths keep that path: the transform kernel, then
// the Swift signs). Why the bits are the same: each round forms the transform's
// inputs exactly as ntm_wht_lanes_scale_flip_512 does ((z·c)·flip, the halves' butterfly),
// runs the same butterflies stage for stage (BUTTERFLY16 is the first pass and the stride-8
// stage of that kernel in one), and takes each sign from the same product z·c, compared
// ordered (NaN is not below zero), as the Swift code does.
#include "ntm_tape.h"
#include "wide.h"

#if defined(__x86_64__) && defined(__AVX2__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx512f,avx512dq,avx512bw,avx512vl"))), apply_to = function)

#include "vectors16.h"

#define VEC v16
#define PASS(f) tape_##f##_512
#include "passes.h"

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

/// Two 8-float registers' flips (one float each, for all eight lanes) as one register.
static inline v16 flip_pair(const float *flips) {
    return (v16)_mm512_insertf32x8(_mm512_set1_ps(flips[0]), _mm256_set1_ps(flips[1]), 1);
}

/// product < 0 ? −1 : +1 per float, the product being z·c (ordered: NaN is not below zero,
/// and a product that underflowed to −0 gives +1).
static inline v16 sign_of(v16 product) {
    __mmask16 negative = _mm512_cmp_ps_mask((__m512)product, _mm512_setzero_ps(), _CMP_LT_OQ);
    return (v16)_mm512_mask_blend_ps(negative, _mm512_set1_ps(1), _mm512_set1_ps(-1));
}

/// All rounds of a 16- or 32-float key (R = 8 or 16 registers) in registers: every loop
/// over i unrolled, so that z is R named registers and never an array on the stack. Round
/// 0 reads the key times 1, as the general path does (exactly the key); each round leaves
/// z·c in z, the next round's scaled input and the product its signs are taken from.
#define UNROLLED _Pragma("clang loop unroll(full)")
#define HASH_IN_REGISTERS(R, BUTTERFLY) do {                                                  \
    v16 z[R];                                                                                 \
    const v16 *k = (const v16 *)key;                                                          \
    UNROLLED for (int i = 0; i < R; i++) z[i] = k[i] * 1.0f;                                  \
    for (long round = 0; round < rounds; round++) {                                           \
        const float *f = flips + round * n;                                                   \
        v16 *out = (v16 *)(bits + round * n * 8);                                             \
        UNROLLED for (int i = 0; i < R; i++) z[i] = halves(z[i] * flip_pair(f + 2 * i));      \
        BUTTERFLY;                                                                            \
        UNROLLED for (int i = 0; i < R; i++) { z[i] = z[i] * c; out[i] = sign_of(z[i]); }     \
    }                                                                                         \
} while (0)

static void hash_16(float *bits, const float *key, long n, long rounds, const float *flips, float c) {
    HASH_IN_REGISTERS(8, BUTTERFLY8(z[0], z[1], z[2], z[3], z[4], z[5], z[6], z[7]));
}

static void hash_32(float *bits, const float *key, long n, long rounds, const float *flips, float c) {
    // BUTTERFLY16's stages on z[0…15]: each half's 1, 2, 4, then the halves against each other.
    HASH_IN_REGISTERS(16, do {
        BUTTERFLY8(z[0], z[1], z[2], z[3], z[4], z[5], z[6], z[7]);
        BUTTERFLY8(z[8], z[9], z[10], z[11], z[12], z[13], z[14], z[15]);
        UNROLLED for (int i = 0; i < 8; i++) BF(z[i], z[i + 8]);
    } while (0));
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

int ntm_tape_hash(float *bits, const float *key, long n, long rounds, const float *flips, float c) {
    if ((n != 16 && n != 32) || !ntm_wide()) return 0;
    if (n == 16) hash_16(bits, key, n, rounds, flips, c);
    else hash_32(bits, key, n, rounds, flips, c);
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

int ntm_tape_hash(float *bits, const float *key, long n, long rounds, const float *flips, float c) {
    (void)bits; (void)key; (void)n; (void)rounds; (void)flips; (void)c;
    return 0;
}
#endif

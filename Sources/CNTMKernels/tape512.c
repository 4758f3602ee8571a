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
// Any value width: eight columns at a time, then the last m mod 8 in pairs (16 floats) and
// a single (8 floats), each column its own accumulator as before. The memory worlds have
// m = 4, which the 8-float Swift loops ran a column at a time (a strided pass over W per
// column, one dependent chain each): 16 % of a cue-choice evolution's profile. Paired in
// one process, their brain (width 64, key 16, value 4) batched, 64 and 256 agents: 0.66–0.71×.
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

#define UNROLLED _Pragma("clang loop unroll(full)")

/// One 8-float register of bits in both halves of a 16-float one.
static inline __m512 both_halves(const float *bits) { return _mm512_broadcast_f32x8(_mm256_loadu_ps(bits)); }

/// Columns j0 … j0 + 2P + S − 1 of a recall: P pairs of columns in 16-float registers
/// (four pairs for each block of eight) and, if S, a single one in 8 floats (the last of an
/// odd m). Each column sums t = 0 … D−1 from zero in its own accumulator, one rounding a
/// term. P and S are constants at every call, so each call is its own loop.
///
/// With DECAY (a decaying tape's step), each W[t][j] is first multiplied by `keep` and
/// stored, and the decayed value is summed: AssociativeMemory's age() then its recall, in
/// one pass. Without it `keep` is unused and W is only read. (The Swift loop this replaced
/// kept its sums behind a pointer that might alias W; bench, 256 agents: the decaying tape
/// 1.01× the hashed tape's cost, from 1.22–1.30×.)
INLINE void recall_columns(const float *bits, float *w, long D, long m, long j0, float *out,
                           const int DECAY, float keep, const int P, const int S) {
    __m512 r[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    __m256 last = _mm256_setzero_ps();
    const __m512 k16 = _mm512_set1_ps(keep);
    float *row = w + 8 * j0;
    for (long t = 0; t < D; t++, row += 8 * m) {
        __m512 b = both_halves(bits + 8 * t);
        UNROLLED for (int k = 0; k < P; k++) {
            __m512 v = _mm512_loadu_ps(row + 16 * k);
            if (DECAY) { v = _mm512_mul_ps(v, k16); _mm512_storeu_ps(row + 16 * k, v); }
            r[k] = _mm512_fmadd_ps(v, b, r[k]);
        }
        if (S) {
            __m256 v = _mm256_loadu_ps(row + 16 * P);
            if (DECAY) { v = _mm256_mul_ps(v, _mm512_castps512_ps256(k16)); _mm256_storeu_ps(row + 16 * P, v); }
            last = _mm256_fmadd_ps(v, _mm512_castps512_ps256(b), last);
        }
    }
    float *o = out + 8 * j0;
    UNROLLED for (int k = 0; k < P; k++) _mm512_storeu_ps(o + 16 * k, r[k]);
    if (S) _mm256_storeu_ps(o + 16 * P, last);
}

/// The update-then-read of columns j0 … j0 + 2P + S − 1, divided as recall_columns divides
/// them: each row updated (δ with its sign flipped by the write bit's), stored, then read.
INLINE void update_recall_columns(float *w, long D, long m, long j0, const float *writeBits, const float *delta,
                                  const float *readBits, float *out, const int P, const int S) {
    const __m512i sign = _mm512_set1_epi32((int)0x80000000u);
    const float *d = delta + 8 * j0;
    __m512i dk[4];
    UNROLLED for (int k = 0; k < P; k++) dk[k] = _mm512_castps_si512(_mm512_loadu_ps(d + 16 * k));
    __m256i dlast = S ? _mm256_castps_si256(_mm256_loadu_ps(d + 16 * P)) : _mm256_setzero_si256();
    __m512 r[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    __m256 last = _mm256_setzero_ps();
    float *row = w + 8 * j0;
    for (long t = 0; t < D; t++, row += 8 * m) {
        __m512i s = _mm512_and_si512(_mm512_castps_si512(both_halves(writeBits + 8 * t)), sign);
        __m512 b = both_halves(readBits + 8 * t);
        UNROLLED for (int k = 0; k < P; k++) {
            __m512 n = _mm512_add_ps(_mm512_loadu_ps(row + 16 * k), _mm512_castsi512_ps(_mm512_xor_si512(dk[k], s)));
            _mm512_storeu_ps(row + 16 * k, n);
            r[k] = _mm512_fmadd_ps(n, b, r[k]);
        }
        if (S) {
            __m256 n = _mm256_add_ps(_mm256_loadu_ps(row + 16 * P),
                                     _mm256_castsi256_ps(_mm256_xor_si256(dlast, _mm512_castsi512_si256(s))));
            _mm256_storeu_ps(row + 16 * P, n);
            last = _mm256_fmadd_ps(n, _mm512_castps512_ps256(b), last);
        }
    }
    float *o = out + 8 * j0;
    UNROLLED for (int k = 0; k < P; k++) _mm512_storeu_ps(o + 16 * k, r[k]);
    if (S) _mm256_storeu_ps(o + 16 * P, last);
}

/// Blocks of eight columns, then the rest (m mod 8 = 2P + S), for any m ≥ 1.
#define BY_COLUMNS(COLUMNS, ...) do {                                                   \
    long j0 = 0;                                                                         \
    for (; j0 + 8 <= m; j0 += 8) COLUMNS(__VA_ARGS__, 4, 0);                             \
    switch (m - j0) {                                                                    \
    case 1: COLUMNS(__VA_ARGS__, 0, 1); break;                                           \
    case 2: COLUMNS(__VA_ARGS__, 1, 0); break;                                           \
    case 3: COLUMNS(__VA_ARGS__, 1, 1); break;                                           \
    case 4: COLUMNS(__VA_ARGS__, 2, 0); break;                                           \
    case 5: COLUMNS(__VA_ARGS__, 2, 1); break;                                           \
    case 6: COLUMNS(__VA_ARGS__, 3, 0); break;                                           \
    case 7: COLUMNS(__VA_ARGS__, 3, 1); break;                                           \
    default: break;                                                                      \
    }                                                                                    \
} while (0)

static void recall_512(const float *bits, const float *w, long D, long m, float *out) {
    // W is only read here (DECAY = 0), so casting its const away writes nothing.
    BY_COLUMNS(recall_columns, bits, (float *)w, D, m, j0, out, 0, 0.0f);
}

static void decay_recall_512(float *w, long D, long m, float keep, const float *bits, float *out) {
    BY_COLUMNS(recall_columns, bits, w, D, m, j0, out, 1, keep);
}

static void update_recall_512(float *w, long D, long m, const float *writeBits, const float *delta,
                              const float *readBits, float *out) {
    BY_COLUMNS(update_recall_columns, w, D, m, j0, writeBits, delta, readBits, out);
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
    if (!ntm_wide()) return 0;
    recall_512(bits, w, D, m, out);
    return 1;
}

int ntm_tape_decay_recall(float *w, long D, long m, float keep, const float *bits, float *out) {
    if (!ntm_wide()) return 0;
    decay_recall_512(w, D, m, keep, bits, out);
    return 1;
}

int ntm_tape_update_recall(float *w, long D, long m, const float *writeBits, const float *delta,
                           const float *readBits, float *out) {
    if (!ntm_wide()) return 0;
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

int ntm_tape_decay_recall(float *w, long D, long m, float keep, const float *bits, float *out) {
    (void)w; (void)D; (void)m; (void)keep; (void)bits; (void)out;
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

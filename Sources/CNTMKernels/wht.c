// The Walsh–Hadamard passes (see include/ntm_wht.h for why this is C and why the bits are
// the Swift definition's). One register holds eight floats; "h" below counts registers.
//
// A pass fuses up to three stages: load eight registers h apart, run the twelve butterflies
// of stages h, 2h, 4h on them, store. Each element still meets its stages in increasing h,
// and the passes cut loads and stores 3×, which matters because one core stores a single
// 32-byte register per cycle.
#include "ntm_wht.h"
#include "vectors.h"

#ifdef __FMA__
#include <immintrin.h>
#endif

#define BF(a, b) do { v8 s_ = (a) + (b); (b) = (a) - (b); (a) = s_; } while (0)

/// Stages 1, 2, 4 across v0…v7 (elements 0…7 of an 8-point sub-transform).
#define BUTTERFLY8(v0, v1, v2, v3, v4, v5, v6, v7) do {         \
    BF(v0, v1); BF(v2, v3); BF(v4, v5); BF(v6, v7);             \
    BF(v0, v2); BF(v1, v3); BF(v4, v6); BF(v5, v7);             \
    BF(v0, v4); BF(v1, v5); BF(v2, v6); BF(v3, v7);             \
} while (0)

/// Stages 1, 2, 4, 8 across the sixteen registers v0 … v15 (named so in the caller; v8_
/// because v8 is the type): each half's eight-point stages, then the halves against each other.
#define BUTTERFLY16() do {                                              \
    BUTTERFLY8(v0, v1, v2, v3, v4, v5, v6, v7);                         \
    BUTTERFLY8(v8_, v9, v10, v11, v12, v13, v14, v15);                  \
    BF(v0, v8_); BF(v1, v9); BF(v2, v10); BF(v3, v11);                  \
    BF(v4, v12); BF(v5, v13); BF(v6, v14); BF(v7, v15);                 \
} while (0)

INLINE void radix8(v8 *p, long count, long h) {
    for (long i = 0; i < count; i += 8 * h) {
        for (long j = i; j < i + h; j++) {
            v8 v0 = p[j], v1 = p[j + h], v2 = p[j + 2 * h], v3 = p[j + 3 * h];
            v8 v4 = p[j + 4 * h], v5 = p[j + 5 * h], v6 = p[j + 6 * h], v7 = p[j + 7 * h];
            BUTTERFLY8(v0, v1, v2, v3, v4, v5, v6, v7);
            p[j] = v0; p[j + h] = v1; p[j + 2 * h] = v2; p[j + 3 * h] = v3;
            p[j + 4 * h] = v4; p[j + 5 * h] = v5; p[j + 6 * h] = v6; p[j + 7 * h] = v7;
        }
    }
}

INLINE void radix4(v8 *p, long count, long h) {
    for (long i = 0; i < count; i += 4 * h) {
        for (long j = i; j < i + h; j++) {
            v8 v0 = p[j], v1 = p[j + h], v2 = p[j + 2 * h], v3 = p[j + 3 * h];
            BF(v0, v1); BF(v2, v3);
            BF(v0, v2); BF(v1, v3);
            p[j] = v0; p[j + h] = v1; p[j + 2 * h] = v2; p[j + 3 * h] = v3;
        }
    }
}

INLINE void radix2(v8 *p, long count, long h) {
    for (long i = 0; i < count; i += 2 * h) {
        for (long j = i; j < i + h; j++) {
            v8 v0 = p[j], v1 = p[j + h];
            BF(v0, v1);
            p[j] = v0; p[j + h] = v1;
        }
    }
}

/// Four stages over sixteen registers h apart: AVX2 has just sixteen, so the compiler
/// spills one or two, which costs far fewer stores than the extra pass it saves.
INLINE void radix16(v8 *p, long count, long h) {
    for (long i = 0; i < count; i += 16 * h) {
        for (long j = i; j < i + h; j++) {
            v8 v0 = p[j], v1 = p[j + h], v2 = p[j + 2 * h], v3 = p[j + 3 * h];
            v8 v4 = p[j + 4 * h], v5 = p[j + 5 * h], v6 = p[j + 6 * h], v7 = p[j + 7 * h];
            v8 v8_ = p[j + 8 * h], v9 = p[j + 9 * h], v10 = p[j + 10 * h], v11 = p[j + 11 * h];
            v8 v12 = p[j + 12 * h], v13 = p[j + 13 * h], v14 = p[j + 14 * h], v15 = p[j + 15 * h];
            BUTTERFLY16();
            p[j] = v0; p[j + h] = v1; p[j + 2 * h] = v2; p[j + 3 * h] = v3;
            p[j + 4 * h] = v4; p[j + 5 * h] = v5; p[j + 6 * h] = v6; p[j + 7 * h] = v7;
            p[j + 8 * h] = v8_; p[j + 9 * h] = v9; p[j + 10 * h] = v10; p[j + 11 * h] = v11;
            p[j + 12 * h] = v12; p[j + 13 * h] = v13; p[j + 14 * h] = v14; p[j + 15 * h] = v15;
        }
    }
}

/// `pass(p, count, h)` with h a constant where it is one of the short strides: the
/// sixteen (or eight) addresses a pass touches are then one base register plus fixed
/// offsets, not sixteen offset registers that AVX2's sixteen integer registers cannot all
/// hold (a variable h spilled them in the inner loop), and for h = 1 the inner loop goes.
#define SPECIALISED(pass, p, count, h) do {                                     \
    switch (h) {                                                                \
    case 1: pass(p, count, 1); break;                                           \
    case 2: pass(p, count, 2); break;                                           \
    case 4: pass(p, count, 4); break;                                           \
    case 8: pass(p, count, 8); break;                                           \
    case 16: pass(p, count, 16); break;                                         \
    default: pass(p, count, h); break;                                          \
    }                                                                           \
} while (0)

/// Every stage with stride ≥ h registers, three at a time while three remain, except that
/// four or seven stages left at a short stride take a radix-16 pass first: 4 = 16 and
/// 7 = 16·8 save a pass over 8·2 and 8·8·2 (the brain's 128-wide layers after their fused
/// first pass, a 1024-float vector's last four stages). Paired A/B on this machine: 9–11 %
/// faster there. At long strides sixteen streams 2ᵏ registers apart share cache sets (L1
/// is 8-way), and the radix-16 pass ran up to 2× slower, so h ≤ 8 registers (16 streams
/// within 4 KB).
INLINE void stages_from(long h, v8 *p, long count) {
    while (h < count) {
        long s = __builtin_ctzl(count / h);
        if (h <= 8 && (s == 4 || s == 7)) { SPECIALISED(radix16, p, count, h); h *= 16; }
        else if (8 * h <= count) { SPECIALISED(radix8, p, count, h); h *= 8; }
        else if (4 * h <= count) { SPECIALISED(radix4, p, count, h); h *= 4; }
        else { SPECIALISED(radix2, p, count, h); h *= 2; }
    }
}

/// The first pass over `count` registers (a multiple of 8): register i is ELEMENT(i), then
/// stages 1, 2, 4 (in registers) run across each block of eight, which are stored.
#define FIRST_PASS(p, count, ELEMENT) do {                                          \
    for (long i_ = 0; i_ < (count); i_ += 8) {                                      \
        v8 v0 = ELEMENT(i_), v1 = ELEMENT(i_ + 1), v2 = ELEMENT(i_ + 2), v3 = ELEMENT(i_ + 3); \
        v8 v4 = ELEMENT(i_ + 4), v5 = ELEMENT(i_ + 5), v6 = ELEMENT(i_ + 6), v7 = ELEMENT(i_ + 7); \
        BUTTERFLY8(v0, v1, v2, v3, v4, v5, v6, v7);                                 \
        (p)[i_] = v0; (p)[i_ + 1] = v1; (p)[i_ + 2] = v2; (p)[i_ + 3] = v3;         \
        (p)[i_ + 4] = v4; (p)[i_ + 5] = v5; (p)[i_ + 6] = v6; (p)[i_ + 7] = v7;     \
    }                                                                               \
} while (0)

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
    v8 *p = (v8 *)vector;
    long registers = n / 8;
    if (registers == 16) {
        // n = 128 in one pass: each register's own three stages, then four across all
        // sixteen, where the general path would store after six and make a second pass.
        v8 v0 = in_register(p[0]), v1 = in_register(p[1]), v2 = in_register(p[2]), v3 = in_register(p[3]);
        v8 v4 = in_register(p[4]), v5 = in_register(p[5]), v6 = in_register(p[6]), v7 = in_register(p[7]);
        v8 v8_ = in_register(p[8]), v9 = in_register(p[9]), v10 = in_register(p[10]), v11 = in_register(p[11]);
        v8 v12 = in_register(p[12]), v13 = in_register(p[13]), v14 = in_register(p[14]), v15 = in_register(p[15]);
        BUTTERFLY16();
        p[0] = v0; p[1] = v1; p[2] = v2; p[3] = v3; p[4] = v4; p[5] = v5; p[6] = v6; p[7] = v7;
        p[8] = v8_; p[9] = v9; p[10] = v10; p[11] = v11; p[12] = v12; p[13] = v13; p[14] = v14; p[15] = v15;
    } else if (registers >= 8) {
#define IN_REGISTER(i) in_register(p[i])
        FIRST_PASS(p, registers, IN_REGISTER);
#undef IN_REGISTER
        stages_from(8, p, registers);
    } else {
        for (long i = 0; i < registers; i++) p[i] = in_register(p[i]);
        stages_from(1, p, registers);
    }
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
    stages_from(1, (v8 *)lanes, n);
}

void ntm_wht_lanes_switch(float *lanes, long n, const float *negative, const float *positive) {
    v8 *x = (v8 *)lanes;
    const v8 *neg = (const v8 *)negative, *pos = (const v8 *)positive;
    // v · (v < 0 ? negative : positive): a bit select picks each lane's slope (−0 and NaN
    // take the positive one, as `v .< 0` does in Swift), then one multiply rounds.
#define SWITCHED(i) ({ v8 v_ = x[i]; v8i m_ = v_ < 0;                                    \
                       v_ * (v8)(((v8i)neg[i] & m_) | ((v8i)pos[i] & ~m_)); })
    LANES_FIRST_PASS_THEN_REST(x, n, SWITCHED);
#undef SWITCHED
}

void ntm_wht_lanes_tile(float *lanes, long n, const float *u, const int32_t *tiles, const float *flips) {
    v8 *x = (v8 *)lanes;
    const v8 *input = (const v8 *)u;
#define TILED(i) (input[tiles[i]] * flips[i])
    LANES_FIRST_PASS_THEN_REST(x, n, TILED);
#undef TILED
}

void ntm_wht_lanes_scale_flip(float *lanes, long n, const float *v, const float *c, const float *flips) {
    v8 *x = (v8 *)lanes;
    const v8 *input = (const v8 *)v;
    const v8 scale = *(const v8 *)c;
#define SCALED(i) ((input[i] * scale) * flips[i])
    LANES_FIRST_PASS_THEN_REST(x, n, SCALED);
#undef SCALED
}

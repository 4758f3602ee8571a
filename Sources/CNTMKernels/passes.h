// The Walsh–Hadamard passes between whole registers, written once for any register width
// (internal to the target). A file that includes this defines first:
//   VEC        the register type (v8: 8 floats in ymm; v16: 16 floats in zmm),
//   PASS(f)    the name of its copy of pass f (e.g. f##_256), so two copies can link,
// and includes it inside whatever `#pragma clang attribute` sets its target.
//
// "h" counts registers. A pass fuses up to four stages: load 2ᵏ registers h apart, run the
// butterflies of stages h, 2h, …, store. Each element still meets its stages in increasing
// h, each butterfly is exactly (a + b, a − b), and a pass is only a grouping of stages, so
// every grouping and every register width gives the same bits; fusing cuts loads and
// stores (one core stores a single 32-byte register per cycle on Zen 3, one 64-byte on Zen 5).

#define BF(a, b) do { __typeof__(a) s_ = (a) + (b); (b) = (a) - (b); (a) = s_; } while (0)

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

INLINE void PASS(radix8)(VEC *p, long count, long h) {
    for (long i = 0; i < count; i += 8 * h) {
        for (long j = i; j < i + h; j++) {
            VEC v0 = p[j], v1 = p[j + h], v2 = p[j + 2 * h], v3 = p[j + 3 * h];
            VEC v4 = p[j + 4 * h], v5 = p[j + 5 * h], v6 = p[j + 6 * h], v7 = p[j + 7 * h];
            BUTTERFLY8(v0, v1, v2, v3, v4, v5, v6, v7);
            p[j] = v0; p[j + h] = v1; p[j + 2 * h] = v2; p[j + 3 * h] = v3;
            p[j + 4 * h] = v4; p[j + 5 * h] = v5; p[j + 6 * h] = v6; p[j + 7 * h] = v7;
        }
    }
}

INLINE void PASS(radix4)(VEC *p, long count, long h) {
    for (long i = 0; i < count; i += 4 * h) {
        for (long j = i; j < i + h; j++) {
            VEC v0 = p[j], v1 = p[j + h], v2 = p[j + 2 * h], v3 = p[j + 3 * h];
            BF(v0, v1); BF(v2, v3);
            BF(v0, v2); BF(v1, v3);
            p[j] = v0; p[j + h] = v1; p[j + 2 * h] = v2; p[j + 3 * h] = v3;
        }
    }
}

INLINE void PASS(radix2)(VEC *p, long count, long h) {
    for (long i = 0; i < count; i += 2 * h) {
        for (long j = i; j < i + h; j++) {
            VEC v0 = p[j], v1 = p[j + h];
            BF(v0, v1);
            p[j] = v0; p[j + h] = v1;
        }
    }
}

/// Four stages over sixteen registers h apart: AVX2 has just sixteen, so the compiler
/// spills one or two, which costs far fewer stores than the extra pass it saves (AVX-512
/// has thirty-two).
INLINE void PASS(radix16)(VEC *p, long count, long h) {
    for (long i = 0; i < count; i += 16 * h) {
        for (long j = i; j < i + h; j++) {
            VEC v0 = p[j], v1 = p[j + h], v2 = p[j + 2 * h], v3 = p[j + 3 * h];
            VEC v4 = p[j + 4 * h], v5 = p[j + 5 * h], v6 = p[j + 6 * h], v7 = p[j + 7 * h];
            VEC v8_ = p[j + 8 * h], v9 = p[j + 9 * h], v10 = p[j + 10 * h], v11 = p[j + 11 * h];
            VEC v12 = p[j + 12 * h], v13 = p[j + 13 * h], v14 = p[j + 14 * h], v15 = p[j + 15 * h];
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
/// first pass, a 1024-float vector's last four stages). Paired A/B on Zen 3: 9–11 %
/// faster there. At long strides sixteen streams 2ᵏ registers apart share cache sets (L1
/// is 8-way), and the radix-16 pass ran up to 2× slower, so h ≤ 8 registers (16 streams
/// within 4 KB).
INLINE void PASS(stages_from)(long h, VEC *p, long count) {
    while (h < count) {
        long s = __builtin_ctzl(count / h);
        if (h <= 8 && (s == 4 || s == 7)) { SPECIALISED(PASS(radix16), p, count, h); h *= 16; }
        else if (8 * h <= count) { SPECIALISED(PASS(radix8), p, count, h); h *= 8; }
        else if (4 * h <= count) { SPECIALISED(PASS(radix4), p, count, h); h *= 4; }
        else { SPECIALISED(PASS(radix2), p, count, h); h *= 2; }
    }
}

/// The first pass over `count` registers (a multiple of 8): register i is ELEMENT(i), then
/// stages 1, 2, 4 (in registers) run across each block of eight, which are stored.
#define FIRST_PASS(p, count, ELEMENT) do {                                          \
    for (long i_ = 0; i_ < (count); i_ += 8) {                                      \
        VEC v0 = ELEMENT(i_), v1 = ELEMENT(i_ + 1), v2 = ELEMENT(i_ + 2), v3 = ELEMENT(i_ + 3); \
        VEC v4 = ELEMENT(i_ + 4), v5 = ELEMENT(i_ + 5), v6 = ELEMENT(i_ + 6), v7 = ELEMENT(i_ + 7); \
        BUTTERFLY8(v0, v1, v2, v3, v4, v5, v6, v7);                                 \
        (p)[i_] = v0; (p)[i_ + 1] = v1; (p)[i_ + 2] = v2; (p)[i_ + 3] = v3;         \
        (p)[i_ + 4] = v4; (p)[i_ + 5] = v5; (p)[i_ + 6] = v6; (p)[i_ + 7] = v7;     \
    }                                                                               \
} while (0)

/// One vector of `registers` registers, each register's own stages first (the including
/// file's in_register), then the stages across registers: sixteen in one pass (four stages
/// across all sixteen, where the general path would store after three and make a second
/// pass), eight or more by the first pass and the rest, fewer a stage at a time.
#define VECTOR_PASSES(p, registers) do {                                            \
    VEC *const q_ = (p);                                                            \
    if ((registers) == 16) {                                                        \
        VEC v0 = in_register(q_[0]), v1 = in_register(q_[1]);                       \
        VEC v2 = in_register(q_[2]), v3 = in_register(q_[3]);                       \
        VEC v4 = in_register(q_[4]), v5 = in_register(q_[5]);                       \
        VEC v6 = in_register(q_[6]), v7 = in_register(q_[7]);                       \
        VEC v8_ = in_register(q_[8]), v9 = in_register(q_[9]);                      \
        VEC v10 = in_register(q_[10]), v11 = in_register(q_[11]);                   \
        VEC v12 = in_register(q_[12]), v13 = in_register(q_[13]);                   \
        VEC v14 = in_register(q_[14]), v15 = in_register(q_[15]);                   \
        BUTTERFLY16();                                                              \
        q_[0] = v0; q_[1] = v1; q_[2] = v2; q_[3] = v3;                             \
        q_[4] = v4; q_[5] = v5; q_[6] = v6; q_[7] = v7;                             \
        q_[8] = v8_; q_[9] = v9; q_[10] = v10; q_[11] = v11;                        \
        q_[12] = v12; q_[13] = v13; q_[14] = v14; q_[15] = v15;                     \
    } else if ((registers) >= 8) {                                                  \
        FIRST_PASS(q_, (registers), VECTOR_PASSES_ELEMENT_);                        \
        PASS(stages_from)(8, q_, (registers));                                      \
    } else {                                                                        \
        for (long i_ = 0; i_ < (registers); i_++) q_[i_] = in_register(q_[i_]);     \
        PASS(stages_from)(1, q_, (registers));                                      \
    }                                                                               \
} while (0)
#define VECTOR_PASSES_ELEMENT_(i) in_register(q_[i])

// Agent-major rows of halves to lane-wise registers of floats (include/ntm_lanes.h): all
// eight lanes by a transpose in registers (eight halves of each row widened, then per four
// output registers four paired half-row loads and eight shuffles).
// Rows are in pair order (ntm_row_position): each block of sixteen holds its even elements,
// then its odd ones, so the eight floats widened from one half of a block land in every
// other output register. Where AVX-512 is in force the transpose hands whole 32-element
// chunks to lanes512.c.
#include "ntm_lanes.h"
#include "vectors.h"
#include "wide.h"

#ifdef __AVX__
#include <immintrin.h>
#endif

/// Elements e … e + 3 of rows k and k + 4 in one register (two 16-byte loads; the second
/// goes in by vinsertf128 from memory).
#define ROW_HALVES(rows, k, e) __builtin_shufflevector(*(const v4 *)((rows)[k] + (e)),          \
                                                       *(const v4 *)((rows)[(k) + 4] + (e)),    \
                                                       0, 1, 2, 3, 4, 5, 6, 7)

/// Registers e … e + 3 of the lane-wise interleave of eight rows (register j: element e + j
/// of each row): four half-rows, then unpcklps/unpckhps and unpcklpd/unpckhpd.
#define INTERLEAVE4(rows, e, r0, r1, r2, r3) do {                                  \
    v8 a0_ = ROW_HALVES(rows, 0, e), a1_ = ROW_HALVES(rows, 1, e);                 \
    v8 a2_ = ROW_HALVES(rows, 2, e), a3_ = ROW_HALVES(rows, 3, e);                 \
    v8 t0_ = __builtin_shufflevector(a0_, a1_, 0, 8, 1, 9, 4, 12, 5, 13);          \
    v8 t1_ = __builtin_shufflevector(a0_, a1_, 2, 10, 3, 11, 6, 14, 7, 15);        \
    v8 t2_ = __builtin_shufflevector(a2_, a3_, 0, 8, 1, 9, 4, 12, 5, 13);          \
    v8 t3_ = __builtin_shufflevector(a2_, a3_, 2, 10, 3, 11, 6, 14, 7, 15);        \
    r0 = __builtin_shufflevector(t0_, t2_, 0, 1, 8, 9, 4, 5, 12, 13);              \
    r1 = __builtin_shufflevector(t0_, t2_, 2, 3, 10, 11, 6, 7, 14, 15);            \
    r2 = __builtin_shufflevector(t1_, t3_, 0, 1, 8, 9, 4, 5, 12, 13);              \
    r3 = __builtin_shufflevector(t1_, t3_, 2, 3, 10, 11, 6, 7, 14, 15);            \
} while (0)

/// Widens eight halves of a row (IEEE binary16) to floats, exactly: every half is a float.
/// With F16C one vcvtph2ps; without it (NTMLIFE_PORTABLE) by fields, the subnormals
/// normalised. Both give the same bits for every half (the tests run all 65,536).
static inline v8 widen8(const uint16_t *h) {
#ifdef __F16C__
    return (v8)_mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)h));
#else
    v8 f;
    for (int j = 0; j < 8; j++) f[j] = ntm_half_to_float(h[j]);
    return f;
#endif
}

long ntm_row_position(long i, long count) {
    long block = i & ~15L;
    return block + 16 <= count ? block + 8 * (i & 1) + ((i & 15) >> 1) : i;
}

void ntm_store_row_halves(uint16_t *row, const uint16_t *natural, long count) {
    long i = 0;
    for (; i + 16 <= count; i += 16)
        for (int m = 0; m < 8; m++) { row[i + m] = natural[i + 2 * m]; row[i + 8 + m] = natural[i + 2 * m + 1]; }
    for (; i < count; i++) row[i] = natural[i];
}

float ntm_half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1Fu, m = h & 0x3FFu, bits;
    if (e == 0x1F) {
        bits = sign | 0x7F800000u | (m << 13) | (m ? 0x400000u : 0);   // ∞, or NaN quieted, payload kept
    } else if (e != 0) {
        bits = sign | ((e + 112) << 23) | (m << 13);     // rebias 15 → 127
    } else if (m == 0) {
        bits = sign;                                     // ±0
    } else {
        // Subnormal: m·2⁻²⁴. Shift the leading 1 up to bit 10; each shift lowers the
        // exponent of the float it becomes, which starts at 2⁻¹⁴ (field 113).
        uint32_t field = 113;
        while (!(m & 0x400u)) { m <<= 1; field--; }
        bits = sign | (field << 23) | ((m & 0x3FFu) << 13);
    }
    float f;
    __builtin_memcpy(&f, &bits, sizeof f);
    return f;
}

void ntm_interleave_halves(float *out, const uint16_t *const rows[8], long count) {
    v8 *o = (v8 *)out;
    long i = 0;
    if (count >= 32 && ntm_wide()) {
        i = count & ~31L;   // 32 elements at a time (lanes512.c), then a last block here
        ntm_interleave_halves_512(out, rows, i);
    }
    for (; i + 16 <= count; i += 16) {
        // A block's even elements (its first eight halves) and odd ones, widened into the
        // blocks the 8-float transpose reads; each gives every other output register.
        v8 block[16];
        const float *even[8], *odd[8];
        for (int k = 0; k < 8; k++) {
            block[k] = widen8(rows[k] + i); even[k] = (const float *)&block[k];
            block[8 + k] = widen8(rows[k] + i + 8); odd[k] = (const float *)&block[8 + k];
        }
        INTERLEAVE4(even, 0, o[i], o[i + 2], o[i + 4], o[i + 6]);
        INTERLEAVE4(even, 4, o[i + 8], o[i + 10], o[i + 12], o[i + 14]);
        INTERLEAVE4(odd, 0, o[i + 1], o[i + 3], o[i + 5], o[i + 7]);
        INTERLEAVE4(odd, 4, o[i + 9], o[i + 11], o[i + 13], o[i + 15]);
    }
    for (; i < count; i += 8) {
        // A last eight (a row shorter than a block), in natural order.
        v8 block[8];
        const float *wide[8];
        for (int k = 0; k < 8; k++) { block[k] = widen8(rows[k] + i); wide[k] = (const float *)&block[k]; }
        INTERLEAVE4(wide, 0, o[i], o[i + 1], o[i + 2], o[i + 3]);
        INTERLEAVE4(wide, 4, o[i + 4], o[i + 5], o[i + 6], o[i + 7]);
    }
}

// The 16-float register and the one butterfly inside it that both AVX-512 files use
// (wht512.c, tape512.c). Internal to the target; include it inside the
// `#pragma clang attribute` region that targets AVX-512.
#ifndef NTM_VECTORS16_H
#define NTM_VECTORS16_H

#include "vectors.h"
#include <immintrin.h>

/// Sixteen floats at any 4-byte alignment.
typedef float v16 __attribute__((vector_size(64), aligned(4)));
typedef int32_t v16i __attribute__((vector_size(64), aligned(4)));

/// partner + v·σ in one rounding, σ = ±1 per float. The product by ±1 is exact, so the
/// fused rounding is that of the add or subtract it stands for.
INLINE v16 signed_sum(v16 partner, v16 v, v16 sigma) {
    return (v16)_mm512_fmadd_ps((__m512)v, (__m512)sigma, (__m512)partner);
}

/// Stage 1 of the lane-wise layout: a 16-float register holds 8-float registers 2j (low
/// half) and 2j + 1 (high half), and the stage pairs them: low a + b, high a − b.
INLINE v16 halves(v16 z) {
    const v16 sigma = {1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1, -1, -1};
    return signed_sum(__builtin_shufflevector(z, z, 8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7), z, sigma);
}

#endif

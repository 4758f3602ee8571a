// The vector types the C kernels share (wht.c, lanes.c). Internal to the target.
#ifndef NTM_VECTORS_H
#define NTM_VECTORS_H

#include <stdint.h>

/// Eight floats at any 4-byte alignment (vmovups; as fast as an aligned load on data that
/// happens to be aligned).
typedef float v8 __attribute__((vector_size(32), aligned(4)));
typedef int32_t v8i __attribute__((vector_size(32), aligned(4)));
/// Four floats at any 4-byte alignment.
typedef float v4 __attribute__((vector_size(16), aligned(4)));

#define INLINE static inline __attribute__((always_inline))

#endif

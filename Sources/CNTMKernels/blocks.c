// The block tape's passes (include/ntm_tape.h): each agent's W lives in its own block,
// rows of m consecutive floats, so the eight agents of a group read eight different places
// and a lane-wise pass would have to touch every block for every lane. Instead the SIMD
// width runs across an agent's value columns (eight a register, then four, then one at a
// time for what is left), and the eight agents are interleaved in one loop so that their
// eight sums, each a chain of dependent adds, overlap.
//
// Why the bits are those of AssociativeMemory: every column j of every agent sums
// t = 0 … D−1 from zero, one add a term, whatever chunk it is in; the term b·w with
// b = ±1 is w with b's sign bit xored in (exact); an update adds b·δ to each W[t][j] once.
//
// Why C: the Swift loops ran the columns left over after the blocks of eight one agent and
// one column at a time, scalar, and the memory worlds have four columns: there the block
// tape cost 4.6× the hashed one.
#include "ntm_tape.h"
#include "vectors.h"

typedef uint32_t v8u __attribute__((vector_size(32), aligned(4)));
typedef uint32_t v4u __attribute__((vector_size(16), aligned(4)));
/// One float as a one-lane vector, so the last columns go through the same chunk code
/// (clang emits plain scalar operations for it).
typedef float v1 __attribute__((vector_size(4), aligned(4)));
typedef uint32_t v1u __attribute__((vector_size(4), aligned(4)));

/// The sign bit of each of the eight lanes of bit register t.
INLINE void signs(const float *bits, long t, uint32_t s[8]) {
    const uint32_t *b = (const uint32_t *)(bits + 8 * t);
    for (int a = 0; a < 8; a++) s[a] = b[a] & 0x80000000u;
}

/// Columns j0 … j0 + W − 1 (W = 8, 4 or 1) of all eight agents' recalls into lane-wise out.
#define RECALL_CHUNK(VEC, UVEC, W) do {                                                     \
    VEC r[8];                                                                               \
    for (int a = 0; a < 8; a++) r[a] = (VEC){0};                                            \
    for (long t = 0; t < D; t++) {                                                          \
        uint32_t s[8];                                                                      \
        signs(bits, t, s);                                                                  \
        for (int a = 0; a < 8; a++) {                                                       \
            VEC w = *(const VEC *)(blocks[a] + t * m + j0);                                 \
            r[a] = r[a] + (VEC)((UVEC)w ^ s[a]);                                            \
        }                                                                                   \
    }                                                                                       \
    for (int a = 0; a < 8; a++)                                                             \
        for (int c = 0; c < (W); c++) out[8 * (j0 + c) + a] = r[a][c];                      \
} while (0)

void ntm_block_recall(const float *bits, float *const blocks[8], long D, long m, float *out) {
    long j0 = 0;
    for (; j0 + 8 <= m; j0 += 8) RECALL_CHUNK(v8, v8u, 8);
    for (; j0 + 4 <= m; j0 += 4) RECALL_CHUNK(v4, v4u, 4);
    for (; j0 < m; j0++) RECALL_CHUNK(v1, v1u, 1);
}

/// Columns j0 … j0 + W − 1 of one agent's update, δ from lane a of the lane-wise delta.
#define UPDATE_CHUNK(VEC, UVEC, W) do {                                                     \
    VEC d;                                                                                  \
    for (int c = 0; c < (W); c++) d[c] = delta[8 * (j0 + c) + a];                          \
    for (long t = 0; t < D; t++) {                                                          \
        uint32_t s = ((const uint32_t *)bits)[8 * t + a] & 0x80000000u;                     \
        VEC *w = (VEC *)(block + t * m + j0);                                               \
        *w = *w + (VEC)((UVEC)d ^ s);                                                       \
    }                                                                                       \
} while (0)

void ntm_block_update(const float *bits, float *const blocks[8], long D, long m, const float *delta) {
    for (int a = 0; a < 8; a++) {
        float *block = blocks[a];
        long j0 = 0;
        for (; j0 + 8 <= m; j0 += 8) UPDATE_CHUNK(v8, v8u, 8);
        for (; j0 + 4 <= m; j0 += 4) UPDATE_CHUNK(v4, v4u, 4);
        for (; j0 < m; j0++) UPDATE_CHUNK(v1, v1u, 1);
    }
}

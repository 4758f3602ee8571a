#include "ntm_yardsticks.h"

void ntm_wht_definition(float *v, long n) {
    for (long h = 1; h < n; h *= 2)
        for (long i = 0; i < n; i += 2 * h)
            for (long j = i; j < i + h; j++) {
                float a = v[j], b = v[j + h];
                v[j] = a + b;
                v[j + h] = a - b;
            }
}

int ntm_dependent_adds(long cycles) {
#if defined(__x86_64__)
    // Eight adds on one register per trip: each waits for the last (latency one cycle),
    // while the loop's own counter runs beside them on another port. The addend is a
    // register, not an immediate: Golden Cove and its successors (Sapphire and Emerald
    // Rapids) fold `add $imm, reg` into the renamer, so a chain of immediate adds retires
    // several per cycle and "measures" a clock of 5–11 GHz there. A register addend cannot
    // be folded; its chain agrees with a chain of three-cycle multiplies to a few per cent.
    long x = 0, one = 1;
    for (long i = 0; i < cycles; i += 8)
        __asm__ volatile("add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\t"
                         "add %1, %0\n\tadd %1, %0\n\tadd %1, %0\n\tadd %1, %0" : "+r"(x) : "r"(one));
    return 1;
#else
    (void)cycles;
    return 0;
#endif
}

// Twelve independent chains, so the adds wait on the add pipes and not on each other: an add's
// latency is 3–4 cycles and a core has two pipes, so eight chains would already be enough.
#define NTM_TWELVE(op, r) op " %%" r "12, %%" r "0, %%" r "0\n\t" op " %%" r "12, %%" r "1, %%" r "1\n\t" \
    op " %%" r "12, %%" r "2, %%" r "2\n\t" op " %%" r "12, %%" r "3, %%" r "3\n\t"              \
    op " %%" r "12, %%" r "4, %%" r "4\n\t" op " %%" r "12, %%" r "5, %%" r "5\n\t"              \
    op " %%" r "12, %%" r "6, %%" r "6\n\t" op " %%" r "12, %%" r "7, %%" r "7\n\t"              \
    op " %%" r "12, %%" r "8, %%" r "8\n\t" op " %%" r "12, %%" r "9, %%" r "9\n\t"              \
    op " %%" r "12, %%" r "10, %%" r "10\n\t" op " %%" r "12, %%" r "11, %%" r "11"

long ntm_vector_adds(long trips, int bits) {
#if defined(__x86_64__)
    if (bits == 512) {
        for (long i = 0; i < trips; i++)
            __asm__ volatile(NTM_TWELVE("vaddps", "zmm") ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
                             "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11");
        return 12 * 16;
    }
    if (bits == 256) {
        for (long i = 0; i < trips; i++)
            __asm__ volatile(NTM_TWELVE("vaddps", "ymm") ::: "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "xmm5",
                             "xmm6", "xmm7", "xmm8", "xmm9", "xmm10", "xmm11");
        return 12 * 8;
    }
#endif
    (void)trips; (void)bits;
    return 0;
}

float ntm_row_reads(const float *const *rows, long count, long floats) {
    // Four 8-float accumulators: the adds are never what waits, the loads are (two a cycle
    // from L1, far fewer from beyond L2, which is the point).
    typedef float v8 __attribute__((vector_size(32)));
    typedef float v8u __attribute__((vector_size(32), aligned(4)));   // rows need only float alignment
    v8 a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
    for (long r = 0; r < count; r++) {
        const v8u *row = (const v8u *)rows[r];
        long i = 0;
        for (; i + 4 <= floats / 8; i += 4) {
            a0 += row[i]; a1 += row[i + 1]; a2 += row[i + 2]; a3 += row[i + 3];
        }
        for (; i < floats / 8; i++) a0 += row[i];
    }
    v8 s = (a0 + a1) + (a2 + a3);
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
}

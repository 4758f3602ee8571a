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

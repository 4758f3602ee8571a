// Which register width the transforms use (include/ntm_wht.h: ntm_kernel_bits), decided
// once from CPUID and XGETBV, the documented test for AVX-512: the CPU reports the
// instructions and the OS saves the opmask and 512-bit register state on a context switch.
#include "ntm_wht.h"
#include "wide.h"
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__AVX2__)
#include <cpuid.h>
#define NTM_HAVE_WIDE 1
#else
#define NTM_HAVE_WIDE 0
#endif

/// 0 = not yet decided; otherwise the width in bits.
static int decided_bits = 0;

static int baseline_bits(void) {
#if NTM_HAVE_WIDE
    return 256;
#else
    return 128;
#endif
}

static int hardware_bits(void) {
#if NTM_HAVE_WIDE
    unsigned a, b, c, d;
    if (!__get_cpuid_count(1, 0, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return 256;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    const unsigned state = 0xE6;   // SSE, AVX, opmask, ZMM0–15 upper halves, ZMM16–31
    if ((lo & state) != state) return 256;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 256;
    const unsigned wanted = bit_AVX512F | bit_AVX512DQ | bit_AVX512BW | bit_AVX512VL;
    return (b & wanted) == wanted ? 512 : 256;
#else
    return 128;
#endif
}

static int decide(void) {
    int bits = hardware_bits();
    const char *cap = getenv("NTMLIFE_KERNELS");
    if (cap && strcmp(cap, "avx2") == 0 && bits > 256) bits = 256;
    __atomic_store_n(&decided_bits, bits, __ATOMIC_RELAXED);
    return bits;
}

int ntm_kernel_bits(void) {
    int bits = __atomic_load_n(&decided_bits, __ATOMIC_RELAXED);
    return bits ? bits : decide();
}

int ntm_wide(void) { return ntm_kernel_bits() == 512; }

int ntm_set_kernel_bits(int bits) {
    int available = hardware_bits();
    int chosen = bits >= 512 ? available : (bits >= 256 && available >= 256 ? 256 : baseline_bits());
    if (chosen > available) chosen = available;
    __atomic_store_n(&decided_bits, chosen, __ATOMIC_RELAXED);
    return chosen;
}

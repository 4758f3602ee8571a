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
    // while the loop's own counter runs beside them on another port.
    long x = 0;
    for (long i = 0; i < cycles; i += 8)
        __asm__ volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                         "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
    return 1;
#else
    (void)cycles;
    return 0;
#endif
}

// What `ntmlife bench` measures the kernels against, built with the kernels' own flags so
// that a ratio between them is a ratio of code, not of compilers.
#ifndef NTM_YARDSTICKS_H
#define NTM_YARDSTICKS_H

#ifdef __cplusplus
extern "C" {
#endif

/// The WHT as the algorithms reference writes it, a plain C loop (whatever the compiler
/// makes of it at -O2 with the kernels' flags): the fast kernels' yardstick.
void ntm_wht_definition(float *v, long n);

/// Runs `cycles` dependent one-cycle integer adds (x86-64; elsewhere returns 0 without
/// running). Timed, it gives the core's clock while the benchmarks run, turbo and all.
int ntm_dependent_adds(long cycles);

#ifdef __cplusplus
}
#endif

#endif

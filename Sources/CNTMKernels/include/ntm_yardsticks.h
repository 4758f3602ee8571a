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

/// Runs `trips` rounds of twelve independent vector float adds at `bits` (512 or 256) and
/// returns the floats one round adds (0, without running, where that width cannot be timed
/// here). Timed beside `ntm_dependent_adds`, it gives the adds per cycle the core sustains at
/// that width: the bound the kernels are measured against. (AVX-512's registers are twice
/// AVX2's, but a core may split each 512-bit add over its 256-bit pipes: Zen 4 does, Zen 5
/// does not. Only a measurement tells which.)
long ntm_vector_adds(long trips, int bits);

/// Reads `count` rows of `floats` floats each (a multiple of 8) and returns a sum of what it
/// read, so the reads cannot be dropped. Timed over rows laid out as the LSH-switched
/// controller's chosen banks, it gives what the memory system alone charges for bringing
/// those banks in: the part of a switched step that no shuffle count changes.
float ntm_row_reads(const float *const *rows, long count, long floats);

#ifdef __cplusplus
}
#endif

#endif

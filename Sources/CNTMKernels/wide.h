// The 16-float (AVX-512) kernels and the switch that picks them (internal to the target).
//
// Why a second width gives the same bits: a kernel's result is fixed by which adds it does
// in which order, never by how many lanes one instruction carries. The 16-float kernels do
// the 8-float kernels' butterflies, stage for stage, on the same operands (wht512.c says
// how the one stage inside a 16-float register is formed), so a machine with AVX-512 and one
// without compute the same floats; the tests run both on one machine and compare bits.
#ifndef NTM_WIDE_H
#define NTM_WIDE_H

#include <stdint.h>

/// Whether transforms run 16 floats a register: the CPU and the OS have AVX-512 (F, VL,
/// DQ, BW), the build has the kernels (not NTMLIFE_PORTABLE), and nothing capped the width
/// (NTMLIFE_KERNELS=avx2, or ntm_set_kernel_bits). Decided once, on first use.
int ntm_wide(void);

void ntm_wht_vector_512(float *v, long n);
void ntm_wht_lanes_512(float *x, long n);
void ntm_wht_lanes_switch_512(float *x, long n, const float *negative, const float *positive);
void ntm_wht_lanes_switch_rows_512(float *x, long n, const uint16_t *const rows[8]);
void ntm_wht_lanes_tile_512(float *x, long n, const float *u, const int32_t *tiles, const float *flips);
void ntm_wht_lanes_scale_flip_512(float *x, long n, const float *v, const float *c, const float *flips);
void ntm_interleave_halves_512(float *out, const uint16_t *const rows[8], long count);

#endif

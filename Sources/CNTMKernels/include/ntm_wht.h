// The Walsh–Hadamard kernels, in C so that each 8-float add is one instruction.
//
// Swift 6's SIMD8<Float> arithmetic reaches LLVM as eight scalar operations that the
// optimiser has to put back together, and in the fused butterfly passes it put some back
// 4 wide (xmm halves, vextractf128), costing about a third of the transform. Clang's
// vector extensions give one vaddps per add. NTMBrain/WHT/WalshHadamard+Kernels.swift
// states the operation order and calls these; the Swift scalar loop stays the reference.
//
// Bits: every function applies the stages in increasing h, each butterfly exactly
// (a + b, a − b). The target is compiled with -ffp-contract=off, so no a·b + c is fused
// behind our back; the one explicit fma (ntm_wht_vector's in-register stages, where the
// product is by ±1 and therefore exact) rounds once, exactly as the add it replaces.
// Built for baseline x86-64 (NTMLIFE_PORTABLE=1), the 32-byte vectors become pairs of
// SSE operations on the same lanes: the same bits.
#ifndef NTM_WHT_H
#define NTM_WHT_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// One vector of n floats (n a power of two ≥ 8), in place. Any alignment.
void ntm_wht_vector(float *v, long n);

/// Eight vectors stored lane-wise (register i = element i of all eight: n × 8 floats,
/// 32-byte aligned), n a power of two ≥ 2, in place.
void ntm_wht_lanes(float *x, long n);

/// x ← WHT(x ⊙ (x < 0 ? negative : positive)), the multiply fused into the first pass.
void ntm_wht_lanes_switch(float *x, long n, const float *negative, const float *positive);

/// The same switch with the slopes straight from eight rows of halves in pair order, one
/// per lane (ntm_lanes.h): lane k's negative slopes are rows[k][0 … n), its positive ones
/// rows[k][n … 2n). With AVX-512 and n ≥ 32 the rows are transposed in registers into the
/// first pass; otherwise by ntm_interleave_halves into `scratch` (16·n floats), then as
/// ntm_wht_lanes_switch. The same bits either way.
void ntm_wht_lanes_switch_rows(float *x, long n, const uint16_t *const rows[8], float *scratch);

/// x ← WHT(u[tiles[i]] · flips[i]): the controller's tile, flip and spread.
void ntm_wht_lanes_tile(float *x, long n, const float *u, const int32_t *tiles, const float *flips);

/// x ← WHT((v · c) · flips[i]), c one register of eight scales; v may be x itself.
void ntm_wht_lanes_scale_flip(float *x, long n, const float *v, const float *c, const float *flips);

/// The register width, in bits, the transforms run at: 512 where the CPU and OS have
/// AVX-512, 256 with AVX2 only, 128 in the NTMLIFE_PORTABLE build. The environment variable
/// NTMLIFE_KERNELS=avx2 caps it at 256. Every width gives the same bits (wide.h says why).
int ntm_kernel_bits(void);

/// Caps the width at `bits` (512, 256 or 128; never above what the machine has) and returns
/// the width now in force. For tests and `bench`, which compare the widths in one process;
/// call it while no transform runs.
int ntm_set_kernel_bits(int bits);

#ifdef __cplusplus
}
#endif

#endif

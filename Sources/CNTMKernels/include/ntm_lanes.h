// Moving values between agent-major and lane-wise layouts (see ntm_wht.h for why the
// brain's inner kernels are C). Only values are moved, never combined: any build gives the
// same bits.
#ifndef NTM_LANES_H
#define NTM_LANES_H

#ifdef __cplusplus
extern "C" {
#endif

/// Interleaves eight rows into lane-wise registers: out[8·i + k] = rows[k][i] for
/// i < count (count a multiple of 8), any 4-byte alignment. Four registers at a time by a
/// transpose in registers; where AVX-512 is in force, sixteen elements of each row at a
/// time (lanes512.c).
void ntm_interleave_lanes(float *out, const float *const rows[8], long count);

/// Rewrites only the lanes in `lanes` (bit k): out[8·i + k] = rows[k][i] for those k, the
/// other lanes of out untouched and their rows not read. One pass over out per lane: each
/// register is loaded, given the lane (a broadcast and a blend; with AVX-512, a masked
/// permute for two registers at once) and stored.
void ntm_blend_lanes(float *out, const float *const rows[8], unsigned lanes, long count);

#ifdef __cplusplus
}
#endif

#endif

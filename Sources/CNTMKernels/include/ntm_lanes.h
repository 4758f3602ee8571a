// Moving values between agent-major and lane-wise layouts (see ntm_wht.h for why the
// brain's inner kernels are C). Only values are moved (halves widened exactly), never
// combined: any build gives the same bits.
#ifndef NTM_LANES_H
#define NTM_LANES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Widens and interleaves eight rows of IEEE binary16 values into lane-wise float
/// registers: out[8·i + k] = float(rows[k][i]) for i < count (count a multiple of 8), any
/// 2-byte alignment. Four registers at a time by a transpose in registers; where AVX-512 is
/// in force, sixteen elements of each row at a time (lanes512.c). Widening is exact, so a
/// build with F16C and one without give the same bits.
void ntm_interleave_halves(float *out, const uint16_t *const rows[8], long count);

/// Rewrites only the lanes in `lanes` (bit k): out[8·i + k] = float(rows[k][i]) for those
/// k, the other lanes of out untouched and their rows not read. One pass over out per lane:
/// each register is loaded, given the lane (a broadcast and a blend; with AVX-512, a masked
/// permute for two registers at once) and stored.
void ntm_blend_halves(float *out, const uint16_t *const rows[8], unsigned lanes, long count);

/// An IEEE binary16 value as the float it equals (every half is exactly a float); a
/// signalling NaN comes back quiet, its payload kept, as F16C's vcvtph2ps does.
float ntm_half_to_float(uint16_t h);

#ifdef __cplusplus
}
#endif

#endif

// Moving values between agent-major and lane-wise layouts (see ntm_wht.h for why the
// brain's inner kernels are C). Only values are moved (halves widened exactly), never
// combined: any build gives the same bits.
#ifndef NTM_LANES_H
#define NTM_LANES_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Where element i of a row of `count` halves is stored: rows are in *pair order*. Each
/// whole block of sixteen holds its eight even elements, then its eight odd ones
/// (element 16q + 2m + b at 16q + 8b + m); a last part shorter than a block (a row of 8)
/// is in natural order. The order lets the AVX-512 transpose move halves and widen last
/// (lanes512.c): after its unpacks, elements 2m and 2m + 1 are neighbours.
long ntm_row_position(long i, long count);

/// Stores a row given in natural order in pair order: row[ntm_row_position(i, count)] =
/// natural[i] for i < count.
void ntm_store_row_halves(uint16_t *row, const uint16_t *natural, long count);

/// Widens and interleaves eight rows of IEEE binary16 values, in pair order, into
/// lane-wise float registers: out[8·i + k] = float(rows[k][ntm_row_position(i, count)])
/// for i < count (count a multiple of 8), any 2-byte alignment. Four registers at a time by
/// a transpose in registers; where AVX-512 is in force, 32 elements of each row at a time
/// (lanes512.c). Widening is exact, so a build with F16C and one without give the same
/// bits.
void ntm_interleave_halves(float *out, const uint16_t *const rows[8], long count);

/// An IEEE binary16 value as the float it equals (every half is exactly a float); a
/// signalling NaN comes back quiet, its payload kept, as F16C's vcvtph2ps does.
float ntm_half_to_float(uint16_t h);

#ifdef __cplusplus
}
#endif

#endif

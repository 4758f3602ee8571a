// The batched tape's hash and its two passes over W at 16 floats a register (tape512.c),
// and the block tape's passes at every width (blocks.c). The lane-wise 8-float loops, and
// the order contract every kernel keeps, are NTMBrain/Memory/TapeKernel.swift's and
// NTMBrain/Brain/BrainBatch+Tape.swift's.
#ifndef NTM_TAPE_H
#define NTM_TAPE_H

#ifdef __cplusplus
extern "C" {
#endif

/// out[j] = Σₜ bits[t]·W[t·m + j] for j < m, lane-wise (each entry one 8-float register,
/// any alignment), bits ±1, t = 0 … D−1 in order from 0, any m ≥ 1 (eight columns at a
/// time, then the last m mod 8 in pairs and a single). Returns 1 having run, or 0 without
/// running where 16-float kernels are not in force; the caller then runs its own 8-float
/// loop, which gives the same bits.
int ntm_tape_recall(const float *bits, const float *w, long D, long m, float *out);

/// A decaying tape's forgetting and the write's recall in one pass: W[t][j] ← W[t][j]·keep,
/// then out[j] = Σₜ bits[t]·W[t][j] with the decayed row. Returns 1 having run, 0 as
/// ntm_tape_recall.
int ntm_tape_decay_recall(float *w, long D, long m, float keep, const float *bits, float *out);

/// W[t][j] ← W[t][j] + writeBits[t]·δ[j], then out[j] = Σₜ readBits[t]·W[t][j] with the
/// new row: one pass over W. Returns 1 having run, 0 as ntm_tape_recall.
int ntm_tape_update_recall(float *w, long D, long m, const float *writeBits, const float *delta,
                           const float *readBits, float *out);

/// The D = rounds·n hash bits (±1) of the lane-wise key at `key` (n registers): each round
/// z ← WHT((z·s)·flips[round·n + i]) with s = 1 in round 0 (z = the key) and c after,
/// bit = z·c < 0 ? −1 : +1, into bits[round·n + i] (lane-wise), z held in registers
/// throughout. Returns 1 having run, or 0 without running where 16-float kernels are not
/// in force or n is neither 16 nor 32.
int ntm_tape_hash(float *bits, const float *key, long n, long rounds, const float *flips, float c);

/// A block tape's recall for the eight agents of a group: out[8·j + a] = Σₜ bits[8·t + a]·
/// blocks[a][t·m + j] for j < m, bits lane-wise (±1), each agent's block row-major (D rows
/// of m floats, any alignment), t = 0 … D−1 in order from 0.
void ntm_block_recall(const float *bits, float *const blocks[8], long D, long m, float *out);

/// A block tape's write for the eight agents of a group: blocks[a][t·m + j] +=
/// bits[8·t + a]·delta[8·j + a], bits and δ lane-wise.
void ntm_block_update(const float *bits, float *const blocks[8], long D, long m, const float *delta);

#ifdef __cplusplus
}
#endif

#endif

// The unsafe inner loops of the batched tape: dot products of D hash bits with W[D][m],
// lane-wise. Reached only from BrainBatch+Tape.swift, which owns the buffers and sizes.
//
// Order contract (shared with AssociativeMemory): for each j, Σₜ runs t = 0 … D−1 from 0.
// Eight value columns are summed at once in eight registers so the adds of different j
// overlap instead of waiting on one another; each column's own order is unchanged.

@usableFromInline
enum TapeKernel {
    /// `out[j] = Σₜ bits[t] · W[t·m + j]` for j in 0..<m.
    @usableFromInline
    static func recall(_ bits: UnsafePointer<SIMD8<Float>>, _ w: UnsafePointer<SIMD8<Float>>,
                       _ D: Int, _ m: Int, into out: UnsafeMutablePointer<SIMD8<Float>>) {
        var j0 = 0
        while j0 + 8 <= m {
            var r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero, r2 = SIMD8<Float>.zero, r3 = SIMD8<Float>.zero
            var r4 = SIMD8<Float>.zero, r5 = SIMD8<Float>.zero, r6 = SIMD8<Float>.zero, r7 = SIMD8<Float>.zero
            var row = w + j0
            for t in 0..<D {
                let b = bits[t]
                r0 = r0 + b * row[0]; r1 = r1 + b * row[1]; r2 = r2 + b * row[2]; r3 = r3 + b * row[3]
                r4 = r4 + b * row[4]; r5 = r5 + b * row[5]; r6 = r6 + b * row[6]; r7 = r7 + b * row[7]
                row += m
            }
            out[j0] = r0; out[j0 + 1] = r1; out[j0 + 2] = r2; out[j0 + 3] = r3
            out[j0 + 4] = r4; out[j0 + 5] = r5; out[j0 + 6] = r6; out[j0 + 7] = r7
            j0 += 8
        }
        while j0 < m {
            var r = SIMD8<Float>.zero
            for t in 0..<D { r = r + bits[t] * w[t * m + j0] }
            out[j0] = r
            j0 += 1
        }
    }

    /// The write's update and the following read, fused into one pass over W:
    /// `W[t][j] ← W[t][j] + wb[t]·δ[j]`, then `out[j] += rb[t]·W[t][j]` with the *new* row.
    /// Row t is final before it is read, so the result equals an update pass followed by a
    /// recall pass, with half the memory traffic.
    @usableFromInline
    static func updateThenRecall(_ w: UnsafeMutablePointer<SIMD8<Float>>, _ D: Int, _ m: Int,
                                 writeBits: UnsafePointer<SIMD8<Float>>, delta: UnsafePointer<SIMD8<Float>>,
                                 readBits: UnsafePointer<SIMD8<Float>>, into out: UnsafeMutablePointer<SIMD8<Float>>) {
        var j0 = 0
        while j0 + 8 <= m {
            let d0 = delta[j0], d1 = delta[j0 + 1], d2 = delta[j0 + 2], d3 = delta[j0 + 3]
            let d4 = delta[j0 + 4], d5 = delta[j0 + 5], d6 = delta[j0 + 6], d7 = delta[j0 + 7]
            var r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero, r2 = SIMD8<Float>.zero, r3 = SIMD8<Float>.zero
            var r4 = SIMD8<Float>.zero, r5 = SIMD8<Float>.zero, r6 = SIMD8<Float>.zero, r7 = SIMD8<Float>.zero
            var row = w + j0
            for t in 0..<D {
                let wb = writeBits[t], rb = readBits[t]
                let w0 = row[0] + wb * d0, w1 = row[1] + wb * d1, w2 = row[2] + wb * d2, w3 = row[3] + wb * d3
                let w4 = row[4] + wb * d4, w5 = row[5] + wb * d5, w6 = row[6] + wb * d6, w7 = row[7] + wb * d7
                row[0] = w0; row[1] = w1; row[2] = w2; row[3] = w3
                row[4] = w4; row[5] = w5; row[6] = w6; row[7] = w7
                r0 = r0 + rb * w0; r1 = r1 + rb * w1; r2 = r2 + rb * w2; r3 = r3 + rb * w3
                r4 = r4 + rb * w4; r5 = r5 + rb * w5; r6 = r6 + rb * w6; r7 = r7 + rb * w7
                row += m
            }
            out[j0] = r0; out[j0 + 1] = r1; out[j0 + 2] = r2; out[j0 + 3] = r3
            out[j0 + 4] = r4; out[j0 + 5] = r5; out[j0 + 6] = r6; out[j0 + 7] = r7
            j0 += 8
        }
        while j0 < m {
            let d = delta[j0]
            var r = SIMD8<Float>.zero
            for t in 0..<D {
                let updated = w[t * m + j0] + writeBits[t] * d
                w[t * m + j0] = updated
                r = r + readBits[t] * updated
            }
            out[j0] = r
            j0 += 1
        }
    }
}

// The unsafe inner loops of the batched tape: dot products of D hash bits with W[D][m],
// lane-wise. Reached only from BrainBatch+Tape.swift, which owns the buffers and sizes.
//
// Order contract (shared with AssociativeMemory): for each j, Σₜ runs t = 0 … D−1 from 0.
// Eight value columns are summed at once in eight registers so the adds of different j
// overlap instead of waiting on one another, and the last m mod 8 likewise in one more
// pass; each column's own order is unchanged.
// Where AVX-512 is in force, recall and updateThenRecall hand the whole pass to the
// 16-float C kernels (CNTMKernels/tape512.c), which keep the same order and terms.

import CNTMKernels

@usableFromInline
enum TapeKernel {
    /// `w · b` for hash bits b = ±1, computed as an xor of b's sign bit into w: exactly the
    /// product (w·1 = w, w·(−1) = −w, signed zeros included) without using a multiplier.
    @inline(__always) @usableFromInline
    static func signed(_ w: SIMD8<Float>, _ sign: SIMD8<UInt32>) -> SIMD8<Float> {
        unsafeBitCast(unsafeBitCast(w, to: SIMD8<UInt32>.self) ^ sign, to: SIMD8<Float>.self)
    }

    /// `r + b·w` for hash bits b = ±1. The product is exact, so a fused multiply-add rounds
    /// once, exactly where the add does: the same bits as `r + signed(w, signBits(b))`. With
    /// FMA hardware (NTMLIFE_FMA, the default build) it is one instruction on the multiply
    /// pipes, leaving the add pipes to the update; the portable build xors and adds.
    @inline(__always) @usableFromInline
    static func accumulate(_ r: SIMD8<Float>, _ w: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
        #if NTMLIFE_FMA
        r.addingProduct(w, b)
        #else
        r + signed(w, signBits(b))
        #endif
    }

    /// The sign bits of ±1 hash bits.
    @inline(__always) @usableFromInline
    static func signBits(_ b: SIMD8<Float>) -> SIMD8<UInt32> {
        unsafeBitCast(b, to: SIMD8<UInt32>.self) & SIMD8(repeating: 0x8000_0000)
    }

    /// `out[j] = Σₜ bits[t] · W[t·m + j]` for j in 0..<m.
    @usableFromInline
    static func recall(_ bits: UnsafePointer<SIMD8<Float>>, _ w: UnsafePointer<SIMD8<Float>>,
                       _ D: Int, _ m: Int, into out: UnsafeMutablePointer<SIMD8<Float>>) {
        if ntm_tape_recall(LaneKernel.floats(bits), LaneKernel.floats(w), D, m, LaneKernel.floats(out)) != 0 { return }
        var j0 = 0
        while j0 + 8 <= m {
            var r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero, r2 = SIMD8<Float>.zero, r3 = SIMD8<Float>.zero
            var r4 = SIMD8<Float>.zero, r5 = SIMD8<Float>.zero, r6 = SIMD8<Float>.zero, r7 = SIMD8<Float>.zero
            var row = w + j0
            for t in 0..<D {
                let b = bits[t]
                r0 = accumulate(r0, row[0], b); r1 = accumulate(r1, row[1], b); r2 = accumulate(r2, row[2], b); r3 = accumulate(r3, row[3], b)
                r4 = accumulate(r4, row[4], b); r5 = accumulate(r5, row[5], b); r6 = accumulate(r6, row[6], b); r7 = accumulate(r7, row[7], b)
                row += m
            }
            out[j0] = r0; out[j0 + 1] = r1; out[j0 + 2] = r2; out[j0 + 3] = r3
            out[j0 + 4] = r4; out[j0 + 5] = r5; out[j0 + 6] = r6; out[j0 + 7] = r7
            j0 += 8
        }
        recallRest(bits, w, D, m, from: j0, into: out)
    }

    /// The last m − j0 (< 8) columns of ``recall(_:_:_:_:into:)`` in one pass over W, each in
    /// its own register as the blocks of eight are. (A column at a time, each pass was one
    /// dependent chain of D adds, and the memory worlds, four columns wide, ran four: paired,
    /// their batched step with AVX2 took 0.79–0.86× as long this way.)
    @inline(__always) @usableFromInline
    static func recallRest(_ bits: UnsafePointer<SIMD8<Float>>, _ w: UnsafePointer<SIMD8<Float>>,
                           _ D: Int, _ m: Int, from j0: Int, into out: UnsafeMutablePointer<SIMD8<Float>>) {
        let rest = m - j0
        guard rest > 0 else { return }
        var r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero, r2 = SIMD8<Float>.zero, r3 = SIMD8<Float>.zero
        var r4 = SIMD8<Float>.zero, r5 = SIMD8<Float>.zero, r6 = SIMD8<Float>.zero
        var row = w + j0
        for t in 0..<D {
            let b = bits[t]
            r0 = accumulate(r0, row[0], b)
            if rest > 1 { r1 = accumulate(r1, row[1], b) }
            if rest > 2 { r2 = accumulate(r2, row[2], b) }
            if rest > 3 { r3 = accumulate(r3, row[3], b) }
            if rest > 4 { r4 = accumulate(r4, row[4], b) }
            if rest > 5 { r5 = accumulate(r5, row[5], b) }
            if rest > 6 { r6 = accumulate(r6, row[6], b) }
            row += m
        }
        store(rest, r0, r1, r2, r3, r4, r5, r6, to: out + j0)
    }

    /// The first `count` (1 … 7) of seven column sums, to `out[0 ..< count]`.
    @inline(__always) @usableFromInline
    static func store(_ count: Int, _ r0: SIMD8<Float>, _ r1: SIMD8<Float>, _ r2: SIMD8<Float>, _ r3: SIMD8<Float>,
                      _ r4: SIMD8<Float>, _ r5: SIMD8<Float>, _ r6: SIMD8<Float>, to out: UnsafeMutablePointer<SIMD8<Float>>) {
        out[0] = r0
        if count > 1 { out[1] = r1 }
        if count > 2 { out[2] = r2 }
        if count > 3 { out[3] = r3 }
        if count > 4 { out[4] = r4 }
        if count > 5 { out[5] = r5 }
        if count > 6 { out[6] = r6 }
    }

    /// A decaying tape's forgetting and the write's recall, fused into one pass over W:
    /// `W[t][j] ← W[t][j]·keep`, then `out[j] += bits[t]·W[t][j]` with the decayed row, the
    /// same values as ``AssociativeMemory/age()`` followed by a recall.
    @usableFromInline
    static func decayThenRecall(_ w: UnsafeMutablePointer<SIMD8<Float>>, _ D: Int, _ m: Int, keep: SIMD8<Float>,
                                bits: UnsafePointer<SIMD8<Float>>, into out: UnsafeMutablePointer<SIMD8<Float>>) {
        if ntm_tape_decay_recall(LaneKernel.floats(w), D, m, keep[0], LaneKernel.floats(bits), LaneKernel.floats(out)) != 0 {
            return
        }
        for j in 0..<m { out[j] = .zero }
        var row = w
        for t in 0..<D {
            let b = bits[t]
            for j in 0..<m {
                let decayed = row[j] * keep
                row[j] = decayed
                out[j] = accumulate(out[j], decayed, b)
            }
            row += m
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
        if ntm_tape_update_recall(LaneKernel.floats(w), D, m, LaneKernel.floats(writeBits), LaneKernel.floats(delta),
                                  LaneKernel.floats(readBits), LaneKernel.floats(out)) != 0 {
            return
        }
        var j0 = 0
        while j0 + 8 <= m {
            let d0 = delta[j0], d1 = delta[j0 + 1], d2 = delta[j0 + 2], d3 = delta[j0 + 3]
            let d4 = delta[j0 + 4], d5 = delta[j0 + 5], d6 = delta[j0 + 6], d7 = delta[j0 + 7]
            var r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero, r2 = SIMD8<Float>.zero, r3 = SIMD8<Float>.zero
            var r4 = SIMD8<Float>.zero, r5 = SIMD8<Float>.zero, r6 = SIMD8<Float>.zero, r7 = SIMD8<Float>.zero
            var row = w + j0
            for t in 0..<D {
                let wb = signBits(writeBits[t]), rb = readBits[t]
                let w0 = row[0] + signed(d0, wb), w1 = row[1] + signed(d1, wb), w2 = row[2] + signed(d2, wb), w3 = row[3] + signed(d3, wb)
                let w4 = row[4] + signed(d4, wb), w5 = row[5] + signed(d5, wb), w6 = row[6] + signed(d6, wb), w7 = row[7] + signed(d7, wb)
                row[0] = w0; row[1] = w1; row[2] = w2; row[3] = w3
                row[4] = w4; row[5] = w5; row[6] = w6; row[7] = w7
                r0 = accumulate(r0, w0, rb); r1 = accumulate(r1, w1, rb); r2 = accumulate(r2, w2, rb); r3 = accumulate(r3, w3, rb)
                r4 = accumulate(r4, w4, rb); r5 = accumulate(r5, w5, rb); r6 = accumulate(r6, w6, rb); r7 = accumulate(r7, w7, rb)
                row += m
            }
            out[j0] = r0; out[j0 + 1] = r1; out[j0 + 2] = r2; out[j0 + 3] = r3
            out[j0 + 4] = r4; out[j0 + 5] = r5; out[j0 + 6] = r6; out[j0 + 7] = r7
            j0 += 8
        }
        updateThenRecallRest(w, D, m, from: j0, writeBits: writeBits, delta: delta, readBits: readBits, into: out)
    }

    /// The last m − j0 (< 8) columns of ``updateThenRecall(_:_:_:writeBits:delta:readBits:into:)``
    /// in one pass over W, as ``recallRest(_:_:_:_:from:into:)`` does for the recall.
    @inline(__always) @usableFromInline
    static func updateThenRecallRest(_ w: UnsafeMutablePointer<SIMD8<Float>>, _ D: Int, _ m: Int, from j0: Int,
                                     writeBits: UnsafePointer<SIMD8<Float>>, delta: UnsafePointer<SIMD8<Float>>,
                                     readBits: UnsafePointer<SIMD8<Float>>, into out: UnsafeMutablePointer<SIMD8<Float>>) {
        let rest = m - j0
        guard rest > 0 else { return }
        let d = delta + j0
        let d0 = d[0], d1 = rest > 1 ? d[1] : .zero, d2 = rest > 2 ? d[2] : .zero, d3 = rest > 3 ? d[3] : .zero
        let d4 = rest > 4 ? d[4] : .zero, d5 = rest > 5 ? d[5] : .zero, d6 = rest > 6 ? d[6] : .zero
        var r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero, r2 = SIMD8<Float>.zero, r3 = SIMD8<Float>.zero
        var r4 = SIMD8<Float>.zero, r5 = SIMD8<Float>.zero, r6 = SIMD8<Float>.zero
        var row = w + j0
        @inline(__always) func step(_ k: Int, _ dk: SIMD8<Float>, _ wb: SIMD8<UInt32>, _ rb: SIMD8<Float>, _ r: inout SIMD8<Float>) {
            let updated = row[k] + signed(dk, wb)
            row[k] = updated
            r = accumulate(r, updated, rb)
        }
        for t in 0..<D {
            let wb = signBits(writeBits[t]), rb = readBits[t]
            step(0, d0, wb, rb, &r0)
            if rest > 1 { step(1, d1, wb, rb, &r1) }
            if rest > 2 { step(2, d2, wb, rb, &r2) }
            if rest > 3 { step(3, d3, wb, rb, &r3) }
            if rest > 4 { step(4, d4, wb, rb, &r4) }
            if rest > 5 { step(5, d5, wb, rb, &r5) }
            if rest > 6 { step(6, d6, wb, rb, &r6) }
            row += m
        }
        store(rest, r0, r1, r2, r3, r4, r5, r6, to: out + j0)
    }
}

// The block tape's inner loops. A block tape keeps each agent's state contiguous (see
// BrainBatch.tapeStart(agent:)): the 8 agents of a group may write to 8 different blocks, so
// a lane-wise pass would touch every block for every lane. Instead each agent runs alone,
// and the SIMD width goes across W's value columns: row t of a block, W[t][0..<m], is m
// consecutive floats, so eight columns are one register.
//
// Order contract (shared with AssociativeMemory and TapeKernel): for each column j,
// Σₜ runs t = 0 … D−1 from 0, and an update adds b[t]·δ[j] to W[t][j] once. Running eight
// columns side by side changes no column's own order, so the sums are the definition's.
// The eight agents of a group are interleaved in one loop (``rowRecall8``): each agent's sum
// is one register whose adds must wait on one another, so eight independent sums keep the
// adders busy where one would leave them idle for the add's latency.

extension TapeKernel {
    /// Eight floats at `p`, which need not be 32-byte aligned.
    @inline(__always) @usableFromInline
    static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
    }

    @inline(__always) @usableFromInline
    static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
    }

    /// One agent's write to a block: `W[t][j] ← W[t][j] + bits[t]·δ[j]`, δ lane-wise
    /// (stride 8) like the bits.
    @usableFromInline
    static func rowUpdate(_ w: UnsafeMutablePointer<Float>, _ D: Int, _ m: Int,
                          bits: UnsafePointer<Float>, delta: UnsafePointer<Float>) {
        var j0 = 0
        while j0 + 8 <= m {
            var d = SIMD8<Float>.zero
            for j in 0..<8 { d[j] = delta[(j0 + j) &* 8] }
            var row = w + j0
            for t in 0..<D {
                store8(load8(row) + signed(d, signBits(SIMD8(repeating: bits[t &* 8]))), row)
                row += m
            }
            j0 += 8
        }
        while j0 < m {
            for t in 0..<D { w[t &* m + j0] = w[t &* m + j0] + bits[t &* 8] * delta[j0 &* 8] }
            j0 += 1
        }
    }

    /// ``rowRecall`` for the eight agents of a group at once, value columns j0 ..< j0 + 8:
    /// `out[a][c] = Σₜ bits[t·8 + a] · blocks[a][t·m + j0 + c]`. Each agent has its own block
    /// pointer; the bits are lane-wise registers, agent a in lane a.
    @usableFromInline
    static func rowRecall8(_ bits: UnsafePointer<Float>, _ blocks: UnsafePointer<UnsafeMutablePointer<Float>>,
                           _ D: Int, _ m: Int, columns j0: Int, into out: UnsafeMutablePointer<SIMD8<Float>>) {
        var p0 = UnsafePointer(blocks[0] + j0), p1 = UnsafePointer(blocks[1] + j0)
        var p2 = UnsafePointer(blocks[2] + j0), p3 = UnsafePointer(blocks[3] + j0)
        var p4 = UnsafePointer(blocks[4] + j0), p5 = UnsafePointer(blocks[5] + j0)
        var p6 = UnsafePointer(blocks[6] + j0), p7 = UnsafePointer(blocks[7] + j0)
        var r0 = SIMD8<Float>.zero, r1 = SIMD8<Float>.zero, r2 = SIMD8<Float>.zero, r3 = SIMD8<Float>.zero
        var r4 = SIMD8<Float>.zero, r5 = SIMD8<Float>.zero, r6 = SIMD8<Float>.zero, r7 = SIMD8<Float>.zero
        var b = bits
        for _ in 0..<D {
            let s = UnsafeRawPointer(b).loadUnaligned(as: SIMD8<UInt32>.self) & SIMD8(repeating: 0x8000_0000)
            r0 = r0 + signed(load8(p0), SIMD8(repeating: s[0])); r1 = r1 + signed(load8(p1), SIMD8(repeating: s[1]))
            r2 = r2 + signed(load8(p2), SIMD8(repeating: s[2])); r3 = r3 + signed(load8(p3), SIMD8(repeating: s[3]))
            r4 = r4 + signed(load8(p4), SIMD8(repeating: s[4])); r5 = r5 + signed(load8(p5), SIMD8(repeating: s[5]))
            r6 = r6 + signed(load8(p6), SIMD8(repeating: s[6])); r7 = r7 + signed(load8(p7), SIMD8(repeating: s[7]))
            p0 += m; p1 += m; p2 += m; p3 += m; p4 += m; p5 += m; p6 += m; p7 += m
            b += 8
        }
        out[0] = r0; out[1] = r1; out[2] = r2; out[3] = r3; out[4] = r4; out[5] = r5; out[6] = r6; out[7] = r7
    }
}

// The LSH-switched controller's slopes in the batched path. Each agent of a group may
// pick another bank at every layer, so a bank's slopes cannot be stored lane-wise the way
// the plain controller's are (a lane-wise bank would make every layer read every bank some
// lane picked, 8 lanes wide). They are stored agent by agent instead, `slopes` read as
// floats: agent a's 2·n·L·M slopes at a·P, layer l's bank m at (l·M + m)·2n within them.
// A layer's chosen banks are kept lane-wise in `bankCache`, per group and layer, and only
// the lanes whose bank changed are refreshed (all eight at once by 8×8 transposes).

extension BrainBatch {
    /// The lane-wise slopes group g's layer l uses: each lane's bank from the signs of its
    /// probe elements of x (``ControllerShape/bank(_:)``), that bank's 2n slopes in lane-wise
    /// registers. They are kept per (group, layer) with the banks they hold: a lane whose bank
    /// is unchanged since the last step costs nothing (nearby inputs hash alike, so banks
    /// change rarely); a few changed lanes are rewritten lane by lane, many by transposing
    /// all eight. Only values are moved, so the layer computes exactly what ``Brain`` does.
    @usableFromInline
    func selectBanks(group g: Int, layer l: Int, _ x: UnsafePointer<SIMD8<Float>>, _ ws: Workspace) -> UnsafePointer<SIMD8<Float>> {
        let shape = architecture.controllerShape
        let width = 2 * shape.width, P = shape.parameterCount
        var bank = SIMD8<Int32>.zero
        for q in 0..<shape.bankBits {
            bank.replace(with: bank | Int32(1 << q), where: x[shape.bankProbe(q)] .< 0)
        }
        let slot = g * shape.layers + l
        let out = bankCache!.base + slot * width
        let held = heldBanks[slot]
        if held == bank { return UnsafePointer(out) }
        heldBanks[slot] = bank
        let floats = UnsafeRawPointer(slopes.base + g * P)
        // Byte offset of lane k's chosen bank: agent 8g + k, layer l, bank m.
        func source(_ k: Int) -> UnsafeRawPointer {
            floats + 4 * (k * P + (l * shape.banks + Int(bank[k])) * width)
        }
        let changed = held .!= bank
        var count = 0
        for k in 0..<8 where changed[k] { count += 1 }
        if count <= 3 {
            for k in 0..<8 where changed[k] {
                let from = source(k).assumingMemoryBound(to: Float.self)
                for i in 0..<width { out[i][k] = from[i] }
            }
            return UnsafePointer(out)
        }
        let (s0, s1, s2, s3) = (source(0), source(1), source(2), source(3))
        let (s4, s5, s6, s7) = (source(4), source(5), source(6), source(7))
        var i = 0
        while i < width {
            let o = 4 * i
            let t = Self.transpose(s0.load(fromByteOffset: o, as: SIMD8<Float>.self), s1.load(fromByteOffset: o, as: SIMD8<Float>.self),
                                   s2.load(fromByteOffset: o, as: SIMD8<Float>.self), s3.load(fromByteOffset: o, as: SIMD8<Float>.self),
                                   s4.load(fromByteOffset: o, as: SIMD8<Float>.self), s5.load(fromByteOffset: o, as: SIMD8<Float>.self),
                                   s6.load(fromByteOffset: o, as: SIMD8<Float>.self), s7.load(fromByteOffset: o, as: SIMD8<Float>.self))
            out[i] = t.0; out[i + 1] = t.1; out[i + 2] = t.2; out[i + 3] = t.3
            out[i + 4] = t.4; out[i + 5] = t.5; out[i + 6] = t.6; out[i + 7] = t.7
            i += 8
        }
        return UnsafePointer(out)
    }

    /// Forgets what the bank cache holds for one agent (its slopes changed).
    func invalidateBanks(agent: Int) {
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        for l in 0..<architecture.controllerLayers { heldBanks[g * architecture.controllerLayers + l][lane] = -1 }
    }

    /// An 8×8 transpose: row j of the result holds element j of each argument. The AVX
    /// idiom in three steps of eight shuffles, each written as the elements it picks (which
    /// the compiler turns into one instruction): interleave pairs of rows within each
    /// 128-bit half, interleave pairs of pairs, then join the halves.
    @inline(__always) @usableFromInline
    static func transpose(_ r0: SIMD8<Float>, _ r1: SIMD8<Float>, _ r2: SIMD8<Float>, _ r3: SIMD8<Float>,
                          _ r4: SIMD8<Float>, _ r5: SIMD8<Float>, _ r6: SIMD8<Float>, _ r7: SIMD8<Float>)
        -> (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>) {
        @inline(__always) func low(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
            SIMD8(a[0], b[0], a[1], b[1], a[4], b[4], a[5], b[5])
        }
        @inline(__always) func high(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
            SIMD8(a[2], b[2], a[3], b[3], a[6], b[6], a[7], b[7])
        }
        @inline(__always) func lowPairs(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
            SIMD8(a[0], a[1], b[0], b[1], a[4], a[5], b[4], b[5])
        }
        @inline(__always) func highPairs(_ a: SIMD8<Float>, _ b: SIMD8<Float>) -> SIMD8<Float> {
            SIMD8(a[2], a[3], b[2], b[3], a[6], a[7], b[6], b[7])
        }
        let t0 = low(r0, r1), t1 = high(r0, r1), t2 = low(r2, r3), t3 = high(r2, r3)
        let t4 = low(r4, r5), t5 = high(r4, r5), t6 = low(r6, r7), t7 = high(r6, r7)
        let u0 = lowPairs(t0, t2), u1 = highPairs(t0, t2), u2 = lowPairs(t1, t3), u3 = highPairs(t1, t3)
        let u4 = lowPairs(t4, t6), u5 = highPairs(t4, t6), u6 = lowPairs(t5, t7), u7 = highPairs(t5, t7)
        return (SIMD8(lowHalf: u0.lowHalf, highHalf: u4.lowHalf), SIMD8(lowHalf: u1.lowHalf, highHalf: u5.lowHalf),
                SIMD8(lowHalf: u2.lowHalf, highHalf: u6.lowHalf), SIMD8(lowHalf: u3.lowHalf, highHalf: u7.lowHalf),
                SIMD8(lowHalf: u0.highHalf, highHalf: u4.highHalf), SIMD8(lowHalf: u1.highHalf, highHalf: u5.highHalf),
                SIMD8(lowHalf: u2.highHalf, highHalf: u6.highHalf), SIMD8(lowHalf: u3.highHalf, highHalf: u7.highHalf))
    }
}

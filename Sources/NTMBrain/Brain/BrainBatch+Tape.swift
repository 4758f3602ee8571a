import CNTMKernels

extension BrainBatch {
    /// The tape half of a step for group g (see ``Brain/apply(controllerOutput:)``):
    /// clamp, hash, write, read, store r and h, scatter the motors.
    @usableFromInline
    func runTape(_ g: Int, lanes: Int, motors: UnsafeMutablePointer<Float>, _ ws: Workspace) {
        let a = architecture
        let o = ws.output.base
        let M = a.motorCount, m = a.valueWidth, h = a.recurrentWidth, D = a.hashBits
        let one = SIMD8<Float>(repeating: 1)
        if let outputs {
            let k = a.outputCount
            for i in 0..<k { outputs.base[g * k + i] = o[i] }
        }
        if let readKeyOverride {
            let start = a.readKeySlots.lowerBound
            for l in 0..<lanes {
                let key = readKeyOverride(g * 8 + l)
                precondition(key.count == a.keyWidth, "a read-key override must give \(a.keyWidth) values")
                for i in 0..<a.keyWidth { o[start + i][l] = key[i] }
            }
        }

        for i in 0..<M {
            let v = Self.clamp(o[i], -one, one)
            for l in 0..<lanes { motors[l * M + i] = v[l] }
        }
        let value = ws.value.base
        for j in 0..<m { value[j] = Self.clamp(o[a.valueSlots.lowerBound + j], -one, one) }
        var gate = Self.clamp(0.5 + 0.5 * o[a.gateSlot], .zero, one)

        let r = reads.base + g * m
        let w = weights.base + g * a.tapeStateCount
        let limit = SIMD8<Float>(repeating: a.readClamp)
        let kind = a.memoryKind
        switch ablation.memory {
        case .full:
            hash(o + a.writeKeySlots.lowerBound, into: ws.writeBits.base, ws)
            hash(o + a.readKeySlots.lowerBound, into: ws.readBits.base, ws)
            if case .noveltyGated(let beta, let tau) = kind {
                gate = noveltyGate(gate, lanes: lanes, counters: w + a.memoryShape.blockSize, beta: beta, tau: tau, ws)
            }
            if case .blocks = kind {
                blockStep(g, gate: gate, ws, into: r)
            } else {
                if kind.decayRate > 0 {
                    TapeKernel.decayThenRecall(w, D, m, keep: SIMD8(repeating: 1 - kind.decayRate),
                                               bits: ws.writeBits.base, into: ws.recall.base)
                } else {
                    TapeKernel.recall(ws.writeBits.base, w, D, m, into: ws.recall.base)
                }
                let d = SIMD8<Float>(repeating: Float(D))
                for j in 0..<m { ws.delta.base[j] = (gate * (value[j] - ws.recall.base[j])) / d }
                TapeKernel.updateThenRecall(w, D, m, writeBits: ws.writeBits.base, delta: ws.delta.base,
                                            readBits: ws.readBits.base, into: r)
            }
            for j in 0..<m { r[j] = Self.clamp(r[j], -limit, limit) }
        case .frozen:
            gate = .zero
            hash(o + a.readKeySlots.lowerBound, into: ws.readBits.base, ws)
            if case .blocks = kind {
                blockRecall(g, ws.readBits.base, ws, into: r)
            } else {
                TapeKernel.recall(ws.readBits.base, w, D, m, into: r)
            }
            for j in 0..<m { r[j] = Self.clamp(r[j], -limit, limit) }
        case .off:
            gate = .zero
            for j in 0..<m { r[j] = .zero }
        }
        gates.base[g] = gate
        for j in 0..<h { recurrent.base[g * h + j] = Self.clamp(o[a.recurrentSlots.lowerBound + j], -one, one) }
    }

    /// The novelty filter for the lanes of a group: each lane's visits n (the least of its d
    /// counters), its gate damped to γ·(τ/(τ + n)), then each counter raised by the
    /// requested γ: ``AssociativeMemory/write(_:value:gate:)``'s order, lane by lane where a
    /// lane has its own counter, a register at a time where the arithmetic is the same per
    /// lane. Each round's counter indices are formed lane-wise from the bits' signs
    /// (``MemoryShape/counter(round:bucketBits:bits:)``'s index, by compare masks): the bits
    /// are random, so a branch per bit, lane and round was mispredicted half the time.
    @usableFromInline
    func noveltyGate(_ gate: SIMD8<Float>, lanes: Int, counters: UnsafeMutablePointer<SIMD8<Float>>,
                     beta: Int, tau: Float, _ ws: Workspace) -> SIMD8<Float> {
        let shape = architecture.memoryShape
        let bits = ws.writeBits.base
        return withUnsafeTemporaryAllocation(of: SIMD8<Int32>.self, capacity: shape.density) { index in
            for r in 0..<shape.density {
                var i = SIMD8<Int32>(repeating: Int32(r &<< beta))
                for q in 0..<beta { i.replace(with: i | Int32(1 &<< q), where: bits[r &* shape.keyWidth &+ q] .< 0) }
                index[r] = i
            }
            var n = SIMD8<Float>(repeating: .infinity)
            for r in 0..<shape.density {
                var c = SIMD8<Float>.zero
                for l in 0..<8 { c[l] = counters[Int(index[r][l])][l] }
                n.replace(with: c, where: c .< n)          // min(n, c), in round order
            }
            for r in 0..<shape.density {
                for l in 0..<lanes { counters[Int(index[r][l])][l] += gate[l] }
            }
            var damped = gate * (SIMD8(repeating: tau) / (SIMD8(repeating: tau) + n))
            for l in lanes..<8 { damped[l] = gate[l] }    // padding lanes: never damped, as before
            return damped
        }
    }

    /// A block tape's write and read for group g, in ``AssociativeMemory``'s order: recall
    /// in the write key's block, δ = (γ·e)/D, update that block, then recall in the read
    /// key's block. Each agent uses its own blocks, on its contiguous state
    /// (``tapeStart(agent:)``); all eight lanes run, padding lanes included, as in the
    /// lane-wise tapes. The passes are C at every width (CNTMKernels/blocks.c).
    @usableFromInline
    func blockStep(_ g: Int, gate: SIMD8<Float>, _ ws: Workspace, into r: UnsafeMutablePointer<SIMD8<Float>>) {
        let shape = architecture.memoryShape
        let D = shape.hashBits, m = shape.valueWidth
        blockRecall(g, ws.writeBits.base, ws, into: ws.recall.base)
        let d = SIMD8<Float>(repeating: Float(D))
        for j in 0..<m { ws.delta.base[j] = (gate * (ws.value.base[j] - ws.recall.base[j])) / d }
        withBlocks(g, selectedBy: ws.writeBits.base) { blocks in
            ntm_block_update(LaneKernel.floats(UnsafePointer(ws.writeBits.base)), blocks, D, m,
                             LaneKernel.floats(UnsafePointer(ws.delta.base)))
        }
        blockRecall(g, ws.readBits.base, ws, into: r)
    }

    /// `out[j][a] = Σₜ bits[t][a] · Wₐ[t][j]` for the eight agents a of group g, each in the
    /// block its own bits select.
    @usableFromInline
    func blockRecall(_ g: Int, _ bits: UnsafeMutablePointer<SIMD8<Float>>, _ ws: Workspace,
                     into out: UnsafeMutablePointer<SIMD8<Float>>) {
        let shape = architecture.memoryShape
        withBlocks(g, selectedBy: bits) { blocks in
            ntm_block_recall(LaneKernel.floats(UnsafePointer(bits)), blocks, shape.hashBits, shape.valueWidth,
                             LaneKernel.floats(out))
        }
    }

    /// Lends `body` the block of each agent of group g that the hash bits at `bits` select
    /// (``MemoryShape/block(bits:)``: its first B bits), as eight pointers into the agents' states.
    @inline(__always) @usableFromInline
    func withBlocks<R>(_ g: Int, selectedBy bits: UnsafeMutablePointer<SIMD8<Float>>,
                       _ body: (UnsafePointer<UnsafeMutablePointer<Float>?>) -> R) -> R {
        let shape = architecture.memoryShape
        return Self.withLane(0, bits) { b in
            withUnsafeTemporaryAllocation(of: UnsafeMutablePointer<Float>?.self, capacity: 8) { blocks in
                for a in 0..<8 {
                    blocks[a] = tapeStart(agent: g * 8 + a).start + shape.block { b[$0 &* 8 &+ a] } * shape.blockSize
                }
                return body(UnsafePointer(blocks.baseAddress!))
            }
        }
    }

    /// Lane l of lane-wise registers as floats 8 apart: element i at `body`'s `p[i·8]`.
    @inline(__always) @usableFromInline
    static func withLane<R>(_ l: Int, _ registers: UnsafeMutablePointer<SIMD8<Float>>,
                            _ body: (UnsafeMutablePointer<Float>) -> R) -> R {
        body(UnsafeMutableRawPointer(registers).assumingMemoryBound(to: Float.self) + l)
    }

    /// The D hash bits (±1) of the key at `key` (nk registers): d rounds of
    /// `z ← WHT(flipᵣ ⊙ z)·(1/√nk)`, bit = z < 0 ? −1 : +1.
    ///
    /// Each round's flip, and the previous round's scaling, happen as the transform's first
    /// pass loads its elements: `(z[i]·c)·flip[i]`, the same two roundings in the same order
    /// as scaling z and then flipping it (round 0 reads the key with c = 1, exactly the key).
    /// The scaled z is never stored; the bits take their signs from `z·c` itself, so a
    /// product that underflows to −0 gives +1, as the definition says. Where AVX-512 is in
    /// force and the key is 16 or 32 floats, the C kernel runs every round with z in registers
    /// (`ntm_tape_hash`), the same operations in the same order.
    @usableFromInline
    func hash(_ key: UnsafePointer<SIMD8<Float>>, into bits: UnsafeMutablePointer<SIMD8<Float>>, _ ws: Workspace) {
        let nk = architecture.keyWidth
        let c = SIMD8<Float>(repeating: WalshHadamard.scale(forLength: nk))
        let z = ws.key.base
        let plus = SIMD8<Float>(repeating: 1), minus = SIMD8<Float>(repeating: -1)
        memoryFlips.withUnsafeBufferPointer { flips in
            if ntm_tape_hash(LaneKernel.floats(bits), LaneKernel.floats(key), nk, architecture.density,
                             flips.baseAddress!, c[0]) != 0 {
                return
            }
            var source = key, scale = SIMD8<Float>(repeating: 1)
            var out = bits
            for round in 0..<architecture.density {
                LaneKernel.scaleFlipThenTransform(z, nk, input: source, scale: scale, flips: flips.baseAddress! + round &* nk)
                for i in 0..<nk { out[i] = plus.replacing(with: minus, where: z[i] * c .< 0) }
                (source, scale, out) = (UnsafePointer(z), c, out + nk)
            }
        }
    }

    /// Lane-wise `x < lo ? lo : (x > hi ? hi : x)`, the same order as the scalar clamp.
    @inline(__always) @usableFromInline
    static func clamp(_ x: SIMD8<Float>, _ lo: SIMD8<Float>, _ hi: SIMD8<Float>) -> SIMD8<Float> {
        x.replacing(with: hi, where: x .> hi).replacing(with: lo, where: x .< lo)
    }
}

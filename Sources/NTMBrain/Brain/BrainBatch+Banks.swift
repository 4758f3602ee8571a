import CNTMKernels

// The LSH-switched controller's slopes in the batched path. Each agent of a group may
// pick another bank at every layer, so a bank's slopes cannot be stored lane-wise the way
// the plain controller's are (a lane-wise bank would make every layer read every bank some
// lane picked, 8 lanes wide). They are stored agent by agent instead, `slopes` read as
// halves (FilterBankController.bankHalf): agent a's 2·n·L·M slopes at half a·P, layer l's
// bank m at (l·M + m)·2n within them, each such row of 2n in pair order (ntm_row_position:
// per block of sixteen, the even elements, then the odd), which lets the AVX-512 transpose
// move halves and widen them last.
// A layer's chosen banks are kept lane-wise in `bankCache`, as floats, per group and layer.
// When any lane changes bank, all eight lanes' rows are transposed (and widened): into the
// cache if the lanes chose the same banks last step too (they may keep them,
// `ntm_interleave_halves`), else straight into the switch (`ntm_wht_lanes_switch_rows`:
// with AVX-512 and n ≥ 32 transposed in registers into the first pass, otherwise through
// 8 KB of the workspace's scratch that stay in L1), the cache untouched. A lane that strays
// to another bank for a step and comes back so finds its usual bank still cached, and banks
// that change every step cost no cache traffic: the cache (as large as the plain slopes,
// 1 MB at 256 agents) is neither written nor read.
//
// What that costs when every lane picks a new bank at every layer (fresh random sensors
// each step): the transpose moves 2n halves per lane through the shuffle port, and the
// banks, 8× the plain controller's slopes (4× its bytes, as halves), stop fitting in cache
// long before the plain slopes do. README, "A controller switched upstream", has the
// measurements (Emerald Rapids, binaries alternated): rewriting such layers in scratch
// rather than in the cache made them 0.81–0.86× as costly at 256 agents; halves instead of
// floats took the step with fresh random sensors from 1.52–1.81× plain to 1.35–1.49×;
// transposing halves and widening last, to 1.26–1.39×; taking the rows straight into the
// switch, to 1.24–1.35×, median 1.30× (1.32–1.46×, median 1.36×, in the same runs without).
// Blending only the one or two lanes that changed into the cache, once the cheaper way,
// then cost `forage` more than it saved (below, ``BankPath``).

extension BrainBatch {
    /// How a switch layer got its slopes (a test hook: ``onBankPath``).
    ///
    /// There is no path for a few lanes only. Blending just the lanes that changed into
    /// the cache (a pass over the layer's 2n registers per lane) made the `forage` world
    /// bench, where a layer that changes banks changes about two lanes, 1.20–1.30× the
    /// plain controller with up to two lanes blended (eight runs), 1.18–1.24× with one
    /// (eight) and 1.15–1.21× with none (four; binaries alternated, 2026-12-04). Once the
    /// transposes moved halves and the rows could go straight into the switch, a blend cost
    /// more than it saved; it also replaced, in the cache, the bank a straying lane would
    /// come back to.
    package enum BankPath: Sendable {
        /// The cache held every lane's bank.
        case cached
        /// Some lanes changed bank, to the banks they chose last step too: all eight were
        /// rewritten into the cache by transposes.
        case rewritten
        /// Some lanes changed bank, and not to last step's: all eight lanes' rows went
        /// straight into the switch (``ntm_wht_lanes_switch_rows``), leaving the cache as it
        /// was.
        case direct
    }

    /// Runs switch layer l of group g on x (n registers) with the slopes each lane's bank
    /// names: the bank from the signs of its probe elements of x
    /// (``ControllerShape/bank(_:)``), then `x ← WHT(x ⊙ slope)` as
    /// ``LaneKernel/switchThenTransform(_:_:negative:positive:)``. When no lane's bank
    /// changed since the last step (nearby inputs hash alike) the layer costs what a plain
    /// one does. Only values are moved, so the layer computes exactly what ``Brain``
    /// does.
    @usableFromInline
    func switchBanked(group g: Int, layer l: Int, _ x: UnsafeMutablePointer<SIMD8<Float>>, bank: SIMD8<Int32>, _ ws: Workspace) {
        let shape = architecture.controllerShape
        let n = shape.width, width = 2 * n
        let slot = g * shape.layers + l
        let cache = bankCache!.base + slot * width
        let held = heldBanks[slot]
        func row(_ k: Int) -> UnsafePointer<UInt16> { bankRow(group: g, layer: l, lane: k, bank: bank[k]) }

        let stable = lastBanks[slot] == bank
        lastBanks[slot] = bank
        if held == bank {
            onBankPath?(.cached)
            LaneKernel.switchThenTransform(x, n, negative: cache, positive: cache + n)
            return
        }
        withUnsafeTemporaryAllocation(of: UnsafePointer<UInt16>?.self, capacity: 8) { rows in
            for k in 0..<8 { rows[k] = row(k) }
            if stable {
                heldBanks[slot] = bank
                ntm_interleave_halves(LaneKernel.floats(cache), rows.baseAddress!, width)
                onBankPath?(.rewritten)
                LaneKernel.switchThenTransform(x, n, negative: cache, positive: cache + n)
            } else {
                ntm_wht_lanes_switch_rows(LaneKernel.floats(x), n, rows.baseAddress!, LaneKernel.floats(ws.bankScratch.base))
                onBankPath?(.direct)
            }
        }
    }

    /// Each lane's bank for a layer whose input is x: the signs of its probe elements
    /// (``ControllerShape/bank(_:)``), lane-wise.
    @inline(__always) @usableFromInline
    func bank(of x: UnsafeMutablePointer<SIMD8<Float>>) -> SIMD8<Int32> {
        let shape = architecture.controllerShape
        var bank = SIMD8<Int32>.zero
        for q in 0..<shape.bankBits {
            bank.replace(with: bank | Int32(1 << q), where: x[shape.bankProbe(q)] .< 0)
        }
        return bank
    }

    /// Where bank m of layer l of lane k of group g begins: agent 8g + k's 2n halves of it.
    @inline(__always) @usableFromInline
    func bankRow(group g: Int, layer l: Int, lane k: Int, bank m: Int32) -> UnsafePointer<UInt16> {
        let shape = architecture.controllerShape, P = shape.parameterCount
        let halves = UnsafeRawPointer(slopes.base + g * (P / 2)).assumingMemoryBound(to: UInt16.self)
        return halves + k * P + (l * shape.banks + Int(m)) * 2 * shape.width
    }

    /// What the cache holds for switch layer l of group g: each lane's bank and the
    /// lane-wise slopes, 2n registers as floats (a test hook).
    package func cachedBanks(group g: Int, layer l: Int) -> (banks: SIMD8<Int32>, slopes: [Float]) {
        let width = 2 * architecture.controllerShape.width, slot = g * architecture.controllerLayers + l
        let cache = bankCache!.base + slot * width
        return (heldBanks[slot], (0..<width).flatMap { r in (0..<8).map { cache[r][$0] } })
    }

    /// Forgets what the bank cache holds for one agent (its slopes changed).
    func invalidateBanks(agent: Int) {
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        for l in 0..<architecture.controllerLayers { heldBanks[g * architecture.controllerLayers + l][lane] = -1 }
    }
}

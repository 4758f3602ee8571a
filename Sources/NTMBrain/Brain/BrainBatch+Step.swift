extension BrainBatch {
    /// Scratch registers for stepping one group at a time. One per thread; reusing it means
    /// no allocation happens in the per-step path.
    public final class Workspace: @unchecked Sendable {
        @usableFromInline let input: LaneBuffer      // p
        @usableFromInline let x: LaneBuffer          // n
        @usableFromInline let output: LaneBuffer     // k
        @usableFromInline let value: LaneBuffer      // m
        @usableFromInline let recall: LaneBuffer     // m
        @usableFromInline let delta: LaneBuffer      // m
        @usableFromInline let key: LaneBuffer        // nk
        @usableFromInline let writeBits: LaneBuffer  // D
        @usableFromInline let readBits: LaneBuffer   // D
        @usableFromInline let bankScratch: LaneBuffer  // 2n with slope banks (rows into the switch without AVX-512), else none
        /// Whether the last sweep over the groups ran backwards (``sweep(_:_:_:)``).
        @usableFromInline var backwards = false

        public init(architecture a: BrainArchitecture) {
            input = LaneBuffer(count: a.inputCount)
            x = LaneBuffer(count: a.controllerWidth)
            output = LaneBuffer(count: a.outputCount)
            value = LaneBuffer(count: a.valueWidth)
            recall = LaneBuffer(count: a.valueWidth)
            delta = LaneBuffer(count: a.valueWidth)
            key = LaneBuffer(count: a.keyWidth)
            writeBits = LaneBuffer(count: a.hashBits)
            readBits = LaneBuffer(count: a.hashBits)
            bankScratch = LaneBuffer(count: a.switchBanks > 1 ? 2 * a.controllerWidth : 0)
        }
    }

    /// Steps every agent once. `sensors` is agent-major (`count × sensorCount`), and so is
    /// `motors` (`count × motorCount`), each command in [−1, 1].
    public func step(sensors: [Float], motors: inout [Float]) {
        let a = architecture
        precondition(sensors.count == count * a.sensorCount, "expected \(count * a.sensorCount) sensor values")
        precondition(motors.count == count * a.motorCount, "expected \(count * a.motorCount) motor values")
        sensors.withUnsafeBufferPointer { s in
            motors.withUnsafeMutableBufferPointer { m in
                step(groups: 0..<groupCount, sensors: s, motors: m, workspace: defaultWorkspace)
            }
        }
    }

    /// Steps the agents of `groups` (8 agents each) with `workspace`. Disjoint group ranges
    /// may run concurrently with distinct workspaces.
    func step(groups: Range<Int>, sensors: UnsafeBufferPointer<Float>,
                     motors: UnsafeMutableBufferPointer<Float>, workspace: Workspace) {
        precondition(groups.lowerBound >= 0 && groups.upperBound <= groupCount)
        precondition(sensors.count >= count * architecture.sensorCount)
        precondition(motors.count >= count * architecture.motorCount)
        Self.sweep(groups, workspace) { g in stepGroup(g, sensors.baseAddress, motors.baseAddress!, workspace) }
    }

    /// Runs `body` for each group of `groups`, forwards and backwards on alternate calls
    /// with the same workspace. A group's tape and slopes are 64 KB at the default size, so
    /// 256 agents fill a 2 MB L2 exactly; a sweep in one direction over a little more than
    /// the cache holds misses on every group, since each was evicted just before it came
    /// round again. Reversed, the groups the last sweep touched last are touched first, while
    /// they are still cached. Groups are independent, so their order changes no bits.
    @inline(__always) @usableFromInline
    static func sweep(_ groups: Range<Int>, _ ws: Workspace, _ body: (Int) -> Void) {
        ws.backwards.toggle()
        if ws.backwards {
            for g in groups.reversed() { body(g) }
        } else {
            for g in groups { body(g) }
        }
    }

    /// Lends the sensor input registers to `body` as floats, for writing the next step's
    /// sensors in place: sensor s of agent i lives at `8·(S·⌊i/8⌋ + s) + i mod 8`, i.e. each
    /// agent's sensors are 8 floats apart (padding lanes stay zero). The pointer is valid
    /// only inside `body`. Then ``stepFromSensorInputs(motors:activeGroups:)``.
    public func withSensorInputs<R>(_ body: (UnsafeMutablePointer<Float>) throws -> R) rethrows -> R {
        try sensorInputs.base.withMemoryRebound(to: Float.self, capacity: 8 * sensorInputs.count, body)
    }

    /// What the sensor registers hold for one agent (after a step: what it sensed).
    public func sensorInputs(agent: Int) -> [Float] {
        let S = architecture.sensorCount
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        return (0..<S).map { sensorInputs.base[g * S + $0][lane] }
    }

    /// Steps only the groups for which `active(g)` holds (e.g. those with a live agent; the
    /// others keep their state untouched), from the sensors already in the input registers.
    /// The same step as ``step(sensors:motors:)`` without its transposing gather, for callers
    /// (the arena) that write their sensors lane-wise to begin with.
    public func stepFromSensorInputs(motors: inout [Float], activeGroups active: (Int) -> Bool) {
        let a = architecture
        precondition(motors.count == count * a.motorCount)
        let laneSensors = sensorInputs.base
        motors.withUnsafeMutableBufferPointer { m in
            Self.sweep(0..<groupCount, defaultWorkspace) { g in
                guard active(g) else { return }
                let u = defaultWorkspace.input.base
                for s in 0..<a.sensorCount { u[s] = laneSensors[g * a.sensorCount + s] }
                stepGathered(g, m.baseAddress!, defaultWorkspace)
            }
        }
    }

    /// One group: gather inputs, run the controller, then the tape.
    @usableFromInline
    func stepGroup(_ g: Int, _ sensors: UnsafePointer<Float>?, _ motors: UnsafeMutablePointer<Float>, _ ws: Workspace) {
        let lanes = min(8, count - g * 8)
        let first = g * 8
        let S = architecture.sensorCount
        // Sensors, agent-major in memory, become lane-wise registers: float s·8 + l of the
        // input is agent l's sensor s. Written as floats, one store each: assembling each
        // register lane by lane cost more than the controller's tiling.
        let u = ws.input.base
        Self.withLane(0, u) { floats in
            if lanes < 8 || sensors == nil { for i in 0..<(S * 8) { floats[i] = 0 } }
            if let sensors {
                for l in 0..<lanes {
                    let agent = sensors + (first + l) * S
                    for s in 0..<S { floats[s &* 8 &+ l] = agent[s] }
                }
            }
        }
        stepGathered(g, motors, ws)
    }

    /// The rest of a step once `ws.input` holds the group's sensors: complete
    /// u = [sensors, 1, r_prev, h_prev], run the controller, then the tape.
    @usableFromInline
    func stepGathered(_ g: Int, _ motors: UnsafeMutablePointer<Float>, _ ws: Workspace) {
        let a = architecture
        let lanes = min(8, count - g * 8)
        let first = g * 8
        let S = a.sensorCount, m = a.valueWidth, h = a.recurrentWidth, p = a.inputCount
        let u = ws.input.base
        u[S] = SIMD8(repeating: 1)
        for j in 0..<m { u[S + 1 + j] = reads.base[g * m + j] }
        for j in 0..<h { u[S + 1 + m + j] = ablation.recurrence ? recurrent.base[g * h + j] : .zero }

        var contained = SIMD8<Int32>.zero
        contained &+= Self.containNonFinite(u, p)
        contained &+= runController(g, ws)
        for l in 0..<lanes { nonFinite[first + l] += Int(contained[l]) }

        runTape(g, lanes: lanes, motors: motors + first * a.motorCount, ws)
    }

    /// Replaces non-finite entries by 0; returns how many each lane had.
    @inline(__always) @usableFromInline
    static func containNonFinite(_ v: UnsafeMutablePointer<SIMD8<Float>>, _ count: Int) -> SIMD8<Int32> {
        var counts = SIMD8<Int32>.zero
        for i in 0..<count {
            // x − x is 0 exactly when x is finite (∞ − ∞ and NaN − NaN are NaN).
            let bad = .!((v[i] - v[i]) .== .zero)
            if any(bad) {
                v[i].replace(with: 0, where: bad)
                counts.replace(with: counts &+ 1, where: bad)
            }
        }
        return counts
    }

    /// The controller for group g: from `ws.input` to `ws.output`; see
    /// ``FilterBankController`` for the evaluation order. Returns non-finite outputs per lane.
    @usableFromInline
    func runController(_ g: Int, _ ws: Workspace) -> SIMD8<Int32> {
        let a = architecture
        let n = a.controllerWidth, k = a.outputCount
        let u = ws.input.base, x = ws.x.base
        // The layer loop below is the controller's definition with each elementwise step
        // (tiling, switch slopes) fused into the first pass of the WHT that follows it.
        inputFlips.withUnsafeBufferPointer { flips in
            inputTiles.withUnsafeBufferPointer { tiles in
                LaneKernel.tileThenTransform(x, n, input: u, tiles: tiles.baseAddress!, flips: flips.baseAddress!)
            }
        }
        if a.switchBanks == 1 {
            var layer = UnsafePointer(slopes.base + g * a.parameterCount)
            for _ in 0..<a.controllerLayers {
                LaneKernel.switchThenTransform(x, n, negative: layer, positive: layer + n)
                layer += 2 * n
            }
        } else {
            for l in 0..<a.controllerLayers { switchBanked(group: g, layer: l, x, bank: bank(of: x), ws) }
        }
        let c = SIMD8<Float>(repeating: WalshHadamard.scale(forLength: n))
        let y = ws.output.base
        for i in 0..<k { y[i] = x[i] * c }
        return Self.containNonFinite(y, k)
    }
}

import CNTMKernels

/// A population of brains of one architecture, stepped together: the performance path.
///
/// Agents are indices. They are packed eight to a *group*, and every per-agent quantity is
/// stored *lane-wise*: one `SIMD8<Float>` register per element index holds that element for
/// the eight agents of the group. Every WHT stage, every switch slope and every tape update
/// is then a whole-register operation, with no shuffles and no per-agent objects. The last
/// group is padded with inert lanes (zero slopes, zero sensors) whose outputs are ignored.
///
/// **Contract:** stepping an agent here gives, bit for bit, the same motors, reads, gates
/// and tape as stepping a ``Brain`` with the same parameters and sensors. Tests check it.
///
/// Groups are independent, so callers may step disjoint group ranges on different threads,
/// each with its own ``Workspace``.
public final class BrainBatch: @unchecked Sendable {
    public let architecture: BrainArchitecture
    /// Number of agents (not counting padding lanes).
    public let count: Int
    /// Number of 8-agent groups, ⌈count / 8⌉.
    public let groupCount: Int
    public var ablation: Ablation

    // Lane-wise state, group-major: group g's block starts at g × (block size).
    @usableFromInline let slopes: LaneBuffer       // L × [a′ (n) | b′ (n)] per group; agent-major with slope banks
    @usableFromInline let weights: LaneBuffer      // tape state per group: W (blocks × D × m, W_k[t][j] at k·D·m + t·m + j), then counters
    @usableFromInline let reads: LaneBuffer        // m per group
    @usableFromInline let recurrent: LaneBuffer    // h per group
    @usableFromInline let gates: LaneBuffer        // 1 per group
    /// Sensor inputs, lane-wise: register g·S + s holds sensor s of group g's agents (padding
    /// lanes zero). The arena writes them through ``withSensorInputs(_:)``.
    @usableFromInline let sensorInputs: LaneBuffer
    @usableFromInline var nonFinite: [Int]
    /// With slope banks: the lane-wise slopes each (group, layer) last used, 2n registers
    /// each, and which bank every lane of them holds (−1: none). See BrainBatch+Banks.swift.
    /// Each group reads and writes only its own entries, so the run-time exclusivity check
    /// is left out (it ran once per switch layer: `swift_beginAccess` and its access set were
    /// 1.3 % of a profile of LSH-switched `forage`, against 0.3 % for the plain controller).
    @usableFromInline let bankCache: LaneBuffer?
    @exclusivity(unchecked) @usableFromInline var heldBanks: [SIMD8<Int32>]
    /// The banks every lane of each (group, layer) chose last step, whether or not the
    /// cache took them: a layer whose lanes chose the same banks twice running is worth
    /// caching; one whose banks keep changing goes straight into the switch pass, the cache
    /// left alone (BrainBatch+Banks.swift).
    @exclusivity(unchecked) @usableFromInline var lastBanks: [SIMD8<Int32>]
    /// Called with the way each switch layer got its banked slopes (tests only; nil
    /// otherwise, and not for concurrent stepping).
    package var onBankPath: ((BankPath) -> Void)?
    /// When set, every step keeps each agent's raw controller outputs (for traces and the
    /// inspector); off by default, since the population path never needs them.
    public var recordsOutputs = false {
        didSet { if recordsOutputs && outputs == nil { outputs = LaneBuffer(count: groupCount * architecture.outputCount) } }
    }
    @usableFromInline var outputs: LaneBuffer?
    /// A lesion hook: when set, each agent's read key is replaced by `readKeyOverride(agent)`
    /// (nk values) after the controller runs and before the tape hashes it, so the agent
    /// reads with a key that is not its own. Recorded outputs keep the controller's key.
    public var readKeyOverride: ((_ agent: Int) -> [Float])?
    @usableFromInline let inputFlips: [Float]
    /// i mod p for each of the controller's n elements: which input tiles element i.
    @usableFromInline let inputTiles: [Int32]
    @usableFromInline let memoryFlips: [Float]
    /// The workspace used by ``step(sensors:motors:)``.
    @usableFromInline let defaultWorkspace: Workspace

    /// A population of `count` brains, all with zero slopes until ``setParameters(_:forAgent:)``.
    public init(architecture: BrainArchitecture, count: Int, ablation: Ablation = .none) {
        precondition(count >= 0)
        architecture.requireValid()
        self.architecture = architecture
        self.count = count
        self.groupCount = (count + 7) / 8
        self.ablation = ablation
        let a = architecture
        // With slope banks, halves: a group's 8·P of them fill P/2 registers.
        slopes = LaneBuffer(count: groupCount * (a.switchBanks > 1 ? a.parameterCount / 2 : a.parameterCount))
        weights = LaneBuffer(count: groupCount * a.tapeStateCount)
        reads = LaneBuffer(count: groupCount * a.valueWidth)
        recurrent = LaneBuffer(count: groupCount * a.recurrentWidth)
        gates = LaneBuffer(count: groupCount)
        sensorInputs = LaneBuffer(count: groupCount * a.sensorCount)
        nonFinite = [Int](repeating: 0, count: count)
        let cached = a.switchBanks > 1 ? groupCount * a.controllerLayers : 0
        bankCache = cached > 0 ? LaneBuffer(count: cached * 2 * a.controllerWidth) : nil
        heldBanks = [SIMD8<Int32>](repeating: SIMD8(repeating: -1), count: cached)
        lastBanks = heldBanks
        inputFlips = SignPattern.make(seed: a.signSeed, stream: 0, count: a.controllerWidth)
        inputTiles = (0..<a.controllerWidth).map { Int32($0 % a.inputCount) }
        memoryFlips = a.memoryShape.flips()
        defaultWorkspace = Workspace(architecture: a)
    }

    /// A population with the given parameter vectors, one per agent.
    public convenience init(architecture: BrainArchitecture, parameters: [[Float]], ablation: Ablation = .none) {
        self.init(architecture: architecture, count: parameters.count, ablation: ablation)
        for (i, p) in parameters.enumerated() { setParameters(p, forAgent: i) }
    }

    /// Installs an agent's genome (its switch slopes), prescaled by g/√n as in
    /// ``FilterBankController``. Does not touch its tape.
    public func setParameters(_ parameters: [Float], forAgent agent: Int) {
        precondition(parameters.count == architecture.parameterCount,
                     "expected \(architecture.parameterCount) parameters, got \(parameters.count)")
        let k = FilterBankController.layerScale(architecture.controllerShape)
        if architecture.switchBanks > 1 {
            // Agent-major halves (BrainBatch+Banks.swift): agent a's slopes at half a·P, each
            // bank's row of 2n in the pair order the kernels read (ntm_row_position).
            let halves = UnsafeMutableRawPointer(slopes.base).assumingMemoryBound(to: UInt16.self) + agent * architecture.parameterCount
            let row = 2 * architecture.controllerShape.width
            withUnsafeTemporaryAllocation(of: UInt16.self, capacity: row) { natural in
                for start in stride(from: 0, to: parameters.count, by: row) {
                    for i in 0..<row { natural[i] = FilterBankController.bankHalf(parameters[start + i] * k) }
                    ntm_store_row_halves(halves + start, natural.baseAddress!, row)
                }
            }
            invalidateBanks(agent: agent)
            return
        }
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        let block = slopes.base + g * architecture.parameterCount
        for i in 0..<parameters.count { block[i][lane] = parameters[i] * k }
    }

    /// Birth for every agent: zero tapes, reads, recurrent state and counters.
    public func resetAll() {
        for agent in 0..<count { reset(agent: agent) }
    }

    /// Birth for one agent.
    public func reset(agent: Int) {
        wipeMemory(agent: agent)
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        let a = architecture
        for j in 0..<a.valueWidth { reads.base[g * a.valueWidth + j][lane] = 0 }
        for j in 0..<a.recurrentWidth { recurrent.base[g * a.recurrentWidth + j][lane] = 0 }
        gates.base[g][lane] = 0
        nonFinite[agent] = 0
    }

    /// A live lesion: zero one agent's tape W (and a novelty filter's counters).
    public func wipeMemory(agent: Int) {
        let (start, stride) = tapeStart(agent: agent)
        for i in 0..<architecture.tapeStateCount { start[i &* stride] = 0 }
    }

    /// Where an agent's tape state lives: element i (of ``AssociativeMemory/state``'s order)
    /// at `start[i·stride]`. A group's region holds 8 × ``BrainArchitecture/tapeStateCount``
    /// floats. Lane-wise tapes interleave its 8 agents (stride 8), so one step is one pass
    /// over the region for all of them. A block tape keeps each agent's state contiguous
    /// (stride 1): the agents of a group write to different blocks, so it steps them one at a
    /// time with the SIMD width across value columns instead (CNTMKernels/blocks.c).
    @usableFromInline
    func tapeStart(agent: Int) -> (start: UnsafeMutablePointer<Float>, stride: Int) {
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        let size = architecture.tapeStateCount
        let group = UnsafeMutableRawPointer(weights.base + g * size).assumingMemoryBound(to: Float.self)
        if case .blocks = architecture.memoryKind { return (group + lane * size, 1) }
        return (group + lane, 8)
    }

    /// A lesion: one agent's tape gone, W and the read it would carry into its next step
    /// both zero (with memory `off`, nothing refills them).
    public func removeMemory(agent: Int) {
        wipeMemory(agent: agent)
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        for j in 0..<architecture.valueWidth { reads.base[g * architecture.valueWidth + j][lane] = 0 }
    }

    /// An agent's tape W (every block, each D × m row-major), as ``AssociativeMemory/weights``.
    public func memoryWeights(agent: Int) -> [Float] {
        Array(tapeState(agent: agent)[0..<(architecture.memoryKind.blockCount * architecture.memoryShape.blockSize)])
    }

    /// An agent's whole tape state: W, then any novelty counters (``AssociativeMemory/state``).
    public func tapeState(agent: Int) -> [Float] {
        let (start, stride) = tapeStart(agent: agent)
        return (0..<architecture.tapeStateCount).map { start[$0 &* stride] }
    }

    /// The vector the agent read on its last step.
    public func lastRead(agent: Int) -> [Float] {
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        let m = architecture.valueWidth
        return (0..<m).map { reads.base[g * m + $0][lane] }
    }

    /// The recurrent state after the agent's last step.
    public func recurrentState(agent: Int) -> [Float] {
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        let h = architecture.recurrentWidth
        return (0..<h).map { recurrent.base[g * h + $0][lane] }
    }

    /// The agent's raw controller outputs on its last step (requires ``recordsOutputs``).
    public func lastOutputs(agent: Int) -> [Float] {
        guard let outputs else { return [] }
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        let k = architecture.outputCount
        return (0..<k).map { outputs.base[g * k + $0][lane] }
    }

    /// The write gate applied on the agent's last step.
    public func lastGate(agent: Int) -> Float {
        gates.base[agent / 8][agent % 8]
    }

    /// How many non-finite values the agent's controller has contained.
    public func nonFiniteCount(agent: Int) -> Int { nonFinite[agent] }

    /// A fingerprint of every agent's full state (tape, read, recurrent state, gate,
    /// counter), for determinism tests.
    public func stateHash() -> StateHash {
        var hash = StateHash()
        for agent in 0..<count {
            hash.combine(floats: tapeState(agent: agent))
            hash.combine(floats: lastRead(agent: agent))
            hash.combine(floats: recurrentState(agent: agent))
            hash.combine(lastGate(agent: agent))
            hash.combine(UInt64(nonFinite[agent]))
        }
        return hash
    }
}

import NTMBrain
import Testing

@Suite("NTM step: batched lane-wise brains")
struct BrainBatchTests {
    /// Runs `agents` brains both ways for `steps` steps and returns (batch hash, mismatches).
    static func compare(_ a: BrainArchitecture, agents: Int, steps: Int, ablation: Ablation, label: UInt64) -> Int {
        var rng = testRNG(label)
        let genomes = (0..<agents).map { _ in randomFloats(a.parameterCount, using: &rng) }
        var singles = genomes.map { Brain(architecture: a, parameters: $0, ablation: ablation) }
        let batch = BrainBatch(architecture: a, parameters: genomes, ablation: ablation)
        var motors = [Float](repeating: 0, count: agents * a.motorCount)
        var mismatches = 0
        for step in 0..<steps {
            var sensors = randomFloats(agents * a.sensorCount, -2, 2, using: &rng)
            if step == 3 { sensors[1] = .nan; sensors[a.sensorCount * (agents - 1)] = .infinity }
            batch.step(sensors: sensors, motors: &motors)
            for i in 0..<agents {
                let m = singles[i].step(sensors: Array(sensors[(i * a.sensorCount)..<((i + 1) * a.sensorCount)]))
                if bits(m) != bits(Array(motors[(i * a.motorCount)..<((i + 1) * a.motorCount)])) { mismatches += 1 }
                if bits(singles[i].lastRead) != bits(batch.lastRead(agent: i)) { mismatches += 1 }
                if singles[i].lastActivity!.gate.bitPattern != batch.lastGate(agent: i).bitPattern { mismatches += 1 }
                if bits(singles[i].recurrentState) != bits(batch.recurrentState(agent: i)) { mismatches += 1 }
                if singles[i].nonFiniteCount != batch.nonFiniteCount(agent: i) { mismatches += 1 }
            }
        }
        for i in 0..<agents where bits(singles[i].memory.state) != bits(batch.tapeState(agent: i)) { mismatches += 1 }
        return mismatches
    }

    @Test("Batched and single-agent paths give bit-identical outputs, reads, gates and tapes",
          arguments: [Ablation(), Ablation(memory: .frozen), Ablation(memory: .off), Ablation(recurrence: false)])
    func batchedEqualsSingle(ablation: Ablation) {
        let a = BrainArchitecture(sensorCount: 9, motorCount: 3, controllerWidth: 64, controllerLayers: 3,
                                  keyWidth: 16, density: 3, valueWidth: 11, recurrentWidth: 2)
        #expect(Self.compare(a, agents: 13, steps: 12, ablation: ablation, label: 40) == 0)
    }

    @Test("Value widths that leave columns after the blocks of eight (the memory worlds' 4; 5 = 4 + 1; 13 = 8 + 4 + 1): batched and single-agent paths bit-identical, hashed and block tapes",
          arguments: [4, 5, 13])
    func tailColumnsBatchedEqualsSingle(valueWidth: Int) {
        for kind in [MemoryKind.hashed, .blocks(bits: 2)] {
            let a = BrainArchitecture(sensorCount: 9, motorCount: 3, controllerWidth: 64, controllerLayers: 3,
                                      keyWidth: 16, density: 4, valueWidth: valueWidth, recurrentWidth: 0, memoryKind: kind)
            #expect(Self.compare(a, agents: 11, steps: 12, ablation: Ablation(), label: 180 + UInt64(valueWidth)) == 0, "\(kind), m = \(valueWidth)")
        }
    }

    @Test("Every tape variant: batched and single-agent paths bit-identical, with every ablation",
          arguments: [MemoryKind.blocks(bits: 2), .decaying(rate: 0.05), .noveltyGated(bucketBits: 3, halfVisits: 2)])
    func variantsBatchedEqualsSingle(kind: MemoryKind) {
        let a = BrainArchitecture(sensorCount: 9, motorCount: 3, controllerWidth: 64, controllerLayers: 3,
                                  keyWidth: 16, density: 3, valueWidth: 11, recurrentWidth: 2, memoryKind: kind)
        for (k, ablation) in [Ablation(), Ablation(memory: .frozen), Ablation(recurrence: false)].enumerated() {
            #expect(Self.compare(a, agents: 13, steps: 12, ablation: ablation, label: 140 + UInt64(k)) == 0, "\(kind) \(ablation)")
        }
    }

    @Test("LSH-switched controller: batched and single-agent paths bit-identical", arguments: [2, 8])
    func switchedBatchedEqualsSingle(banks: Int) {
        let a = BrainArchitecture(sensorCount: 9, motorCount: 3, controllerWidth: 64, controllerLayers: 3,
                                  keyWidth: 16, density: 3, valueWidth: 11, recurrentWidth: 2, switchBanks: banks)
        for (k, ablation) in [Ablation(), Ablation(memory: .off)].enumerated() {
            #expect(Self.compare(a, agents: 21, steps: 12, ablation: ablation, label: 150 + UInt64(k)) == 0, "\(banks) \(ablation)")
        }
    }

    @Test("LSH-switched: the bank cache stays exact when a few lanes change bank, and when an agent gets new slopes")
    func switchedCache() {
        let twins = SwitchedTwins(seed: 160)
        var rng = testRNG(1160)
        var sensors = randomFloats(16 * 6, using: &rng)
        for step in 0..<24 {
            if step % 5 == 4 { for s in 0..<6 { sensors[3 * 6 + s] = rng.nextFloat(in: -1, 1) } }   // one agent moves
            if step == 10 { twins.rebirth(agent: 5, genome: randomFloats(twins.a.parameterCount, using: &rng)) }
            twins.step(sensors)
        }
        #expect(twins.mismatches == 0)
        #expect(twins.paths[.rewritten, default: 0] > 0)
        #expect(twins.paths[.direct, default: 0] > 0)
    }

    @Test("LSH-switched: held banks come from the cache; new ones are rewritten into it when chosen twice running, else go straight into the switch; the single agent's bits every way")
    func switchedPaths() {
        let twins = SwitchedTwins(seed: 161)
        var rng = testRNG(1161)
        var sensors = randomFloats(16 * 6, using: &rng)
        // Held sensors (banks settle), fresh ones every step (banks new each time), held again.
        for step in 0..<18 {
            if (6..<12).contains(step) { sensors = randomFloats(16 * 6, using: &rng) }
            twins.step(sensors)
        }
        #expect(twins.mismatches == 0)
        #expect(twins.paths.values.reduce(0, +) == 18 * 2 * 3)
        #expect(twins.paths[.rewritten, default: 0] > 0)
        #expect(twins.paths[.direct, default: 0] > 0)
        #expect(twins.paths[.cached, default: 0] > 0)
    }

    @Test("LSH-switched: a layer's cached slopes change only when the cache takes new banks; banks that change every step leave it as it was, so a lane that strays finds its bank on return")
    func switchedDirectLeavesCache() {
        let twins = SwitchedTwins(seed: 162)
        var rng = testRNG(1162)
        let held = randomFloats(16 * 6, using: &rng)
        for _ in 0..<6 { twins.step(held) }   // banks settle into the cache
        let slots = (0..<2).flatMap { g in (0..<3).map { (g, $0) } }
        func snapshot() -> [(banks: SIMD8<Int32>, slopes: [Float])] { slots.map { twins.batch.cachedBanks(group: $0.0, layer: $0.1) } }
        var before = snapshot(), changedBanks = 0
        twins.paths = [:]
        for step in 0..<10 {
            // Fresh sensors on odd steps (banks stray for a step), the held ones on even.
            twins.step(step % 2 == 1 ? randomFloats(16 * 6, using: &rng) : held)
            let after = snapshot()
            for (b, a) in zip(before, after) {
                if b.banks == a.banks {
                    #expect(bits(b.slopes) == bits(a.slopes), "cache written without new banks, step \(step)")
                } else { changedBanks += 1 }
            }
            before = after
        }
        #expect(twins.mismatches == 0)
        #expect(twins.paths[.direct, default: 0] > 0 && twins.paths[.cached, default: 0] > 0)
        #expect(changedBanks < twins.paths[.direct, default: 0])
    }

    @Test("Lane buffers start on a cache line, so no register load straddles two", arguments: [1, 7, 64, 1000])
    func laneBuffersAreCacheLineAligned(count: Int) {
        // SIMD8<Float> itself is only 16-byte aligned; allocated as registers, every second
        // buffer started 16 bytes into a line.
        for _ in 0..<8 {
            #expect(LaneBuffer(count: count).address % UInt(LaneBuffer.alignment) == 0)
        }
        #expect(LaneBuffer.alignment % 32 == 0)
    }

    @Test("Bit-identical at the default size too")
    func batchedEqualsSingleDefault() {
        #expect(Self.compare(defaultArchitecture, agents: 9, steps: 6, ablation: Ablation(), label: 41) == 0)
    }

    @Test("Non-finite sensors are contained and counted per agent")
    func nonFiniteCounted() {
        let a = defaultArchitecture
        var rng = testRNG(42)
        let batch = BrainBatch(architecture: a, parameters: (0..<3).map { _ in randomFloats(a.parameterCount, using: &rng) })
        var sensors = randomFloats(3 * a.sensorCount, using: &rng)
        sensors[a.sensorCount + 2] = .nan
        var motors = [Float](repeating: 0, count: 3 * a.motorCount)
        batch.step(sensors: sensors, motors: &motors)
        #expect(motors.allSatisfy { $0.isFinite })
        #expect((0..<3).map { batch.nonFiniteCount(agent: $0) } == [0, 1, 0])
    }

    /// The fingerprint of a fixed seeded run. The README's test command runs the suite in
    /// both debug and release builds, so this one constant pins the two to the same bits
    /// (and any later change of the numerics shows up here, deliberately).
    @Test("A seeded run has the same state hash in every build")
    func goldenStateHash() {
        #expect(Self.seededRunHash(defaultArchitecture) == "38f44a5da211391b")
    }

    /// 21 random brains of architecture `a`, 40 steps on random sensors: every motor
    /// command and the final state, hashed.
    static func seededRunHash(_ a: BrainArchitecture) -> String {
        var rng = testRNG(43)
        let batch = BrainBatch(architecture: a, parameters: (0..<21).map { _ in randomFloats(a.parameterCount, using: &rng) })
        var motors = [Float](repeating: 0, count: 21 * a.motorCount)
        var hash = StateHash()
        for _ in 0..<40 {
            batch.step(sensors: randomFloats(21 * a.sensorCount, using: &rng), motors: &motors)
            hash.combine(floats: motors)
        }
        hash.combine(batch.stateHash().value)
        return hash.hex
    }

    /// One fingerprint per variant at the default size, as above: the variants' numerics
    /// pinned across builds.
    @Test("Each tape variant, and the LSH-switched controller, has its own fixed state hash in every build",
          arguments: [(MemoryKind.blocks(bits: 3), "4a97fa817ddd3e65"), (.decaying(rate: 0.01), "b5067810b900700a"),
                      (.noveltyGated(bucketBits: 4, halfVisits: 4), "c704d9a0645e3f28"), (.hashed, "54b2d359df82ea08")])
    func goldenVariantHash(kind: MemoryKind, expected: String) {
        var a = defaultArchitecture
        a.memoryKind = kind
        if kind == .hashed { a.switchBanks = 8 }     // the LSH-switched controller with the default tape
        #expect(Self.seededRunHash(a) == expected, "\(kind)")
    }

    @Test("Wiping one agent's tape leaves the others alone")
    func wipeOne() {
        let a = defaultArchitecture
        var rng = testRNG(44)
        let batch = BrainBatch(architecture: a, parameters: (0..<10).map { _ in randomFloats(a.parameterCount, using: &rng) })
        var motors = [Float](repeating: 0, count: 10 * a.motorCount)
        for _ in 0..<5 { batch.step(sensors: randomFloats(10 * a.sensorCount, using: &rng), motors: &motors) }
        let other = batch.memoryWeights(agent: 8)
        batch.wipeMemory(agent: 9)
        #expect(batch.memoryWeights(agent: 9).allSatisfy { $0 == 0 })
        #expect(bits(batch.memoryWeights(agent: 8)) == bits(other))
        #expect(other.contains { $0 != 0 })
    }
}

/// Sixteen LSH-switched brains (M = 8, two groups of eight) stepped side by side as one batch
/// and one by one, counting the steps whose motors differ in any bit and how each batched
/// switch layer got its slopes.
private final class SwitchedTwins {
    let a = BrainArchitecture(sensorCount: 6, motorCount: 2, controllerWidth: 32, controllerLayers: 3,
                              keyWidth: 8, density: 2, valueWidth: 3, switchBanks: 8)
    var singles: [Brain]
    let batch: BrainBatch
    var paths: [BrainBatch.BankPath: Int] = [:]
    var mismatches = 0

    init(seed: UInt64) {
        var rng = testRNG(seed)
        let genomes = (0..<16).map { [a] _ in randomFloats(a.parameterCount, using: &rng) }
        singles = genomes.map { [a] in Brain(architecture: a, parameters: $0) }
        batch = BrainBatch(architecture: a, parameters: genomes)
        batch.onBankPath = { [unowned self] in paths[$0, default: 0] += 1 }
    }

    func step(_ sensors: [Float]) {
        var motors = [Float](repeating: 0, count: 32)
        batch.step(sensors: sensors, motors: &motors)
        for i in 0..<16 {
            let m = singles[i].step(sensors: Array(sensors[(i * 6)..<((i + 1) * 6)]))
            if bits(m) != bits(Array(motors[(2 * i)..<(2 * i + 2)])) { mismatches += 1 }
        }
    }

    /// New slopes and a fresh start for one agent, in both.
    func rebirth(agent: Int, genome: [Float]) {
        batch.setParameters(genome, forAgent: agent)
        batch.reset(agent: agent)
        singles[agent] = Brain(architecture: a, parameters: genome)
    }
}

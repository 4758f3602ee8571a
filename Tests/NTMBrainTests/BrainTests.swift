import NTMBrain
import Testing

@Suite("NTM step: single-agent brain")
struct BrainTests {
    static let architecture = BrainArchitecture(sensorCount: 6, motorCount: 2, controllerWidth: 64, controllerLayers: 3,
                                                keyWidth: 16, density: 3, valueWidth: 4)

    /// Controller outputs for one step, laid out as the architecture says.
    static func outputs(readKey: [Float], writeKey: [Float], value: [Float], gate: Float) -> [Float] {
        let a = architecture
        var o = [Float](repeating: 0, count: a.outputCount)
        for (i, v) in readKey.enumerated() { o[a.readKeySlots.lowerBound + i] = v }
        for (i, v) in writeKey.enumerated() { o[a.writeKeySlots.lowerBound + i] = v }
        for (i, v) in value.enumerated() { o[a.valueSlots.lowerBound + i] = v }
        o[a.gateSlot] = gate
        return o
    }

    @Test("A hand-set controller that writes a value under a key reads it back later")
    func writeThenReadBack() {
        var rng = testRNG(30)
        var brain = Brain(architecture: Self.architecture, parameters: [Float](repeating: 0, count: Self.architecture.parameterCount))
        let key = randomFloats(16, using: &rng)
        let value: [Float] = [0.75, -0.5, 0.25, 1]
        // Step 0: write (gate output 1 → γ = 1) while reading an unrelated key.
        _ = brain.apply(controllerOutput: Self.outputs(readKey: randomFloats(16, using: &rng), writeKey: key, value: value, gate: 1))
        #expect(brain.lastActivity?.gate == 1)
        // Steps 1–4: other keys, gate output −1 → γ = 0: nothing is written.
        for _ in 1...4 {
            _ = brain.apply(controllerOutput: Self.outputs(readKey: randomFloats(16, using: &rng), writeKey: randomFloats(16, using: &rng),
                                                           value: randomFloats(4, using: &rng), gate: -1))
            #expect(brain.lastActivity?.gate == 0)
        }
        // Step 5: read the first key.
        _ = brain.apply(controllerOutput: Self.outputs(readKey: key, writeKey: randomFloats(16, using: &rng), value: [0, 0, 0, 0], gate: -1))
        for j in 0..<4 { #expect(abs(brain.lastRead[j] - value[j]) < 1e-5) }
        // The read is the next step's input.
        let u = brain.input(sensors: [Float](repeating: 0, count: 6))
        #expect(Array(u[Self.architecture.readInputSlots]) == brain.lastRead)
        #expect(u[Self.architecture.biasSlot] == 1)
    }

    @Test("Memory off: every read is exactly zero and the tape stays empty")
    func memoryOff() {
        var rng = testRNG(31)
        let a = Self.architecture
        var brain = Brain(architecture: a, parameters: randomFloats(a.parameterCount, using: &rng), ablation: Ablation(memory: .off))
        for _ in 0..<50 {
            _ = brain.step(sensors: randomFloats(a.sensorCount, using: &rng))
            #expect(brain.lastRead.allSatisfy { $0.bitPattern == 0 })
            #expect(brain.lastActivity?.gate == 0)
        }
        #expect(brain.memory.weights.allSatisfy { $0.bitPattern == 0 })
    }

    @Test("Memory frozen: the tape never changes, though reads continue")
    func memoryFrozen() {
        var rng = testRNG(32)
        let a = Self.architecture
        var brain = Brain(architecture: a, parameters: randomFloats(a.parameterCount, using: &rng))
        for _ in 0..<20 { _ = brain.step(sensors: randomFloats(a.sensorCount, using: &rng)) }
        let learned = brain.memory.weights
        #expect(learned.contains { $0 != 0 })
        brain.ablation.memory = .frozen
        var readsSeen = Set<[Float]>()
        for _ in 0..<50 {
            _ = brain.step(sensors: randomFloats(a.sensorCount, using: &rng))
            #expect(bits(brain.memory.weights) == bits(learned))
            readsSeen.insert(brain.lastRead)
        }
        #expect(readsSeen.count > 1)
    }

    @Test("Motors are in [−1, 1]; the gate in [0, 1]; recurrence off feeds zeros")
    func ranges() {
        var rng = testRNG(33)
        var a = Self.architecture
        a.recurrentWidth = 3
        var brain = Brain(architecture: a, parameters: randomFloats(a.parameterCount, using: &rng),
                          ablation: Ablation(recurrence: false))
        for _ in 0..<50 {
            let motors = brain.step(sensors: randomFloats(a.sensorCount, -100, 100, using: &rng))
            #expect(motors.allSatisfy { $0 >= -1 && $0 <= 1 })
            #expect((0...1).contains(brain.lastActivity!.gate))
        }
        #expect(brain.recurrentState.contains { $0 != 0 })
        #expect(brain.input(sensors: [Float](repeating: 0, count: a.sensorCount))[a.recurrentInputSlots].allSatisfy { $0 == 0 })
    }

    @Test("Reset and wipe clear what an agent learned")
    func resetAndWipe() {
        var rng = testRNG(34)
        let a = Self.architecture
        var brain = Brain(architecture: a, parameters: randomFloats(a.parameterCount, using: &rng))
        for _ in 0..<10 { _ = brain.step(sensors: randomFloats(a.sensorCount, using: &rng)) }
        brain.wipeMemory()
        #expect(brain.memory.weights.allSatisfy { $0 == 0 })
        #expect(brain.lastRead.contains { $0 != 0 })
        brain.reset()
        #expect(brain.lastRead.allSatisfy { $0 == 0 })
    }
}

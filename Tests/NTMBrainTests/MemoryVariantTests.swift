import Foundation
import NTMBrain
import Testing

@Suite("Tape variants: blocks, decaying, novelty-gated")
struct MemoryVariantTests {
    static func shape(_ kind: MemoryKind) -> MemoryShape {
        MemoryShape(keyWidth: 32, density: 4, valueWidth: 8, readClamp: 2, kind: kind)
    }

    /// A key whose first B hash bits are the given signs: random keys are drawn until one fits.
    static func key(withBlock block: Int, _ memory: AssociativeMemory, using rng: inout Xoshiro256StarStar) -> [Float] {
        while true {
            let k = randomFloats(32, using: &rng)
            if memory.block(of: memory.hash(k)) == block { return k }
        }
    }

    @Test("Blocks: two keys that differ in the block bits have exactly zero crosstalk")
    func blocksNoCrosstalk() {
        var rng = testRNG(60)
        var memory = AssociativeMemory(shape: Self.shape(.blocks(bits: 3)))
        #expect(memory.weights.count == 8 * 128 * 8)
        let a = Self.key(withBlock: 5, memory, using: &rng)
        let value = randomFloats(8, using: &rng)
        memory.write(a, value: value, gate: 1)
        for block in 0..<8 where block != 5 {
            let b = Self.key(withBlock: block, memory, using: &rng)
            #expect(memory.read(b).allSatisfy { $0 == 0 }, "block \(block) reads what block 5 stored")
            memory.write(b, value: randomFloats(8, using: &rng), gate: 1)
        }
        // Seven writes elsewhere later, a's recall is still exactly what one write made it.
        var alone = AssociativeMemory(shape: Self.shape(.blocks(bits: 3)))
        alone.write(a, value: value, gate: 1)
        #expect(bits(memory.read(a)) == bits(alone.read(a)))
    }

    @Test("Blocks: keys in the same block share one matrix, as the plain tape does")
    func blocksWithinBlock() {
        var rng = testRNG(61)
        var memory = AssociativeMemory(shape: Self.shape(.blocks(bits: 2)))
        let a = Self.key(withBlock: 1, memory, using: &rng), b = Self.key(withBlock: 1, memory, using: &rng)
        memory.write(a, value: [Float](repeating: 1, count: 8), gate: 1)
        let leak = memory.read(b)
        // b's recall is ρ·1 for the overlap ρ = b·a/D of their bits: nonzero in general.
        let ha = memory.hash(a), hb = memory.hash(b)
        let rho = zip(ha, hb).map { $0 * $1 }.reduce(0, +) / 128
        for j in 0..<8 { #expect(abs(leak[j] - rho) < 1e-5) }
        #expect(rho != 0)
    }

    @Test("Decaying: each step keeps the fraction 1 − λ of the tape; after a write, the recall fades geometrically")
    func decay() {
        var rng = testRNG(62)
        var memory = AssociativeMemory(shape: Self.shape(.decaying(rate: 0.1)))
        let key = randomFloats(32, using: &rng)
        memory.write(key, value: [Float](repeating: 0.8, count: 8), gate: 1)
        let before = memory.weights
        memory.age()
        #expect(bits(memory.weights) == bits(before.map { $0 * 0.9 }))
        for _ in 0..<9 { memory.age() }
        let expected = 0.8 * Float(pow(0.9, 10.0))
        #expect(memory.read(key).allSatisfy { abs($0 - expected) < 1e-5 })
        // Other kinds do not age.
        var plain = AssociativeMemory(shape: Self.shape(.hashed))
        plain.write(key, value: [Float](repeating: 0.8, count: 8), gate: 1)
        let w = plain.weights
        plain.age()
        #expect(bits(plain.weights) == bits(w))
    }

    @Test("Novelty-gated: a key written k times alone gets the gate τ/(τ + k − 1)", arguments: [Float(1), 4])
    func noveltyGateFalls(tau: Float) {
        var rng = testRNG(63)
        var memory = AssociativeMemory(shape: Self.shape(.noveltyGated(bucketBits: 4, halfVisits: tau)))
        #expect(memory.visits.count == 4 * 16)
        let key = randomFloats(32, using: &rng)
        for k in 1...12 {
            let applied = memory.write(key, value: randomFloats(8, using: &rng), gate: 1)
            #expect(applied == tau * 1 / (tau + Float(k - 1)) || abs(applied - tau / (tau + Float(k - 1))) < 1e-6, "visit \(k)")
        }
        #expect(memory.visits(of: memory.hash(key)) == 12)
        // Half a gate requested counts as half a visit.
        var half = AssociativeMemory(shape: Self.shape(.noveltyGated(bucketBits: 4, halfVisits: tau)))
        half.write(key, value: randomFloats(8, using: &rng), gate: 0.5)
        #expect(half.visits(of: half.hash(key)) == 0.5)
        #expect(half.effectiveGate(1, bits: half.hash(key)) == tau / (tau + 0.5))
    }

    @Test("Novelty-gated: a never-visited region keeps the full gate; a similar key shares the damping")
    func noveltyIsLocal() {
        var rng = testRNG(64)
        var memory = AssociativeMemory(shape: Self.shape(.noveltyGated(bucketBits: 4, halfVisits: 2)))
        let key = randomFloats(32, using: &rng)
        for _ in 0..<6 { memory.write(key, value: randomFloats(8, using: &rng), gate: 1) }
        // A slightly perturbed key lands in the same buckets (locality-sensitive bits).
        let near = key.map { $0 + 0.001 }
        #expect(memory.effectiveGate(1, bits: memory.hash(near)) == Float(2) / (2 + 6))
        // A key with every bucket elsewhere has no visits.
        let bitsOfKey = memory.hash(key)
        var fresh: [Float]
        repeat { fresh = randomFloats(32, using: &rng) } while (0..<4).contains { r in
            (0..<4).allSatisfy { q in (memory.hash(fresh)[r * 32 + q] < 0) == (bitsOfKey[r * 32 + q] < 0) }
        }
        #expect(memory.effectiveGate(1, bits: memory.hash(fresh)) == 1)
    }

    @Test("Reset and the whole state: W and the counters together")
    func stateRoundTrip() {
        var rng = testRNG(65)
        var memory = AssociativeMemory(shape: Self.shape(.noveltyGated(bucketBits: 3, halfVisits: 4)))
        for _ in 0..<5 { memory.write(randomFloats(32, using: &rng), value: randomFloats(8, using: &rng), gate: 0.7) }
        #expect(memory.state.count == memory.shape.stateCount)
        var copy = AssociativeMemory(shape: memory.shape)
        copy.setState(memory.state)
        #expect(bits(copy.state) == bits(memory.state))
        memory.reset()
        #expect(memory.state.allSatisfy { $0 == 0 })
    }

    @Test("Each kind's parameters are checked, naming the world key",
          arguments: [(MemoryKind.blocks(bits: 0), "memory_blocks"), (.blocks(bits: 9), "memory_blocks"),
                      (.decaying(rate: 0), "memory_decay"), (.decaying(rate: 1), "memory_decay"),
                      (.noveltyGated(bucketBits: 0, halfVisits: 4), "novelty_bits"),
                      (.noveltyGated(bucketBits: 4, halfVisits: -1), "novelty_visits"),
                      (.noveltyGated(bucketBits: 4, halfVisits: .nan), "novelty_visits")])
    func validation(kind: MemoryKind, field: String) {
        #expect(throws: BrainShapeError.self) { try Self.shape(kind).validate() }
        do { try Self.shape(kind).validate() } catch { #expect("\(error)".contains(field)) }
    }
}

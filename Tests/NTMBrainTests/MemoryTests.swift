import Foundation
import NTMBrain
import Testing

@Suite("Hashed associative memory")
struct MemoryTests {
    static let shape = MemoryShape(keyWidth: 32, density: 4, valueWidth: 8, readClamp: 2)

    @Test("With gate 1, one write makes the recall of that key equal the value")
    func oneShotWrite() {
        var rng = testRNG(20)
        var memory = AssociativeMemory(shape: Self.shape)
        for _ in 0..<20 {       // on top of whatever is already stored
            let key = randomFloats(32, using: &rng)
            let value = randomFloats(8, using: &rng)
            memory.write(key, value: value, gate: 1)
            let recalled = memory.read(key)
            for j in 0..<8 { #expect(abs(recalled[j] - value[j]) < 1e-5) }
        }
    }

    @Test("With gate 0 a write changes nothing")
    func gateZero() {
        var rng = testRNG(21)
        var memory = AssociativeMemory(shape: Self.shape)
        memory.write(randomFloats(32, using: &rng), value: randomFloats(8, using: &rng), gate: 1)
        let before = memory.weights
        memory.write(randomFloats(32, using: &rng), value: randomFloats(8, using: &rng), gate: 0)
        #expect(bits(memory.weights) == bits(before))
    }

    @Test("A half-gated write moves the recall half way")
    func partialGate() {
        var rng = testRNG(22)
        var memory = AssociativeMemory(shape: Self.shape)
        let key = randomFloats(32, using: &rng)
        memory.write(key, value: [Float](repeating: 1, count: 8), gate: 0.5)
        #expect(memory.read(key).allSatisfy { abs($0 - 0.5) < 1e-6 })
    }

    /// For an orthonormal random rotation, the sign of each coordinate of two keys at
    /// angle θ agrees with probability 1 − θ/π; averaged over many key pairs, the hash
    /// bits must too.
    @Test("Hash bits of keys at angle θ agree on about 1 − θ/π of the bits",
          arguments: [Double.pi / 8, Double.pi / 4, Double.pi / 2, 3 * Double.pi / 4])
    func localitySensitive(theta: Double) {
        var rng = testRNG(23)
        let memory = AssociativeMemory(shape: Self.shape)
        var agreement = 0.0
        let pairs = 300
        for _ in 0..<pairs {
            let k = (0..<32).map { _ in rng.nextGaussian() }
            var q = (0..<32).map { _ in rng.nextGaussian() }
            let kk = k.reduce(0) { $0 + $1 * $1 }
            let qk = zip(q, k).reduce(0) { $0 + $1.0 * $1.1 }
            q = zip(q, k).map { $0 - qk / kk * $1 }                      // q ⊥ k
            let qn = q.reduce(0) { $0 + $1 * $1 }.squareRoot(), kn = kk.squareRoot()
            let k2 = zip(k, q).map { cos(theta) * $0 / kn + sin(theta) * $1 / qn }
            let a = memory.hash(k.map(Float.init)), b = memory.hash(k2.map(Float.init))
            agreement += Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
        }
        agreement /= Double(pairs)
        #expect(abs(agreement - (1 - theta / Double.pi)) < 0.02, "agreement \(agreement) at θ = \(theta)")
    }

    @Test("Reads are clamped to [−c, c]")
    func readClamp() {
        var rng = testRNG(24)
        let shape = MemoryShape(keyWidth: 16, density: 2, valueWidth: 4, readClamp: 0.75)
        var memory = AssociativeMemory(shape: shape)
        let key = randomFloats(16, using: &rng)
        for _ in 0..<3 { memory.write(key, value: [1, -1, 0.5, -0.5], gate: 1) }
        // Drive the raw recall far beyond the clamp by storing large weights directly.
        memory.setWeights(memory.weights.map { $0 * 100 })
        let r = memory.read(key)
        #expect(r == [0.75, -0.75, 0.75, -0.75])
        for _ in 0..<100 {
            #expect(memory.read(randomFloats(16, -10, 10, using: &rng)).allSatisfy { abs($0) <= 0.75 })
        }
    }

    @Test("Reset returns the tape to zero")
    func reset() {
        var rng = testRNG(25)
        var memory = AssociativeMemory(shape: Self.shape)
        memory.write(randomFloats(32, using: &rng), value: randomFloats(8, using: &rng), gate: 1)
        #expect(memory.weights.contains { $0 != 0 })
        memory.reset()
        #expect(memory.weights.allSatisfy { $0 == 0 })
    }
}

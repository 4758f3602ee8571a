import Foundation
import NTMBrain
import Testing

@Suite("Tape capacity: theory against measurement")
struct MemoryCapacityTests {
    static let sizes = [(key: 16, density: 2), (key: 32, density: 4)]

    @Test("The recursion's first steps give the closed forms: 0 for one item, s²σ²(1 + s²)/2 for two")
    func closedForms() {
        let s2 = MemoryCapacity.crosstalkVariance(keyWidth: 32, hashBits: 128)
        #expect(abs(s2 - ((1 - 4 / (Double.pi * Double.pi)) / 128 + 4 / (Double.pi * Double.pi) / 32)) < 1e-15)
        #expect(MemoryCapacity.oneShotRecallRMSE(keyWidth: 32, hashBits: 128, items: 1, clamp: nil) == 0)
        let sigma2 = 1.0 / 3
        let two = MemoryCapacity.oneShotRecallRMSE(keyWidth: 32, hashBits: 128, items: 2, clamp: nil)
        #expect(abs(two - (s2 * sigma2 * (1 + s2) / 2).squareRoot()) < 1e-12)
        // For N ≪ 1/s² the error grows as √(s²σ²(N − 1)/2).
        let eight = MemoryCapacity.oneShotRecallRMSE(keyWidth: 64, hashBits: 512, items: 8, clamp: nil)
        let s2big = MemoryCapacity.crosstalkVariance(keyWidth: 64, hashBits: 512)
        #expect(abs(eight / (s2big * sigma2 * 7 / 2).squareRoot() - 1) < 0.05)
    }

    @Test("A clamp far above every recall changes nothing; a tight clamp lowers the predicted error of a noisy recall")
    func clampTheory() {
        let raw = MemoryCapacity.oneShotRecallRMSE(keyWidth: 16, hashBits: 32, items: 64, clamp: nil)
        let loose = MemoryCapacity.oneShotRecallRMSE(keyWidth: 16, hashBits: 32, items: 64, clamp: 50)
        let tight = MemoryCapacity.oneShotRecallRMSE(keyWidth: 16, hashBits: 32, items: 64, clamp: 1)
        #expect(abs(loose / raw - 1) < 0.01)
        #expect(tight < raw * 0.99)
    }

    @Test("The measured overlap variance of unrelated keys is within 10 % of 0.595/D + 0.405/nk", arguments: sizes)
    func crosstalk(key: Int, density: Int) {
        let memory = AssociativeMemory(shape: MemoryShape(keyWidth: key, density: density, valueWidth: 1))
        var rng = testRNG(70)
        var sum = 0.0
        let pairs = 3000
        for _ in 0..<pairs {
            let a = memory.hash((0..<key).map { _ in Float(rng.nextGaussian()) })
            let b = memory.hash((0..<key).map { _ in Float(rng.nextGaussian()) })
            let rho = Double(zip(a, b).map { $0 * $1 }.reduce(0, +)) / Double(key * density)
            sum += rho * rho
        }
        let theory = MemoryCapacity.crosstalkVariance(keyWidth: key, hashBits: key * density)
        #expect(abs(sum / Double(pairs) / theory - 1) < 0.1, "measured \(sum / Double(pairs)), theory \(theory)")
    }

    @Test("One-shot recall error is within 25 % of the theory for every load up to D", arguments: sizes)
    func oneShotWithinTheory(key: Int, density: Int) {
        let shape = MemoryShape(keyWidth: key, density: density, valueWidth: 8)
        let D = shape.hashBits
        for n in [2, 4, 8, 16, 32, 64, 128] where n <= D {
            let probe = MemoryProbe(shape: shape, trials: max(4, 256 / n), seed: 71)
            let measured = probe.capacity(items: n, passes: 1)
            for (value, clamp) in [(measured.raw, nil), (measured.clamped, Double(shape.readClamp))] as [(Double, Double?)] {
                let theory = MemoryCapacity.oneShotRecallRMSE(keyWidth: key, hashBits: D, items: n, clamp: clamp)
                #expect(abs(value / theory - 1) < 0.25, "D = \(D), N = \(n): measured \(value), theory \(theory)")
            }
        }
    }

    @Test("Written over and over, items well below D are recalled exactly; beyond D, not even least squares does")
    func repeatedWrites() {
        let shape = MemoryShape(keyWidth: 16, density: 2, valueWidth: 8)
        let probe = MemoryProbe(shape: shape, trials: 3, seed: 72)
        #expect(probe.capacity(items: 16, passes: 32).raw < 0.01)
        #expect(probe.capacity(items: 16, passes: 1).raw > 0.2, "one pass is not enough")
        let over = probe.capacity(items: 64, passes: 32).raw
        #expect(over >= MemoryCapacity.leastSquaresFloor(hashBits: 32, items: 64))
    }

    @Test("Forgetting: the plain tape rewritten with an over-full set loses A; blocks and the novelty gate keep more of it")
    func forgettingOrder() {
        func a(_ kind: MemoryKind) -> Double {
            let probe = MemoryProbe(shape: MemoryShape(keyWidth: 16, density: 2, valueWidth: 4, kind: kind), trials: 3, seed: 73)
            return probe.forgetting(a: 8, b: 32, after: [20]).a.last!
        }
        let plain = a(.hashed)
        #expect(a(.blocks(bits: 3)) < plain)
        #expect(a(.noveltyGated(bucketBits: 4, halfVisits: 1)) < plain)
    }
}

import NTMBrain
import Testing

@Suite("Walsh–Hadamard transform")
struct WalshHadamardTests {
    static let lengthsTo4096 = (1...12).map { 1 << $0 }

    /// Integers small enough that every partial sum is exact in Float: |x| · n ≤ 2²⁴.
    static func integerInput(_ n: Int, _ rng: inout Xoshiro256StarStar) -> [Int] {
        let bound = max(1, (1 << 24) / n / 2)
        return (0..<n).map { _ in rng.nextInt(below: 2 * bound + 1) - bound }
    }

    @Test("Every kernel equals the O(n²) definition exactly on integer inputs", arguments: lengthsTo4096)
    func matchesDefinition(n: Int) {
        var rng = testRNG(UInt64(100 + n))
        for _ in 0..<3 {
            let x = Self.integerInput(n, &rng)
            let expected = WalshHadamard.referenceTransform(x).map(Float.init)
            var simd = x.map(Float.init)
            WalshHadamard.transform(&simd)
            #expect(bitMismatches(simd, expected) == 0)
            var scalar = x.map(Float.init)
            WalshHadamard.transformScalar(&scalar)
            #expect(bitMismatches(scalar, expected) == 0)
            // Nine vectors: a full group of eight and a partial one, each checked.
            var batch = (0..<9).map { k in x.map { Float($0 + k) } }
            WalshHadamard.transform(batch: &batch)
            for k in 0..<9 {
                let reference = WalshHadamard.referenceTransform(x.map { $0 + k }).map(Float.init)
                #expect(bitMismatches(batch[k], reference) == 0, "vector \(k)")
            }
        }
    }

    @Test("Reference matrix entries are (−1)^popcount(i & j)")
    func matrixEntries() {
        #expect(WalshHadamard.matrixEntry(0, 5) == 1)
        #expect(WalshHadamard.matrixEntry(3, 1) == -1)
        #expect(WalshHadamard.matrixEntry(3, 3) == 1)
        #expect(WalshHadamard.matrixEntry(7, 7) == -1)
        #expect(WalshHadamard.referenceTransform([1, 0, 0, 0]) == [1, 1, 1, 1])
        #expect(WalshHadamard.referenceTransform([0, 1, 0, 0]) == [1, -1, 1, -1])
    }

    @Test("SIMD, lane-wise and scalar kernels agree bit for bit on arbitrary floats",
          arguments: (1...16).map { 1 << $0 })
    func kernelsAgreeBitwise(n: Int) {
        var rng = testRNG(UInt64(200 + n))
        let vectors = (0..<8).map { _ in (0..<n).map { _ in Float(rng.nextGaussian()) * 1e3 } }
        var batch = vectors
        WalshHadamard.transform(batch: &batch)
        for (k, v) in vectors.enumerated() {
            var simd = v, scalar = v
            WalshHadamard.transform(&simd, .orthonormal)
            WalshHadamard.transformScalar(&scalar, .orthonormal)
            #expect(bitMismatches(simd, scalar) == 0)
            var unnormalized = v
            WalshHadamard.transform(&unnormalized)
            #expect(bitMismatches(batch[k], unnormalized) == 0)
        }
    }

    @Test("The orthonormal transform is its own inverse", arguments: [2, 8, 64, 128, 1024, 65536])
    func selfInverse(n: Int) {
        var rng = testRNG(UInt64(300 + n))
        let x = randomFloats(n, using: &rng)
        var y = x
        WalshHadamard.transform(&y, .orthonormal)
        #expect(bitMismatches(y, x) > 0)
        WalshHadamard.transform(&y, .orthonormal)
        let maxError = zip(x, y).map { abs($0 - $1) }.max()!
        #expect(maxError < 1e-5, "max |x − H(H(x))| = \(maxError)")
    }

    @Test("The orthonormal transform preserves the norm (Parseval)", arguments: [4, 32, 128, 4096])
    func parseval(n: Int) {
        var rng = testRNG(UInt64(400 + n))
        let x = randomFloats(n, using: &rng)
        var y = x
        WalshHadamard.transform(&y, .orthonormal)
        let before = x.reduce(0.0) { $0 + Double($1) * Double($1) }
        let after = y.reduce(0.0) { $0 + Double($1) * Double($1) }
        #expect(abs(after - before) / before < 1e-5)
    }

    @Test("Supported lengths are the powers of two from 2 to 65536")
    func supportedLengths() {
        #expect(WalshHadamard.isSupported(length: 2))
        #expect(WalshHadamard.isSupported(length: 65536))
        #expect(!WalshHadamard.isSupported(length: 1))
        #expect(!WalshHadamard.isSupported(length: 96))
        #expect(!WalshHadamard.isSupported(length: 131_072))
    }
}

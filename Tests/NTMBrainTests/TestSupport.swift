import NTMBrain

/// A generator for one test, named by a label so tests never share a stream.
func testRNG(_ label: UInt64) -> Xoshiro256StarStar {
    RandomStream.generator(0x7E57, label)
}

/// `count` floats uniform in [lo, hi).
func randomFloats(_ count: Int, _ lo: Float = -1, _ hi: Float = 1, using rng: inout Xoshiro256StarStar) -> [Float] {
    (0..<count).map { _ in rng.nextFloat(in: lo, hi) }
}

/// Exact bit patterns, so comparisons distinguish −0 from +0 and never accept "close".
func bits(_ values: [Float]) -> [UInt32] { values.map(\.bitPattern) }

/// The default brain at a test-friendly sensor count.
let defaultArchitecture = BrainArchitecture(sensorCount: 12, motorCount: 2)

/// How many positions differ in their exact bits: a failure reports a number, not two
/// arrays of 65536 floats.
func bitMismatches(_ a: [Float], _ b: [Float]) -> Int {
    a.count != b.count ? max(a.count, b.count) : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
}

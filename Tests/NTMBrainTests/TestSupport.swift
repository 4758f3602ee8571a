import NTMBrain
@_exported import NTMTestSupport

/// A generator for one test, named by a label so tests never share a stream.
func testRNG(_ label: UInt64) -> Xoshiro256StarStar {
    RandomStream.generator(0x7E57, label)
}

/// `count` floats uniform in [lo, hi).
func randomFloats(_ count: Int, _ lo: Float = -1, _ hi: Float = 1, using rng: inout Xoshiro256StarStar) -> [Float] {
    (0..<count).map { _ in rng.nextFloat(in: lo, hi) }
}


/// The default brain at a test-friendly sensor count.
let defaultArchitecture = BrainArchitecture(sensorCount: 12, motorCount: 2)

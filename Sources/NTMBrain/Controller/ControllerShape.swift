/// The shape of a fixed-filter-bank controller (NTMBrain.docc/Algorithms.md §3).
public struct ControllerShape: Hashable, Sendable {
    /// n: a power of two in 4...65536; the length of every WHT.
    public var width: Int
    /// L ≥ 1 switch-slope layers.
    public var layers: Int
    /// g, applied at every layer.
    public var gain: Float
    /// Length p of the input u (≤ n; u is tiled to fill the width).
    public var inputCount: Int
    /// Number k of outputs read from the first k slots (≤ n).
    public var outputCount: Int
    /// Seed of the fixed input sign flips s0.
    public var signSeed: UInt64

    public init(width: Int, layers: Int, gain: Float = 1.7, inputCount: Int, outputCount: Int,
                signSeed: UInt64 = BrainArchitecture.defaultSignSeed) {
        self.width = width
        self.layers = layers
        self.gain = gain
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.signSeed = signSeed
    }

    /// 2·n·L: a negative-side and a positive-side slope per element per layer.
    public var parameterCount: Int { 2 * width * layers }

    /// Index of slope `a[l][i]` (negative side) in the flat parameter array; `b[l][i]`
    /// (positive side) follows at `+ width`. Layout: `[a₀ | b₀ | a₁ | b₁ | …]`.
    @inlinable
    public func negativeSlopeIndex(layer l: Int, element i: Int) -> Int { 2 * width * l + i }

    public func validate() throws(BrainShapeError) {
        if !(4...65536).contains(width) || width & (width - 1) != 0 {
            throw .outOfRange(field: "controller_width", value: "\(width)", accepted: "a power of two from 4 to 65536")
        }
        if !(1...64).contains(layers) {
            throw .outOfRange(field: "controller_layers", value: "\(layers)", accepted: "1 to 64")
        }
        if !gain.isFinite || gain <= 0 {
            throw .outOfRange(field: "gain", value: "\(gain)", accepted: "a finite number > 0")
        }
        if inputCount < 1 { throw .outOfRange(field: "input_count", value: "\(inputCount)", accepted: "1 or more") }
        if inputCount > width { throw .tooNarrow(width: width, needed: inputCount, what: "inputs") }
        if outputCount > width { throw .tooNarrow(width: width, needed: outputCount, what: "outputs") }
    }
}

/// The fixed random ±1 patterns of a brain: drawn once from the architecture's sign seed,
/// identical for every agent, never evolved.
public enum SignPattern {
    /// Stream 0 is the controller input flips s0; stream 1 + r is memory hash round r.
    public static func make(seed: UInt64, stream: UInt64, count: Int) -> [Float] {
        var rng = RandomStream.generator(seed, .signs, stream)
        return (0..<count).map { _ in rng.nextSign() }
    }
}

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
    /// M, slope banks per layer: 1 for the plain controller; a power of two up to 64 (and
    /// at most n) for the LSH-switched one, whose layer l uses the bank its input's hash picks.
    public var banks: Int

    public init(width: Int, layers: Int, gain: Float = 1.7, inputCount: Int, outputCount: Int,
                signSeed: UInt64 = BrainArchitecture.defaultSignSeed, banks: Int = 1) {
        self.width = width
        self.layers = layers
        self.gain = gain
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.signSeed = signSeed
        self.banks = banks
    }

    /// 2·n·L·M: a negative-side and a positive-side slope per element per layer per bank.
    public var parameterCount: Int { 2 * width * layers * banks }

    /// Index of slope `a[l][m][i]` (negative side, bank m) in the flat parameter array;
    /// `b[l][m][i]` (positive side) follows at `+ width`. Layout: layer by layer, bank by bank,
    /// `[a₀₀ | b₀₀ | a₀₁ | b₀₁ | … | a₁₀ | b₁₀ | …]`; with one bank, `[a₀ | b₀ | a₁ | b₁ | …]`.
    @inlinable
    public func negativeSlopeIndex(layer l: Int, bank m: Int = 0, element i: Int) -> Int { 2 * width * (l * banks + m) + i }

    /// log₂ M: the sign bits that choose a bank.
    public var bankBits: Int { banks.trailingZeroBitCount }

    /// The elements whose signs choose the bank: bit q is element n − 1 − q·⌊n/log₂M⌋ of the
    /// layer's input, spread across the width (element 0, the sum of all inputs, is left out).
    @inlinable
    public func bankProbe(_ q: Int) -> Int { width - 1 - q * (width / bankBits) }

    /// The bank a layer uses, from its input x (the previous transform's output): the
    /// signs of the probe elements read as a log₂M-bit number, bit q from ``bankProbe(_:)``.
    /// The signs of a few WHT outputs are a locality-sensitive hash of the layer's input
    /// (SimHash): nearby inputs usually pick the same bank, so the switch that ReLU applies
    /// per element is applied here, upstream, to a whole layer's slopes (note 000).
    @inlinable
    public func bank(_ x: (Int) -> Float) -> Int {
        var m = 0
        for q in 0..<bankBits where x(bankProbe(q)) < 0 { m |= 1 << q }
        return m
    }

    public func validate() throws(BrainShapeError) {
        if !(4...65536).contains(width) || width & (width - 1) != 0 {
            throw .outOfRange(field: "controller_width", value: "\(width)", accepted: "a power of two from 4 to 65536")
        }
        if !(1...64).contains(layers) {
            throw .outOfRange(field: "controller_layers", value: "\(layers)", accepted: "1 to 64")
        }
        if !(1...64).contains(banks) || banks & (banks - 1) != 0 || banks > width {
            throw .outOfRange(field: "switch_banks", value: "\(banks)", accepted: "a power of two from 2 to \(min(64, width))")
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

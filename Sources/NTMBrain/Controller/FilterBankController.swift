/// A fixed-filter-bank network: the WHT does all the mixing, and the only adjustable
/// parameters are per-element *switch slopes* (NTMBrain.docc/Algorithms.md §3).
///
///     x = WHT(tile(u) ⊙ s₀) / √n                         spread the input
///     repeat L times:  xᵢ ← g · xᵢ · (xᵢ < 0 ? aᵢ : bᵢ)   switch slope
///                      x  ← WHT(x) / √n                   mix
///     outputs = x[0 ..< k]
///
/// **LSH-switched** (M > 1 banks, ``ControllerShape/banks``): each layer holds M pairs of
/// slope vectors, and uses the pair m = ``ControllerShape/bank(_:)`` of its input x: the
/// signs of log₂M elements of x. The genome holds M times the slopes; a step reads only one
/// bank per layer, at the cost of log₂M sign tests. Its effective slopes are kept as halves
/// (``bankHalf(_:)``): M banks then cost the caches M/2 times the plain slopes, not M times.
///
/// ReLU is the special case a = 0, b = 1: a switch that is either off or on. Here both
/// sides carry an evolved slope, and for any one input the whole network is one linear map
/// selected by the pattern of switch states.
///
/// **Evaluation order** (the bit-for-bit contract shared with ``BrainBatch``). Each layer's
/// multiply absorbs the `1/√n` of the transform before it, since the sign test is blind to
/// positive scale: with c = 1/√n and effective slopes a′ = a·(g·c), b′ = b·(g·c) computed
/// once (with slope banks, each a′ and b′ then rounded to a half and widened back,
/// ``bankSlope(_:)``),
///
///     x = WHT(tile(u) ⊙ s₀);   x ← WHT(x ⊙ (x < 0 ? a′ : b′)) per layer;   y = c·x[0..<k]
///
/// Non-finite inputs are replaced by 0 and counted; non-finite outputs likewise. Nothing
/// non-finite ever leaves the controller.
public struct FilterBankController: Sendable {
    public let shape: ControllerShape
    /// The genome's slopes, layout `[a₀ | b₀ | a₁ | b₁ | …]` (see ``ControllerShape``).
    public let parameters: [Float]
    /// The slopes times g/√n, same layout.
    @usableFromInline let effectiveSlopes: [Float]
    /// The fixed input flips s₀ (±1), one per element.
    @usableFromInline let inputFlips: [Float]

    /// - Precondition: `shape` is valid and `parameters.count == shape.parameterCount`.
    public init(shape: ControllerShape, parameters: [Float]) {
        precondition(parameters.count == shape.parameterCount,
                     "expected \(shape.parameterCount) parameters, got \(parameters.count)")
        self.shape = shape
        self.parameters = parameters
        let k = Self.layerScale(shape)
        self.effectiveSlopes = shape.banks > 1 ? parameters.map { Self.bankSlope($0 * k) } : parameters.map { $0 * k }
        self.inputFlips = SignPattern.make(seed: shape.signSeed, stream: 0, count: shape.width)
    }

    /// An LSH-switched controller's slope as it is kept: the prescaled slope s rounded to
    /// IEEE binary16 (round to nearest, ties to even), saturating at ±65504, the largest
    /// finite half, and any NaN as the quiet NaN 0x7E00. M banks are M× the plain
    /// controller's slopes; at 2 bytes each they cost the memory system M/2× what the plain
    /// slopes do, and a step with fresh banks reads half as much (BrainBatch+Banks.swift).
    /// A half keeps 11 significant bits, a relative step of 2⁻¹¹ ≈ 4.9·10⁻⁴ (an absolute one
    /// of 2⁻²⁴ below 2⁻¹⁴), finer than any mutation evolution makes.
    @inlinable
    public static func bankHalf(_ s: Float) -> UInt16 {
        if s.isNaN { return 0x7E00 }
        return Float16(max(-65504, min(65504, s))).bitPattern
    }

    /// The float an LSH-switched controller computes with for slope s: ``bankHalf(_:)``
    /// widened back, exactly.
    @inlinable
    public static func bankSlope(_ s: Float) -> Float { Float(Float16(bitPattern: bankHalf(s))) }

    /// g·(1/√n): the factor folded into every slope.
    @inlinable
    public static func layerScale(_ shape: ControllerShape) -> Float {
        shape.gain * WalshHadamard.scale(forLength: shape.width)
    }

    /// Slopes drawn uniformly from [−1, 1), the initial distribution of NTMBrain.docc/Algorithms.md §3.
    public static func randomParameters<R: RandomSource>(_ shape: ControllerShape, using rng: inout R) -> [Float] {
        (0..<shape.parameterCount).map { _ in rng.nextFloat(in: -1, 1) }
    }

    /// A first generation's slopes: ``randomParameters(_:using:)`` for a plain controller;
    /// for an LSH-switched one, one layer's 2n slopes drawn as for a plain controller and
    /// copied into each of its M banks (tied banks).
    ///
    /// Tied banks make a newborn switched brain compute what a plain brain with those slopes
    /// computes (up to the slopes' rounding to halves, ``bankHalf(_:)``), whatever banks its
    /// inputs pick, so evolution starts from the plain
    /// controller's smooth maps and a mutation of bank m refines the map only where the
    /// hash picks m. Independent random banks instead start as a patchwork of M^L unrelated
    /// networks stitched together at the hash boundaries, which steering cannot use (forage,
    /// 10 seeds: held-out fitness 11.7 against the plain controller's 71.2).
    public static func initialParameters<R: RandomSource>(_ shape: ControllerShape, using rng: inout R) -> [Float] {
        guard shape.banks > 1 else { return randomParameters(shape, using: &rng) }
        var p = [Float](repeating: 0, count: shape.parameterCount)
        let width = 2 * shape.width
        for l in 0..<shape.layers {
            let layer = (0..<width).map { _ in rng.nextFloat(in: -1, 1) }
            for m in 0..<shape.banks { p.replaceSubrange((l * shape.banks + m) * width ..< (l * shape.banks + m + 1) * width, with: layer) }
        }
        return p
    }

    /// Runs the network on `input` (p values), giving k outputs and how many non-finite
    /// values were contained (inputs and outputs).
    public func evaluate(_ input: [Float]) -> (output: [Float], nonFinite: Int) {
        evaluate(input, switches: nil)
    }

    /// ``evaluate(_:)``, also giving the switch pattern: for each layer l and element i, at
    /// l·n + i, whether the negative-side slope (`true`) or the positive one was chosen.
    public func evaluateWithSwitches(_ input: [Float]) -> (output: [Float], nonFinite: Int, switches: [Bool]) {
        var switches = [Bool](repeating: false, count: shape.width * shape.layers)
        let (o, bad) = switches.withUnsafeMutableBufferPointer { evaluate(input, switches: $0) }
        return (o, bad, switches)
    }

    /// ``evaluate(_:)``, also giving the slope bank each layer used (all 0 with one bank).
    public func evaluateWithBanks(_ input: [Float]) -> (output: [Float], nonFinite: Int, banks: [Int]) {
        var banks = [Int](repeating: 0, count: shape.layers)
        let (o, bad) = banks.withUnsafeMutableBufferPointer { evaluate(input, switches: nil, banks: $0) }
        return (o, bad, banks)
    }

    /// The evaluation, writing the switch pattern into `switches` (L·n entries) and each
    /// layer's bank into `banks` (L entries) if given.
    func evaluate(_ input: [Float], switches: UnsafeMutableBufferPointer<Bool>?,
                  banks: UnsafeMutableBufferPointer<Int>? = nil) -> (output: [Float], nonFinite: Int) {
        let n = shape.width, p = shape.inputCount
        precondition(input.count == p, "expected \(p) inputs, got \(input.count)")
        var nonFinite = 0
        var u = input
        for i in 0..<p where !u[i].isFinite {
            u[i] = 0
            nonFinite += 1
        }
        var x = [Float](repeating: 0, count: n)
        for i in 0..<n { x[i] = u[i % p] * inputFlips[i] }
        WalshHadamard.transform(&x)
        for l in 0..<shape.layers {
            let bank = shape.bank { x[$0] }
            banks?[l] = bank
            let base = shape.negativeSlopeIndex(layer: l, bank: bank, element: 0)
            for i in 0..<n {
                let negative = x[i] < 0
                switches?[l * n + i] = negative
                x[i] = x[i] * (negative ? effectiveSlopes[base + i] : effectiveSlopes[base + n + i])
            }
            WalshHadamard.transform(&x)
        }
        let c = WalshHadamard.scale(forLength: n)
        var output = [Float](repeating: 0, count: shape.outputCount)
        for i in 0..<shape.outputCount {
            let y = x[i] * c
            if y.isFinite {
                output[i] = y
            } else {
                nonFinite += 1
            }
        }
        return (output, nonFinite)
    }
}

/// The network for one input, seen as what it is: a single linear map.
///
/// A switch-slope layer multiplies each element by one of two slopes, chosen by the
/// element's sign. Once the input is fixed, every switch is in a definite state, and the
/// whole controller is a product of fixed matrices (NTMBrain.docc/Algorithms.md §3):
///
///     y = c · P · H · D_L · H · … · D_1 · H · T · S₀ · u  =  M u
///
/// with H the (unnormalised) WHT, D_l the diagonal of chosen slopes (times g/√n), T the
/// tiling of u to the width, S₀ the input flips and P the selection of the first k slots.
/// Row r of M is the *equivalent weight vector* of output r: the output is exactly the dot
/// product w_r · u (up to float rounding). Its length |w_r| is how strongly noise in the
/// input is amplified into that output, and the angle between w_r and u says how much of
/// the input the output actually "looks at".
///
/// Since H is symmetric, a row is computed from the output end backwards:
/// wᵣᵀ = c · eᵣᵀ H D_L H … D_1 H T S₀, i.e. L + 1 transforms of a one-hot vector.
public struct EquivalentLinearMap: Sendable {
    /// The input the map was frozen at.
    public let input: [Float]
    /// For each layer l and element i (index l·n + i): `true` if the negative-side slope
    /// was chosen. The switch pattern.
    public let switches: [Bool]
    /// The slope bank each layer used (all 0 for the plain controller): with the switches,
    /// what fixes the map.
    public let banks: [Int]
    /// The controller's actual outputs for `input`.
    public let outputs: [Float]
    /// The output slots whose rows were computed, and the rows (each of length p).
    public let rows: [Int]
    public let weights: [[Float]]

    /// The map applied to a vector: w_r · v for each computed row (Double accumulation).
    public func apply(_ v: [Float]) -> [Double] {
        weights.map { w in zip(w, v).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } }
    }

    /// |w_r|: the gain from input noise to output r.
    public var lengths: [Double] {
        weights.map { w in w.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot() }
    }

    /// The angle between the input and each row, in degrees (90 when either is zero).
    public var anglesDegrees: [Double] {
        let normU = input.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return zip(weights, lengths).map { w, normW in
            guard normU > 0, normW > 0 else { return 90 }
            let dot = zip(w, input).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
            let c = min(max(dot / (normU * normW), -1), 1)
            return Foundationless.acosDegrees(c)
        }
    }
}

extension FilterBankController {
    /// The equivalent linear map at `input` (non-finite entries count as 0, as in
    /// ``evaluate(_:switches:)``), with rows for the output slots `rows`.
    public func equivalentMap(at input: [Float], rows: [Int]) -> EquivalentLinearMap {
        let n = shape.width, p = shape.inputCount, L = shape.layers
        let u = input.map { $0.isFinite ? $0 : 0 }
        var switches = [Bool](repeating: false, count: L * n), banks = [Int](repeating: 0, count: L)
        let (outputs, _) = switches.withUnsafeMutableBufferPointer { sw in
            banks.withUnsafeMutableBufferPointer { evaluate(u, switches: sw, banks: $0) }
        }
        let c = WalshHadamard.scale(forLength: n)
        let weights = rows.map { r -> [Float] in
            precondition(r >= 0 && r < shape.outputCount, "output slot \(r) out of range")
            var z = [Float](repeating: 0, count: n)
            z[r] = c
            for l in stride(from: L - 1, through: 0, by: -1) {
                WalshHadamard.transform(&z)
                let base = shape.negativeSlopeIndex(layer: l, bank: banks[l], element: 0)
                for i in 0..<n { z[i] *= switches[l * n + i] ? effectiveSlopes[base + i] : effectiveSlopes[base + n + i] }
            }
            WalshHadamard.transform(&z)
            var w = [Float](repeating: 0, count: p)
            for i in 0..<n { w[i % p] += z[i] * inputFlips[i] }
            return w
        }
        return EquivalentLinearMap(input: u, switches: switches, banks: banks, outputs: outputs, rows: rows, weights: weights)
    }
}

/// arccos without Foundation (NTMBrain has none): Newton on cos, seeded by a polynomial.
enum Foundationless {
    static func acosDegrees(_ x: Double) -> Double {
        // θ ∈ [0, π] with cos θ = x. Start from the linear guess and refine with
        // θ ← θ + (cos θ − x) / sin θ, which converges quadratically away from 0 and π.
        if x >= 1 { return 0 }
        if x <= -1 { return 180 }
        var theta = Double.pi / 2 - x * (Double.pi / 2)
        for _ in 0..<40 {
            let s = DeterministicMath.sin(theta)
            guard abs(s) > 1e-12 else { break }
            let step = (DeterministicMath.cos(theta) - x) / s
            theta += step
            theta = min(max(theta, 0), .pi)
            if abs(step) < 1e-13 { break }
        }
        return theta * 180 / .pi
    }
}

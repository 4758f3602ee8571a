/// A hashed associative memory: the agent's tape (NTMBrain.docc/Algorithms.md §4).
///
/// A key k (nk floats) is turned into D = d·nk hash bits b ∈ {−1, +1}ᴰ by d rounds of
/// `z ← WHT(flipᵣ ⊙ z)/√nk, bits ← sign(z)`. The value stored under it is the dot product of
/// those bits with a weight matrix W[D][m]:
///
///     read(k)          r[j] = clamp(Σₜ b[t]·W[t][j], −c, c)
///     write(k, v, γ)   e[j] = v[j] − Σₜ b[t]·W[t][j];   W[t][j] += b[t] · (γ·e[j] / D)
///
/// Since Σₜ b[t]² = D, one write with γ = 1 makes the recall of k exactly v (up to
/// rounding): the delta rule, solved in one step. Keys at angle θ agree on about
/// 1 − θ/π of their bits, so recall interpolates between similar keys; unrelated keys
/// add zero-mean crosstalk.
///
/// **Evaluation order.** Σₜ runs t = 0, 1, …, D−1 from 0; the update applies
/// `b[t] · δ[j]` with `δ[j] = (γ·e[j]) / D` computed first (b = ±1 makes that product
/// exact). ``BrainBatch`` follows the same order.
public struct AssociativeMemory: Sendable {
    public let shape: MemoryShape
    /// W, row-major: `weights[t·m + j]` = W[t][j]. Zero at birth.
    public private(set) var weights: [Float]
    @usableFromInline let flips: [Float]

    public init(shape: MemoryShape) {
        self.shape = shape
        self.weights = [Float](repeating: 0, count: shape.hashBits * shape.valueWidth)
        self.flips = shape.flips()
    }

    /// Zeroes W: the memory of a newborn (or a lesioned) agent.
    public mutating func reset() {
        for i in weights.indices { weights[i] = 0 }
    }

    /// Replaces W wholesale (for restoring saved state and for tests).
    public mutating func setWeights(_ w: [Float]) {
        precondition(w.count == weights.count, "expected \(weights.count) weights")
        weights = w
    }

    /// The D hash bits of `key`, as ±1 floats. Zero and NaN count as positive.
    public func hash(_ key: [Float]) -> [Float] {
        let nk = shape.keyWidth
        precondition(key.count == nk, "expected a key of \(nk) values, got \(key.count)")
        let c = WalshHadamard.scale(forLength: nk)
        var z = key
        var bits = [Float](repeating: 0, count: shape.hashBits)
        for r in 0..<shape.density {
            for i in 0..<nk { z[i] = z[i] * flips[r * nk + i] }
            WalshHadamard.transform(&z)
            for i in 0..<nk {
                z[i] = z[i] * c
                bits[r * nk + i] = z[i] < 0 ? -1 : 1
            }
        }
        return bits
    }

    /// Σₜ b[t]·W[t][j] for each j, unclamped.
    public func recall(bits: [Float]) -> [Float] {
        let m = shape.valueWidth
        var r = [Float](repeating: 0, count: m)
        for t in 0..<shape.hashBits {
            for j in 0..<m { r[j] = r[j] + bits[t] * weights[t * m + j] }
        }
        return r
    }

    /// The value recalled for `key`, clamped to [−c, c].
    public func read(_ key: [Float]) -> [Float] {
        let c = shape.readClamp
        return recall(bits: hash(key)).map { clamp($0, -c, c) }
    }

    /// Moves the recall of `key` toward `value` by the fraction `gate` ∈ [0, 1].
    public mutating func write(_ key: [Float], value: [Float], gate: Float) {
        let m = shape.valueWidth
        precondition(value.count == m, "expected a value of \(m) values, got \(value.count)")
        let bits = hash(key)
        let recalled = recall(bits: bits)
        let d = Float(shape.hashBits)
        let delta = (0..<m).map { (gate * (value[$0] - recalled[$0])) / d }
        for t in 0..<shape.hashBits {
            for j in 0..<m { weights[t * m + j] = weights[t * m + j] + bits[t] * delta[j] }
        }
    }
}

/// `x` limited to [lo, hi]; the comparison order matches the SIMD `replacing(with:where:)` form.
@inlinable
func clamp(_ x: Float, _ lo: Float, _ hi: Float) -> Float {
    x < lo ? lo : (x > hi ? hi : x)
}

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
///
/// **Variants** (``MemoryKind``): with blocks the bits also choose which of 2^B matrices a
/// key uses; decaying scales W by (1 − λ) in ``age()``, which a step calls before its
/// write; novelty-gated damps γ by τ/(τ + n) for a key whose buckets have n visits.
public struct AssociativeMemory: Sendable {
    public let shape: MemoryShape
    /// W, block-major then row-major: `weights[k·D·m + t·m + j]` = W_k[t][j]. Zero at birth.
    public private(set) var weights: [Float]
    /// The novelty filter's counters, table r's bucket i at `r·2^β + i` (empty for other
    /// kinds). Zero at birth.
    public private(set) var visits: [Float]
    @usableFromInline let flips: [Float]

    public init(shape: MemoryShape) {
        self.shape = shape
        self.weights = [Float](repeating: 0, count: shape.kind.blockCount * shape.blockSize)
        self.visits = [Float](repeating: 0, count: shape.kind.counterCount(density: shape.density))
        self.flips = shape.flips()
    }

    /// Zeroes W and the counters: the memory of a newborn (or a lesioned) agent.
    public mutating func reset() {
        for i in weights.indices { weights[i] = 0 }
        for i in visits.indices { visits[i] = 0 }
    }

    /// The whole state, W then counters (``MemoryShape/stateCount`` floats).
    public var state: [Float] { weights + visits }

    /// Replaces the whole state (W, then the counters) wholesale, for restoring saved state
    /// and for tests.
    public mutating func setState(_ s: [Float]) {
        precondition(s.count == shape.stateCount, "expected \(shape.stateCount) state values")
        weights = Array(s[0..<weights.count])
        visits = Array(s[weights.count...])
    }

    /// Replaces W wholesale (for tests of kinds without counters).
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

    /// The block these bits select (0 unless the kind is blocks).
    public func block(of bits: [Float]) -> Int { shape.block { bits[$0] } }

    /// Σₜ b[t]·W_k[t][j] for each j, unclamped, in the block k the bits select.
    public func recall(bits: [Float]) -> [Float] {
        let m = shape.valueWidth
        let w = block(of: bits) * shape.blockSize
        var r = [Float](repeating: 0, count: m)
        for t in 0..<shape.hashBits {
            for j in 0..<m { r[j] = r[j] + bits[t] * weights[w + t * m + j] }
        }
        return r
    }

    /// The value recalled for `key`, clamped to [−c, c].
    public func read(_ key: [Float]) -> [Float] {
        let c = shape.readClamp
        return recall(bits: hash(key)).map { clamp($0, -c, c) }
    }

    /// The visits n of these bits' buckets: the least of their d counters (0 unless the
    /// kind is novelty-gated).
    public func visits(of bits: [Float]) -> Float {
        guard case .noveltyGated(let beta, _) = shape.kind else { return 0 }
        var n = Float.infinity
        for r in 0..<shape.density { n = min(n, visits[shape.counter(round: r, bucketBits: beta) { bits[$0] }]) }
        return n
    }

    /// The gate a write with requested gate γ applies: γ·(τ/(τ + n)) when novelty-gated,
    /// else γ.
    public func effectiveGate(_ gate: Float, bits: [Float]) -> Float {
        guard case .noveltyGated(_, let tau) = shape.kind else { return gate }
        return gate * (tau / (tau + visits(of: bits)))
    }

    /// One step's forgetting: W ← W·(1 − λ) when decaying (nothing otherwise).
    public mutating func age() {
        let rate = shape.kind.decayRate
        guard rate > 0 else { return }
        let keep = 1 - rate
        for i in weights.indices { weights[i] = weights[i] * keep }
    }

    /// Moves the recall of `key` toward `value` by the fraction `gate` ∈ [0, 1] (after the
    /// novelty filter's damping); returns the gate applied.
    @discardableResult
    public mutating func write(_ key: [Float], value: [Float], gate requested: Float) -> Float {
        let m = shape.valueWidth
        precondition(value.count == m, "expected a value of \(m) values, got \(value.count)")
        let bits = hash(key)
        let gate = effectiveGate(requested, bits: bits)
        if case .noveltyGated(let beta, _) = shape.kind {
            for r in 0..<shape.density {
                let i = shape.counter(round: r, bucketBits: beta) { bits[$0] }
                visits[i] = visits[i] + requested
            }
        }
        let recalled = recall(bits: bits)
        let d = Float(shape.hashBits)
        let delta = (0..<m).map { (gate * (value[$0] - recalled[$0])) / d }
        let w = block(of: bits) * shape.blockSize
        for t in 0..<shape.hashBits {
            for j in 0..<m { weights[w + t * m + j] = weights[w + t * m + j] + bits[t] * delta[j] }
        }
        return gate
    }
}

/// `x` limited to [lo, hi]; the comparison order matches the SIMD `replacing(with:where:)` form.
@inlinable
func clamp(_ x: Float, _ lo: Float, _ hi: Float) -> Float {
    x < lo ? lo : (x > hi ? hi : x)
}

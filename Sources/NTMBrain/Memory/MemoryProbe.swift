/// Measures what a tape holds, with random items: the experiments behind `ntmlife bench
/// --only memory` and the theory in ``MemoryCapacity``.
///
/// An item is a key of nk independent standard normal components (the statistics of a
/// controller's outputs, for hashing: only the direction matters) and a value uniform in
/// [−1, 1]ᵐ (σ² = 1/3, what a step's clamp allows). Every write has gate 1 and counts as
/// one step, so a decaying tape ages once before each. Errors are root mean squares over
/// every component of every item of every trial, each trial with its own items, drawn from
/// `seed` and the trial number alone.
public struct MemoryProbe: Sendable {
    public var shape: MemoryShape
    public var trials: Int
    public var seed: UInt64

    public init(shape: MemoryShape, trials: Int, seed: UInt64 = 0x6361_7061_6369_7479) {
        precondition(trials >= 1)
        (self.shape, self.trials, self.seed) = (shape, trials, seed)
    }

    /// Recall errors of the stored items, measured three ways.
    public struct Recall: Hashable, Sendable {
        /// The raw recall Σ b·W against the stored value.
        public var raw: Double
        /// The recall as a step reads it, clamped to [−c, c].
        public var clamped: Double
        /// The clamped recall with each key perturbed by noise of a tenth of its length
        /// (about 6°): how well the tape still answers a slightly wrong question.
        public var noisyKey: Double
    }

    /// The relative size of a noisy key's perturbation.
    public static let keyNoise: Float = 0.1

    /// Writes `items` items in order, `passes` times over, then reads each back.
    public func capacity(items: Int, passes: Int) -> Recall {
        var sums = (raw: 0.0, clamped: 0.0, noisy: 0.0)
        for trial in 0..<trials {
            var rng = RandomStream.generator(seed, UInt64(items), UInt64(passes), UInt64(trial))
            let set = Self.items(items, shape, using: &rng)
            var memory = AssociativeMemory(shape: shape)
            for _ in 0..<passes { Self.write(set, into: &memory) }
            let c = shape.readClamp
            for (key, value) in set {
                let raw = memory.recall(bits: memory.hash(key))
                let noisy = memory.read(key.map { $0 + Self.keyNoise * Float(rng.nextGaussian()) })
                for j in 0..<shape.valueWidth {
                    sums.raw += Self.squared(raw[j] - value[j])
                    sums.clamped += Self.squared(clamp(raw[j], -c, c) - value[j])
                    sums.noisy += Self.squared(noisy[j] - value[j])
                }
            }
        }
        let n = Double(trials * items * shape.valueWidth)
        return Recall(raw: (sums.raw / n).squareRoot(), clamped: (sums.clamped / n).squareRoot(),
                      noisyKey: (sums.noisy / n).squareRoot())
    }

    /// Forgetting: store set A once, then write set B over and over. Returns A's clamped
    /// recall error before B and after each pass listed in `after` (ascending), and B's own
    /// error at the end (what the tape gave up remembering A for).
    public func forgetting(a: Int, b: Int, after passes: [Int]) -> (a: [Double], b: Double) {
        precondition(!passes.isEmpty && passes == passes.sorted() && passes[0] >= 1)
        var sums = [Double](repeating: 0, count: passes.count + 1), bSum = 0.0
        for trial in 0..<trials {
            var rng = RandomStream.generator(seed, 0x666f_7267_6574, UInt64(a), UInt64(b), UInt64(trial))
            let setA = Self.items(a, shape, using: &rng), setB = Self.items(b, shape, using: &rng)
            var memory = AssociativeMemory(shape: shape)
            Self.write(setA, into: &memory)
            sums[0] += Self.squaredError(setA, memory)
            var done = 0
            for (i, p) in passes.enumerated() {
                while done < p { Self.write(setB, into: &memory); done += 1 }
                sums[i + 1] += Self.squaredError(setA, memory)
            }
            bSum += Self.squaredError(setB, memory)
        }
        let perItem = { (s: Double, count: Int) in (s / Double(self.trials * count * self.shape.valueWidth)).squareRoot() }
        return (sums.map { perItem($0, a) }, perItem(bSum, b))
    }

    static func items(_ count: Int, _ shape: MemoryShape, using rng: inout Xoshiro256StarStar) -> [(key: [Float], value: [Float])] {
        (0..<count).map { _ in
            ((0..<shape.keyWidth).map { _ in Float(rng.nextGaussian()) },
             (0..<shape.valueWidth).map { _ in rng.nextFloat(in: -1, 1) })
        }
    }

    static func write(_ set: [(key: [Float], value: [Float])], into memory: inout AssociativeMemory) {
        for (key, value) in set {
            memory.age()
            memory.write(key, value: value, gate: 1)
        }
    }

    static func squaredError(_ set: [(key: [Float], value: [Float])], _ memory: AssociativeMemory) -> Double {
        var sum = 0.0
        for (key, value) in set {
            let r = memory.read(key)
            for j in r.indices { sum += squared(r[j] - value[j]) }
        }
        return sum
    }

    static func squared(_ x: Float) -> Double { Double(x) * Double(x) }
}

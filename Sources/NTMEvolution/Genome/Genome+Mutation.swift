import NTMBrain

/// The continuous Gray-code mutation of Rowe & Hidovic (2004) (NTMBrain.docc/Algorithms.md §6).
///
/// Pick k positions; at each, propose a step `±2·e^(−U(0, precision))`. The step sizes are
/// log-uniform between 2·e^(−precision) and 2: most proposals are tiny refinements, a few
/// are jumps across the whole range, with no scale to tune. A step that would leave
/// [−1, 1] is rejected and the old value kept.
public struct MutationSettings: Hashable, Sendable, Codable {
    /// k: positions drawn per mutation (with replacement; a position drawn twice is
    /// stepped twice).
    public var count: Int
    /// The `precision` of the step distribution: the smallest step is 2·e^(−precision).
    public var precision: Double

    public init(count: Int = 25, precision: Double = 25) {
        self.count = count
        self.precision = precision
    }
}

extension Genome {
    /// Mutates the parameters in place with draws from `rng`; returns how many proposed
    /// steps were accepted (stayed inside [−1, 1]).
    ///
    /// Each proposal draws, in this order: the position, the sign, the exponent. Arithmetic
    /// is in `Double` with ``DeterministicMath/exp(_:)``, then rounded once to `Float`.
    @discardableResult
    public mutating func mutate<R: RandomSource>(_ settings: MutationSettings = MutationSettings(), using rng: inout R) -> Int {
        Self.mutate(&parameters, settings, using: &rng)
    }

    /// A mutated child whose lineage names this genome as its parent.
    public func child<R: RandomSource>(generation: Int, _ settings: MutationSettings = MutationSettings(), using rng: inout R) -> Genome {
        var child = Genome(architecture: architecture, parameters: parameters,
                           lineage: Lineage(parents: [id], generation: generation))
        child.mutate(settings, using: &rng)
        return child
    }

    /// The mutation operator on a bare parameter array.
    @discardableResult
    public static func mutate<R: RandomSource>(_ parameters: inout [Float], _ settings: MutationSettings, using rng: inout R) -> Int {
        guard !parameters.isEmpty else { return 0 }
        var accepted = 0
        for _ in 0..<settings.count {
            let i = rng.nextInt(below: parameters.count)
            let sign = Double(rng.nextSign())
            let step = sign * 2 * DeterministicMath.exp(-settings.precision * rng.nextDouble())
            let proposed = Float(Double(parameters[i]) + step)
            if proposed >= -1 && proposed <= 1 {
                parameters[i] = proposed
                accepted += 1
            }
        }
        return accepted
    }
}

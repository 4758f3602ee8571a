import NTMBrain

/// OpenAI-ES (Salimans et al. 2017): a Gaussian search distribution around a mean θ, moved
/// by an estimate of the gradient of expected fitness.
///
///     ask:   εₖ ~ N(0, I) from (seed, NOIS, g, k), k < population/2;
///            candidates θ + σεₖ and θ − σεₖ (antithetic pairs, clamped to [−1, 1]), then θ
///     tell:  uᵢ = rank(fᵢ)/(2K − 1) − ½ over the 2K samples (centred ranks: invariant to
///            how fitness is scaled, deaf to outliers)
///            ĝ = Σₖ (u(θ+σεₖ) − u(θ−σεₖ)) εₖ / (2Kσ) − decay·θ
///            Adam: m ← β₁m + (1−β₁)ĝ,  v ← β₂v + (1−β₂)ĝ²,
///                  θ ← clamp(θ + α·m̂/(√v̂ + 10⁻⁸), −1, 1),  m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
///
/// The state is θ (the population, one genome) and the Adam moments m, v (auxiliary), so
/// a checkpoint holds the whole search and a resumed run continues bit for bit. θ is
/// evaluated with the samples on the same episodes; the generation's champion is the best
/// of all of them. Arithmetic is in `Double`, rounded to `Float` once per parameter.
public struct EvolutionStrategy: SearchAlgorithm {
    public static let name = "es"
    public static let summary = "OpenAI-ES: antithetic Gaussian sampling, centred-rank shaping, Adam steps"
    public static let settings = [
        AlgorithmSetting("sigma", 0.05, 1e-6...1, help: "standard deviation of the search distribution"),
        AlgorithmSetting("learning_rate", 0.03, 1e-6...1, help: "Adam step size α"),
        AlgorithmSetting("weight_decay", 0, 0...1, help: "pull of θ towards 0, per step"),
    ]

    public static func problem(with setup: EvolutionSetup) -> (key: String, message: String)? {
        setup.population % 2 == 0 ? nil : ("population", "is \(setup.population); an evolution strategy samples antithetic pairs, so it must be even")
    }

    let sigma: Double, rate: Double, decay: Double
    let basics: PopulationBasics
    static let beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8

    public init(setup: EvolutionSetup, architecture: BrainArchitecture) {
        sigma = setup.setting("sigma")
        rate = setup.setting("learning_rate")
        decay = setup.setting("weight_decay")
        basics = PopulationBasics(setup, architecture)
    }

    /// θ: the first of the random founders; zero moments.
    public func initialState() -> EvolutionState {
        var founders = basics.initialState()
        founders.population = [founders.population[0]]
        let p = basics.architecture.parameterCount
        founders.auxiliary = [[Float](repeating: 0, count: p), [Float](repeating: 0, count: p)]
        return founders
    }

    /// xⁿ by squaring: exact-order multiplications, the same bits everywhere.
    static func power(_ x: Double, _ n: Int) -> Double {
        var (result, base, e) = (1.0, x, n)
        while e > 0 {
            if e & 1 == 1 { result *= base }
            base *= base
            e >>= 1
        }
        return result
    }

    func noise(generation g: Int, pair k: Int) -> [Double] {
        var rng = RandomStream.generator(basics.seed, .noise, UInt64(g), UInt64(k))
        return (0..<basics.architecture.parameterCount).map { _ in rng.nextGaussian() }
    }

    /// The antithetic samples, pair by pair (θ+σε₀, θ−σε₀, θ+σε₁, …), then θ itself.
    public func ask(_ state: EvolutionState) -> [Genome] {
        let theta = state.population[0]
        var out: [Genome] = []
        for k in 0..<basics.population / 2 {
            let e = noise(generation: state.generation, pair: k)
            for sign in [1.0, -1.0] {
                let p = theta.parameters.indices.map { Float(min(1, max(-1, Double(theta.parameters[$0]) + sign * sigma * e[$0]))) }
                out.append(Genome(architecture: theta.architecture, parameters: p,
                                  lineage: Lineage(parents: [theta.id], generation: state.generation + 1)))
            }
        }
        return out + [theta]
    }

    public func tell(_ state: EvolutionState, asked: [Genome], fitness: [Double]) -> SearchStep {
        let theta = state.population[0]
        let samples = asked.count - 1, pairs = samples / 2
        // Centred ranks of the samples (ties: the lower index ranks lower).
        let order = (0..<samples).sorted { fitness[$0] != fitness[$1] ? fitness[$0] < fitness[$1] : $0 < $1 }
        var utility = [Double](repeating: 0, count: samples)
        for (r, i) in order.enumerated() { utility[i] = Double(r) / Double(max(samples - 1, 1)) - 0.5 }
        let p = theta.parameters.count
        var gradient = [Double](repeating: 0, count: p)
        for k in 0..<pairs {
            let weight = utility[2 * k] - utility[2 * k + 1]
            guard weight != 0 else { continue }
            let e = noise(generation: state.generation, pair: k)
            for j in 0..<p { gradient[j] += weight * e[j] }
        }
        let t = state.generation + 1
        let bias1 = 1 - Self.power(Self.beta1, t), bias2 = 1 - Self.power(Self.beta2, t)
        var m = state.auxiliary[0], v = state.auxiliary[1]
        var next = theta.parameters
        for j in 0..<p {
            let g = gradient[j] / (Double(2 * pairs) * sigma) - decay * Double(theta.parameters[j])
            let mj = Self.beta1 * Double(m[j]) + (1 - Self.beta1) * g
            let vj = Self.beta2 * Double(v[j]) + (1 - Self.beta2) * g * g
            m[j] = Float(mj); v[j] = Float(vj)
            let step = rate * (mj / bias1) / ((vj / bias2).squareRoot() + Self.epsilon)
            next[j] = Float(min(1, max(-1, Double(theta.parameters[j]) + step)))
        }
        let moved = Genome(architecture: theta.architecture, parameters: next,
                           lineage: Lineage(parents: [theta.id], generation: state.generation + 1))
        return SearchStep(population: asked, fitness: fitness, nextPopulation: [moved], nextAuxiliary: [m, v])
    }
}

/// One row of `stats.csv`: what a generation looked like.
public struct GenerationStats: Hashable, Sendable {
    public var generation: Int
    public var best: Double
    public var mean: Double
    public var median: Double
    /// Mean over parameters of the population's standard deviation: 0 when all are clones.
    public var diversity: Double
    /// Mean write gate and mean Σ|read| at the end of lifetimes: how much the tape is used.
    public var meanGate: Double
    public var meanReadNorm: Double
    /// Throughput of this generation's evaluation (wall-clock; informational only).
    public var agentStepsPerSecond: Double
    /// Individuals scored: the population size, or the agents alive in an ecosystem.
    public var population: Int

    public static let csvHeader = "generation,best,mean,median,diversity,mean_gate,mean_read_norm,agent_steps_per_s,population"

    public var csvRow: String {
        [String(generation), "\(best)", "\(mean)", "\(median)", "\(diversity)", "\(meanGate)", "\(meanReadNorm)",
         String(Int(agentStepsPerSecond.rounded())), String(population)].joined(separator: ",")
    }

    /// Parses a row written by ``csvRow``.
    public init?(csvRow: String) {
        let f = csvRow.split(separator: ",").map(String.init)
        guard f.count == 9, let g = Int(f[0]), let b = Double(f[1]), let m = Double(f[2]), let md = Double(f[3]),
              let d = Double(f[4]), let mg = Double(f[5]), let r = Double(f[6]), let s = Double(f[7]),
              let p = Int(f[8]) else { return nil }
        self.init(generation: g, best: b, mean: m, median: md, diversity: d, meanGate: mg, meanReadNorm: r,
                  agentStepsPerSecond: s, population: p)
    }

    public init(generation: Int, best: Double, mean: Double, median: Double, diversity: Double,
                meanGate: Double, meanReadNorm: Double, agentStepsPerSecond: Double, population: Int) {
        self.generation = generation
        self.best = best
        self.mean = mean
        self.median = median
        self.diversity = diversity
        self.meanGate = meanGate
        self.meanReadNorm = meanReadNorm
        self.agentStepsPerSecond = agentStepsPerSecond
        self.population = population
    }

    /// Summary figures of one evaluated generation.
    static func summarize(generation: Int, fitness: [Double], genomes: [Genome]) -> (best: Double, mean: Double, median: Double, diversity: Double) {
        let sorted = fitness.sorted()
        let n = sorted.count
        let median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
        let mean = fitness.reduce(0, +) / Double(n)
        let p = genomes[0].parameters.count
        var spread = 0.0
        for k in 0..<p {
            var s = 0.0, ss = 0.0
            for g in genomes { let v = Double(g.parameters[k]); s += v; ss += v * v }
            let mu = s / Double(n)
            spread += max(0, ss / Double(n) - mu * mu).squareRoot()
        }
        return (sorted[n - 1], mean, median, spread / Double(p))
    }
}

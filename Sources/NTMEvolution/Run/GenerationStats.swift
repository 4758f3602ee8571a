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
    /// Right / informed hidden-information decisions over everyone evaluated this generation
    /// (nil in a world without decisions).
    public var decisionAccuracy: Double?
    /// The hall of fame's fitness on its fresh episodes after this generation (nil: none kept).
    public var hallOfFame: Double?

    public static let csvHeader = "generation,best,mean,median,diversity,mean_gate,mean_read_norm,agent_steps_per_s,population,decision_accuracy,hall_of_fame"

    public var csvRow: String {
        [String(generation), "\(best)", "\(mean)", "\(median)", "\(diversity)", "\(meanGate)", "\(meanReadNorm)",
         String(Int(agentStepsPerSecond.rounded())), String(population),
         decisionAccuracy.map { "\($0)" } ?? "", hallOfFame.map { "\($0)" } ?? ""].joined(separator: ",")
    }

    /// Parses a row written by ``csvRow``.
    public init?(csvRow: String) {
        let f = csvRow.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard f.count == 11, let g = Int(f[0]), let b = Double(f[1]), let m = Double(f[2]), let md = Double(f[3]),
              let d = Double(f[4]), let mg = Double(f[5]), let r = Double(f[6]), let s = Double(f[7]),
              let p = Int(f[8]) else { return nil }
        func optional(_ text: String) -> Double?? { text.isEmpty ? .some(nil) : Double(text).map { .some($0) } }
        guard let accuracy = optional(f[9]), let hall = optional(f[10]) else { return nil }
        self.init(generation: g, best: b, mean: m, median: md, diversity: d, meanGate: mg, meanReadNorm: r,
                  agentStepsPerSecond: s, population: p, decisionAccuracy: accuracy, hallOfFame: hall)
    }

    public init(generation: Int, best: Double, mean: Double, median: Double, diversity: Double,
                meanGate: Double, meanReadNorm: Double, agentStepsPerSecond: Double, population: Int,
                decisionAccuracy: Double? = nil, hallOfFame: Double? = nil) {
        self.generation = generation
        self.best = best
        self.mean = mean
        self.median = median
        self.diversity = diversity
        self.meanGate = meanGate
        self.meanReadNorm = meanReadNorm
        // Rounded as stats.csv stores it, so that a row read back equals the row written.
        self.agentStepsPerSecond = agentStepsPerSecond.rounded()
        self.population = population
        self.decisionAccuracy = decisionAccuracy
        self.hallOfFame = hallOfFame
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

import NTMBrain

/// The statistics a study reports, written out so that each number can be checked by hand.
public enum Statistics {
    public static func mean(_ x: [Double]) -> Double { x.isEmpty ? .nan : x.reduce(0, +) / Double(x.count) }

    /// The sample standard deviation (n − 1 in the denominator).
    public static func standardDeviation(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let m = mean(x)
        return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }

    /// The q-quantile by linear interpolation between order statistics (type 7, as R's
    /// default): position (n − 1)·q in the sorted sample.
    public static func quantile(_ x: [Double], _ q: Double) -> Double {
        guard !x.isEmpty else { return .nan }
        let s = x.sorted()
        let h = Double(s.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    public static func median(_ x: [Double]) -> Double { quantile(x, 0.5) }

    /// The two-sided 97.5 % point of Student's t with `df` degrees of freedom, by the
    /// Cornish–Fisher expansion around the normal's 1.959964 (within 0.2 % of the exact
    /// value from df = 3 on; exact as df → ∞).
    public static func t975(df: Int) -> Double {
        let z = 1.959963984540054, n = Double(max(df, 1))
        let z3 = z * z * z, z5 = z3 * z * z, z7 = z5 * z * z
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n)
            + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * n * n * n)
    }

    /// A 95 % confidence interval for the mean: mean ± t·s/√n.
    public static func meanInterval(_ x: [Double]) -> (low: Double, high: Double) {
        let m = mean(x)
        guard x.count > 1 else { return (m, m) }
        let half = t975(df: x.count - 1) * standardDeviation(x) / Double(x.count).squareRoot()
        return (m - half, m + half)
    }

    /// The Wilson score interval (95 %) for k successes in n trials: it stays inside [0, 1]
    /// and behaves at k = 0 or k = n, where the normal approximation does not.
    public static func wilson(_ k: Int, _ n: Int) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 1) }
        let z = 1.959963984540054, p = Double(k) / Double(n), nn = Double(n)
        let centre = (p + z * z / (2 * nn)) / (1 + z * z / nn)
        let half = z / (1 + z * z / nn) * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }

    /// The Mann–Whitney U test of x against y, two-sided, with the *exact* p-value: the
    /// probability, over every way of splitting the pooled sample into groups of the two
    /// sizes, of a rank sum at least as far from its mean as the one observed. Ties get
    /// mid-ranks; the split distribution is counted exactly by dynamic programming over
    /// doubled ranks (integers), so ties need no approximation either.
    public static func mannWhitney(_ x: [Double], _ y: [Double]) -> (u: Double, p: Double) {
        let n1 = x.count, n2 = y.count, n = n1 + n2
        guard n1 > 0, n2 > 0 else { return (.nan, .nan) }
        let pooled = (x.map { ($0, 0) } + y.map { ($0, 1) }).sorted { $0.0 < $1.0 }
        var rank2 = [Int](repeating: 0, count: n)          // 2 × mid-rank
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && pooled[j + 1].0 == pooled[i].0 { j += 1 }
            for k in i...j { rank2[k] = i + j + 2 }         // 2 × ((i+1 + j+1) / 2)
            i = j + 1
        }
        let observed = zip(pooled, rank2).filter { $0.0.1 == 0 }.reduce(0) { $0 + $1.1 }
        let u = Double(observed) / 2 - Double(n1 * (n1 + 1)) / 2
        // ways[k][s]: subsets of size k with doubled rank sum s.
        let maxSum = rank2.reduce(0, +)
        var ways = [[Double]](repeating: [Double](repeating: 0, count: maxSum + 1), count: n1 + 1)
        ways[0][0] = 1
        for r in rank2 {
            for k in stride(from: min(n1, n), through: 1, by: -1) {
                for s in stride(from: maxSum, through: r, by: -1) where ways[k - 1][s - r] != 0 {
                    ways[k][s] += ways[k - 1][s - r]
                }
            }
        }
        let total = ways[n1].reduce(0, +)
        let centre = Double(n1) * Double(n + 1)            // doubled mean rank sum
        let distance = abs(Double(observed) - centre)
        var extreme = 0.0
        for s in 0...maxSum where ways[n1][s] != 0 && abs(Double(s) - centre) >= distance - 1e-9 { extreme += ways[n1][s] }
        return (u, min(1, extreme / total))
    }

    /// Cliff's delta: P(x > y) − P(x < y) over all pairs; from −1 to 1, 0 for no effect.
    public static func cliffsDelta(_ x: [Double], _ y: [Double]) -> Double {
        guard !x.isEmpty, !y.isEmpty else { return .nan }
        var d = 0
        for a in x { for b in y { d += a > b ? 1 : (a < b ? -1 : 0) } }
        return Double(d) / Double(x.count * y.count)
    }

    /// A 95 % percentile-bootstrap interval for Cliff's delta: each group resampled with
    /// replacement `resamples` times from the stream (seed, BOOT), so the interval is the
    /// same on every run.
    public static func cliffsDeltaInterval(_ x: [Double], _ y: [Double], resamples: Int = 2000, seed: UInt64 = 1) -> (low: Double, high: Double) {
        guard !x.isEmpty, !y.isEmpty else { return (.nan, .nan) }
        var rng = RandomStream.generator(seed, .bootstrap)
        var deltas: [Double] = []
        for _ in 0..<resamples {
            let bx = x.indices.map { _ in x[rng.nextInt(below: x.count)] }
            let by = y.indices.map { _ in y[rng.nextInt(below: y.count)] }
            deltas.append(cliffsDelta(bx, by))
        }
        return (quantile(deltas, 0.025), quantile(deltas, 0.975))
    }
}

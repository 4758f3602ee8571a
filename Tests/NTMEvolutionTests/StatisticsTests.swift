import NTMBrain
import NTMEvolution
import NTMTestSupport
import Testing

/// Known answers for every statistic a study reports, and the exact test against brute force.
@Suite("Statistics: known answers")
struct StatisticsTests {
    @Test("Mann–Whitney U: exact two-sided p for separated samples is 2 / C(n, n₁)")
    func separated() {
        let (u, p) = Statistics.mannWhitney([1, 2, 3], [4, 5, 6])
        #expect(u == 0 && abs(p - 2.0 / 20) < 1e-12)
        let (u5, p5) = Statistics.mannWhitney([6, 7, 8, 9, 10], [1, 2, 3, 4, 5])
        #expect(u5 == 25 && abs(p5 - 2.0 / 252) < 1e-12)
        // Identical samples: no evidence at all.
        #expect(Statistics.mannWhitney([1, 2, 3], [1, 2, 3]).p == 1)
    }

    /// The exact p by enumerating every split of the pooled sample (mid-ranks for ties).
    static func bruteForceP(_ x: [Double], _ y: [Double]) -> Double {
        let pooled = x + y, n = pooled.count, n1 = x.count
        let sorted = pooled.sorted()
        func rank(_ v: Double) -> Double {
            let lo = sorted.firstIndex(of: v)!, hi = sorted.lastIndex(of: v)!
            return Double(lo + hi + 2) / 2
        }
        let ranks = pooled.map(rank)
        let centre = Double(n1) * Double(n + 1) / 2
        let observed = abs(ranks[0..<n1].reduce(0, +) - centre)
        var extreme = 0, total = 0
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == n1 {
            let s = (0..<n).filter { mask >> $0 & 1 == 1 }.reduce(0.0) { $0 + ranks[$1] }
            total += 1
            if abs(s - centre) >= observed - 1e-9 { extreme += 1 }
        }
        return Double(extreme) / Double(total)
    }

    @Test("Mann–Whitney U with ties equals the brute-force permutation test", arguments: UInt64(1)...12)
    func ties(seed: UInt64) {
        var rng = RandomStream.generator(seed, 4)
        let x = (0..<(3 + seed % 4)).map { _ in Double(rng.nextInt(below: 4)) }
        let y = (0..<(2 + seed % 5)).map { _ in Double(rng.nextInt(below: 4)) }
        #expect(abs(Statistics.mannWhitney(x, y).p - Self.bruteForceP(x, y)) < 1e-12, "\(x) vs \(y)")
    }

    @Test("Cliff's delta counts dominance; its bootstrap interval brackets it and is reproducible")
    func cliffsDelta() {
        #expect(Statistics.cliffsDelta([1, 2, 3], [4, 5, 6]) == -1)
        #expect(Statistics.cliffsDelta([4, 5, 6], [1, 2, 3]) == 1)
        #expect(Statistics.cliffsDelta([1, 5], [3]) == 0)
        let x = [0.9, 0.95, 1, 0.5, 0.97], y = [0.5, 0.48, 0.52, 0.51, 0.9]
        let d = Statistics.cliffsDelta(x, y)
        let (lo, hi) = Statistics.cliffsDeltaInterval(x, y)
        #expect(lo <= d && d <= hi && lo < hi)
        #expect(Statistics.cliffsDeltaInterval(x, y) == (lo, hi))
    }

    @Test("Intervals: Wilson for proportions, Student's t for means; quantiles as R's type 7")
    func intervals() {
        let (a, b) = Statistics.wilson(5, 10)
        #expect(abs(a - 0.2366) < 1e-4 && abs(b - 0.7634) < 1e-4)
        let (z0, z1) = Statistics.wilson(0, 10)
        #expect(z0 == 0 && abs(z1 - 0.2775) < 1e-4)
        #expect(abs(Statistics.t975(df: 10) - 2.2281) < 2e-3)
        #expect(abs(Statistics.t975(df: 30) - 2.0423) < 1e-3)
        #expect(abs(Statistics.t975(df: 100_000) - 1.96) < 1e-4)
        let (m0, m1) = Statistics.meanInterval([1, 2, 3, 4, 5])
        #expect(abs(m0 - (3 - 2.7764 * 1.5811 / 5.squareRoot())) < 1e-2 && abs(m1 + m0 - 6) < 1e-12)
        #expect(Statistics.quantile([1, 2, 3, 4], 0.25) == 1.75 && Statistics.median([3, 1, 2]) == 2)
    }
}

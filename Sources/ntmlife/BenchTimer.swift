import Foundation

/// Times a closure: calibrates how many calls make one sample last at least
/// `minimumSampleSeconds`, takes `samples` samples, and returns the median time per call.
/// Medians, not means: on a shared 2-core machine the outliers are all on one side.
struct BenchTimer {
    var samples: Int
    var minimumSampleSeconds: Double

    /// Median nanoseconds per call of `body`.
    func nanosecondsPerCall(_ body: () -> Void) -> Double {
        let calls = callsPerSample(body)
        return Self.median((0..<samples).map { _ in Self.seconds { for _ in 0..<calls { body() } } / Double(calls) }) * 1e9
    }

    /// Median nanoseconds per call of `a` and of `b`, and the median of the ratio b/a taken
    /// sample by sample. The two are sampled alternately, so a slow spell of a shared machine
    /// lands on both sides of most pairs, and the ratio is steadier than a ratio of medians
    /// taken minutes apart.
    func pairedNanosecondsPerCall(_ a: () -> Void, _ b: () -> Void) -> (a: Double, b: Double, ratio: Double) {
        let (callsA, callsB) = (callsPerSample(a), callsPerSample(b))
        var (timesA, timesB, ratios) = ([Double](), [Double](), [Double]())
        for _ in 0..<samples {
            let ta = Self.seconds { for _ in 0..<callsA { a() } } / Double(callsA)
            let tb = Self.seconds { for _ in 0..<callsB { b() } } / Double(callsB)
            timesA.append(ta); timesB.append(tb); ratios.append(tb / ta)
        }
        return (Self.median(timesA) * 1e9, Self.median(timesB) * 1e9, Self.median(ratios))
    }

    /// How many calls make one sample last at least `minimumSampleSeconds`.
    func callsPerSample(_ body: () -> Void) -> Int {
        var calls = 1
        while true {
            let t = Self.seconds { for _ in 0..<calls { body() } }
            if t >= minimumSampleSeconds || calls >= 1 << 30 { return calls }
            calls *= t > 0 ? max(2, min(100, Int(minimumSampleSeconds / t * 1.2))) : 100
        }
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }

    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

import Foundation

/// Times a closure: calibrates how many calls make one sample last at least
/// `minimumSampleSeconds`, takes `samples` samples, and returns the median time per call.
/// Medians, not means: on a shared 2-core machine the outliers are all on one side.
struct BenchTimer {
    var samples: Int
    var minimumSampleSeconds: Double

    /// Median nanoseconds per call of `body`.
    func nanosecondsPerCall(_ body: () -> Void) -> Double {
        var calls = 1
        while true {
            let t = Self.seconds { for _ in 0..<calls { body() } }
            if t >= minimumSampleSeconds || calls >= 1 << 30 { break }
            calls *= t > 0 ? max(2, min(100, Int(minimumSampleSeconds / t * 1.2))) : 100
        }
        var times = (0..<samples).map { _ in Self.seconds { for _ in 0..<calls { body() } } / Double(calls) }
        times.sort()
        return times[times.count / 2] * 1e9
    }

    static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}

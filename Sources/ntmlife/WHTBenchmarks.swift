import NTMBrain

/// WHT figures: ns per transform and GFLOP/s (counting n·log₂n adds) for the SIMD
/// single-vector kernel, the lane-wise batched kernel (per vector), and the plain scalar
/// loop, all in one run.
///
/// The unnormalised transform grows a vector by up to √n per call, so every 16 calls
/// the buffer is refreshed from a fixed random input (the copy is included in the time,
/// equally for every kernel, and costs well under 1/16 of a transform).
struct WHTBenchmarks {
    var timer: BenchTimer
    var lengths: [Int]

    static let callsPerRefresh = 16

    func run(_ report: BenchReport) {
        var rng = RandomStream.generator(2024, 1)
        for n in lengths {
            let source = (0..<n).map { _ in rng.nextFloat(in: -1, 1) }
            let flops = Double(n) * Double(n.trailingZeroBitCount)

            let simd = measure(source) { WalshHadamard.transform(&$0) }
            let scalar = measure(source) { WalshHadamard.transformScalar(&$0) }
            let lanes = measureLanes(source) / 8

            for (kernel, ns) in [("simd", simd), ("lanes8", lanes), ("scalar", scalar)] {
                let params: [String: BenchRecord.Param] = ["n": .int(n), "kernel": .string(kernel)]
                report.add(BenchRecord(benchmark: "wht", params: params, metric: "time_per_transform", value: ns, unit: "ns"))
                report.add(BenchRecord(benchmark: "wht", params: params, metric: "throughput", value: flops / ns, unit: "GFLOP/s"))
            }
            report.add(BenchRecord(benchmark: "wht", params: ["n": .int(n), "kernel": .string("simd")],
                                   metric: "speedup_vs_scalar", value: scalar / simd, unit: "x"))
        }
    }

    private func measure(_ source: [Float], _ kernel: (inout [Float]) -> Void) -> Double {
        var buffer = source
        return timer.nanosecondsPerCall { Self.refreshThenRun(&buffer, source, kernel) } / Double(Self.callsPerRefresh)
    }

    /// One timed call: refresh the buffer, then the kernel `callsPerRefresh` times. The
    /// buffer is an `inout` parameter here (not a captured variable), so each kernel call
    /// costs no run-time exclusivity check.
    @inline(never)
    static func refreshThenRun<T>(_ buffer: inout [T], _ source: [T], _ kernel: (inout [T]) -> Void) {
        buffer.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: source) }
        for _ in 0..<callsPerRefresh { kernel(&buffer) }
    }

    /// ns per call of the lane-wise kernel on 8 vectors (copies of `source`, lanes rotated).
    private func measureLanes(_ source: [Float]) -> Double {
        let n = source.count
        let fresh = (0..<n).map { i in SIMD8<Float>((0..<8).map { source[(i + $0) % n] }) }
        let lanes = LaneBuffer(count: n)          // 32-byte aligned, as the brains' registers are
        return timer.nanosecondsPerCall {
            for i in 0..<n { lanes[i] = fresh[i] }
            for _ in 0..<Self.callsPerRefresh { WalshHadamard.transform(lanes: lanes) }
        } / Double(Self.callsPerRefresh)
    }
}

import CNTMKernels
import NTMBrain

/// WHT figures: ns per transform and GFLOP/s (counting n·log₂n adds) for the single-vector
/// kernel (`simd`), the lane-wise batched kernel (`lanes8`, per vector), the Swift scalar
/// loop and a plain C loop of the definition (`c-loop`, built with the kernels' flags), all
/// in one run; then each fast kernel's ratio to the C loop (sampled alternately with it, so
/// a slow spell lands on both) and to the add bound, n·log₂n adds at the float adds per cycle
/// and the clock measured in the same run (`clock//adds_per_cycle`, `clock//frequency`).
///
/// The unnormalised transform grows a vector by up to √n per call, so every 16 calls
/// the buffer is refreshed from a fixed random input (the copy is included in the time,
/// equally for every kernel, and costs well under 1/16 of a transform).
struct WHTBenchmarks {
    var timer: BenchTimer
    var lengths: [Int]
    var clock: BenchClock?

    static let callsPerRefresh = 16

    func run(_ report: BenchReport) {
        var rng = RandomStream.generator(2024, 1)
        for n in lengths {
            let source = (0..<n).map { _ in rng.nextFloat(in: -1, 1) }
            let flops = Double(n) * Double(n.trailingZeroBitCount)
            var single = source, definition = source, scalarBuffer = source
            let lanes = LaneBuffer(count: n)          // cache-line aligned, as the brains' registers are
            let fresh = (0..<n).map { i in SIMD8<Float>((0..<8).map { source[(i + $0) % n] }) }

            let simd = timer.pairedNanosecondsPerCall({ Self.refreshThenRun(&definition, source) { Self.cLoop(&$0) } },
                                                      { Self.refreshThenRun(&single, source) { WalshHadamard.transform(&$0) } })
            let lanewise = timer.pairedNanosecondsPerCall({ Self.refreshThenRun(&definition, source) { Self.cLoop(&$0) } },
                                                          { Self.refreshLanesThenRun(lanes, fresh) })
            let scalar = timer.nanosecondsPerCall { Self.refreshThenRun(&scalarBuffer, source) { WalshHadamard.transformScalar(&$0) } }
            let perCall = Double(Self.callsPerRefresh)
            let times = [("simd", simd.b / perCall, simd.ratio), ("lanes8", lanewise.b / perCall / 8, lanewise.ratio / 8),
                         ("scalar", scalar / perCall, nil), ("c-loop", simd.a / perCall, nil)]
            for (kernel, ns, toCLoop) in times {
                let params: [String: BenchRecord.Param] = ["n": .int(n), "kernel": .string(kernel)]
                report.add(BenchRecord(benchmark: "wht", params: params, metric: "time_per_transform", value: ns, unit: "ns"))
                report.add(BenchRecord(benchmark: "wht", params: params, metric: "throughput", value: flops / ns, unit: "GFLOP/s"))
                if let toCLoop {
                    report.add(BenchRecord(benchmark: "wht", params: params, metric: "ratio_to_c_loop", value: toCLoop, unit: "×"))
                    if let clock {
                        report.add(BenchRecord(benchmark: "wht", params: params, metric: "ratio_to_add_bound",
                                               value: ns / clock.boundNanoseconds(operations: flops), unit: "×"))
                    }
                }
            }
            report.add(BenchRecord(benchmark: "wht", params: ["n": .int(n), "kernel": .string("simd")],
                                   metric: "speedup_vs_scalar", value: scalar / (simd.b / perCall), unit: "x"))
        }
    }

    static func cLoop(_ v: inout [Float]) {
        v.withUnsafeMutableBufferPointer { ntm_wht_definition($0.baseAddress!, $0.count) }
    }

    /// One timed call: refresh the buffer, then the kernel `callsPerRefresh` times. The
    /// buffer is an `inout` parameter here (not a captured variable), so each kernel call
    /// costs no run-time exclusivity check.
    @inline(never)
    static func refreshThenRun<T>(_ buffer: inout [T], _ source: [T], _ kernel: (inout [T]) -> Void) {
        buffer.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: source) }
        for _ in 0..<callsPerRefresh { kernel(&buffer) }
    }

    /// The same for the lane-wise kernel on 8 vectors (copies of the source, lanes rotated).
    @inline(never)
    static func refreshLanesThenRun(_ lanes: LaneBuffer, _ fresh: [SIMD8<Float>]) {
        for i in 0..<fresh.count { lanes[i] = fresh[i] }
        for _ in 0..<callsPerRefresh { WalshHadamard.transform(lanes: lanes) }
    }
}

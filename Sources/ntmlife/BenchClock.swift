import CNTMKernels

/// The core's clock while the benchmarks run, from the time a chain of dependent one-cycle
/// integer adds takes (this machine, a VM, exposes no cycle counters, and its turbo clock
/// is not the nominal one). It turns times into cycles, so each figure can be set against
/// the bound it is measured by: the WHT's n·log₂n adds at 16 per cycle (8 lanes × 2 add
/// pipes), the brain step's adds and multiplies at the same rate.
struct BenchClock {
    /// Cycles per nanosecond (GHz).
    var gigahertz: Double

    /// Measures with `timer` (median of its samples); nil where the probe cannot run.
    static func measure(_ timer: BenchTimer) -> BenchClock? {
        let cycles = 1 << 20
        guard ntm_dependent_adds(8) == 1 else { return nil }
        let ns = timer.nanosecondsPerCall { _ = ntm_dependent_adds(cycles) }
        return BenchClock(gigahertz: Double(cycles) / ns)
    }

    /// The time `operations` vector-lane operations take at 16 per cycle.
    func boundNanoseconds(operations: Double) -> Double { operations / 16 / gigahertz }

    var record: BenchRecord {
        BenchRecord(benchmark: "clock", params: ["probe": .string("dependent-integer-adds")],
                    metric: "frequency", value: gigahertz, unit: "GHz")
    }
}

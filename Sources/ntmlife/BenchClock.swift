import CNTMKernels
import Foundation

/// The core's clock and its float-add rate while the benchmarks run, so each time can be set
/// against the bound it is measured by: the WHT's n·log₂n adds, the brain step's adds and
/// multiplies, at the adds per cycle this core sustains at the kernels' register width.
///
/// Both are measured, not looked up. The clock comes from a chain of dependent one-cycle
/// integer adds (this machine, a VM, exposes no cycle counters, and its turbo clock is not the
/// nominal one); each add's addend is a register, because Intel's cores since Golden Cove
/// fold an immediate add in the renamer and a chain of those runs faster than the clock.
/// The add rate comes from twelve independent vector-add chains at the width in force: AVX-512 doubles a register, but whether it doubles the adds per cycle depends on the
/// core (Zen 4 splits a 512-bit add over its two 256-bit pipes, Zen 5 has 512-bit pipes), so a
/// bound taken from the register width alone would be wrong by 2× on one of them. The measured
/// rate is rounded to a power of two (it is 16 or 32 floats per cycle on the machines seen
/// here, give or take a few per cent of noise), so the bound is a fact of the machine and does
/// not move with the noise of one run.
struct BenchClock {
    /// Cycles per nanosecond (GHz).
    var gigahertz: Double

    /// Float adds per cycle measured at the kernels' width (before rounding), or nil where
    /// the probe cannot run; the bound then assumes two registers per cycle.
    var measuredAddsPerCycle: Double?

    /// Floats per register of the kernels in force: 16 (AVX-512), 8 (AVX2), 4 (portable).
    var lanes: Double = Double(ntm_kernel_bits() / 32)

    /// Measures with `timer` (median of its samples); nil where the probe cannot run.
    static func measure(_ timer: BenchTimer) -> BenchClock? {
        let cycles = 1 << 20
        guard ntm_dependent_adds(8) == 1 else { return nil }
        let ns = timer.nanosecondsPerCall { _ = ntm_dependent_adds(cycles) }
        var clock = BenchClock(gigahertz: Double(cycles) / ns)
        let bits = ntm_kernel_bits()
        let trips = 1 << 16
        let floats = ntm_vector_adds(1, bits)
        if floats > 0 {
            let addNs = timer.nanosecondsPerCall { _ = ntm_vector_adds(trips, bits) }
            clock.measuredAddsPerCycle = Double(trips) * Double(floats) / (addNs * clock.gigahertz)
        }
        return clock
    }

    /// Float adds per cycle the bound assumes: the measured rate rounded to a power of two,
    /// never below one register a cycle (every core with the width issues that many; a probe
    /// that reads less was preempted, as happened once with the test suite sharing two cores
    /// with another tenant: 2 floats a cycle at 16-float registers), or two registers' worth
    /// where it could not be measured.
    var addsPerCycle: Double {
        guard let measured = measuredAddsPerCycle, measured > 0 else { return 2 * lanes }
        return max(lanes, exp2(log2(measured).rounded()))
    }

    /// The time `operations` float operations take at `addsPerCycle`.
    func boundNanoseconds(operations: Double) -> Double { operations / addsPerCycle / gigahertz }

    var records: [BenchRecord] {
        var records = [
            BenchRecord(benchmark: "clock", params: ["probe": .string("dependent-integer-adds")],
                        metric: "frequency", value: gigahertz, unit: "GHz"),
            BenchRecord(benchmark: "clock", params: ["probe": .string("kernel-width")],
                        metric: "register_bits", value: lanes * 32, unit: "bits")]
        if let measuredAddsPerCycle {
            records.append(BenchRecord(benchmark: "clock", params: ["probe": .string("independent-vector-adds")],
                                       metric: "adds_per_cycle", value: measuredAddsPerCycle, unit: "floats"))
        }
        records.append(BenchRecord(benchmark: "clock", params: ["probe": .string("bound")],
                                   metric: "adds_per_cycle", value: addsPerCycle, unit: "floats"))
        return records
    }
}

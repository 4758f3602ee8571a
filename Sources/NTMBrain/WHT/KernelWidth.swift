import CNTMKernels

/// How wide a register the transforms run at on this machine: 512 bits (16 floats) where
/// the CPU and the OS have AVX-512, 256 (8 floats, AVX2) otherwise, 128 in the portable
/// build. Decided once, at the first transform, from CPUID; `NTMLIFE_KERNELS=avx2` in the
/// environment caps it at 256.
///
/// The width changes speed, never bits. A transform's floats are fixed by which butterflies
/// it does in which order (stages in increasing h, each exactly `(a + b, a − b)`); the
/// 16-float kernels do the 8-float kernels' butterflies on the same operands, two registers
/// of the lane-wise layout per instruction, and form the one butterfly inside a register
/// with a multiply by ±1, which is exact. So a run on an AVX-512 machine and one without
/// agree bit for bit; `KernelWidthTests` runs every kernel at every width of the machine it
/// is on and compares.
public enum KernelWidth {
    /// The width in force, in bits.
    public static var bits: Int { Int(ntm_kernel_bits()) }

    /// The widths this machine and build can run, widest first (e.g. [512, 256]).
    public static var available: [Int] {
        let saved = bits
        defer { ntm_set_kernel_bits(Int32(saved)) }
        let widest = Int(ntm_set_kernel_bits(512))
        return [512, 256, 128].filter { $0 <= widest && Int(ntm_set_kernel_bits(Int32($0))) == $0 }
    }

    /// Runs `body` with the width capped at `cap` bits, then restores the width before.
    /// The width is one setting for the whole process: for tests and `bench`, which compare
    /// widths, and only while no other caller changes it (other transforms running at the
    /// same time still get correct bits, at either width).
    package static func capped<R>(at cap: Int, _ body: () throws -> R) rethrows -> R {
        let saved = bits
        ntm_set_kernel_bits(Int32(cap))
        defer { ntm_set_kernel_bits(Int32(saved)) }
        return try body()
    }
}

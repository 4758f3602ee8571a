/// The fast Walsh–Hadamard transform (WHT): the mixing step of every NTMLife brain.
///
/// For a length n = 2ᵏ, the transform computes `H·v` where `H[i][j] = (−1)^popcount(i & j)`:
/// every output is a ± sum of every input. The fast algorithm does it in k stages of
/// n/2 butterflies `(a, b) → (a + b, a − b)`, stage h pairing elements h apart
/// (h = 1, 2, 4, …, n/2): `n·log₂n` additions, no multiplications.
///
/// Scaled by `1/√n` the transform is orthonormal and its own inverse.
///
/// **Bit-for-bit contract.** Floating-point addition is not associative, so the order of
/// operations is part of the definition here: every kernel in NTMLife (the plain scalar
/// loop, the single-vector SIMD kernel, the lane-wise batched kernel) applies the stages in
/// increasing h and computes each butterfly as exactly `a + b` and `a − b`. They therefore
/// return identical bits for identical input, which is what lets a batched population and a
/// single replayed agent agree exactly. The orthonormal form multiplies by
/// ``scale(forLength:)`` after the last stage.
public enum WalshHadamard {
    /// Whether the transform is left unscaled (`H·v`) or scaled to be orthonormal (`H·v/√n`).
    public enum Normalization: Sendable {
        case unnormalized
        case orthonormal
    }

    /// The lengths the kernels accept: powers of two from 2 to 65536.
    public static let supportedLengths: ClosedRange<Int> = 2...65536

    /// Whether `n` is a power of two in ``supportedLengths``.
    @inlinable
    public static func isSupported(length n: Int) -> Bool {
        supportedLengths.contains(n) && n & (n - 1) == 0
    }

    /// `1/√n` as a `Float`, rounded once from the correctly rounded `√n`.
    @inlinable
    public static func scale(forLength n: Int) -> Float {
        1 / Float(n).squareRoot()
    }

    /// Entry (i, j) of the n×n Hadamard matrix in Sylvester order: `(−1)^popcount(i & j)`.
    @inlinable
    public static func matrixEntry(_ i: Int, _ j: Int) -> Int {
        (i & j).nonzeroBitCount & 1 == 0 ? 1 : -1
    }

    /// Transforms `vector` in place with the SIMD single-vector kernel.
    ///
    /// - Precondition: `vector.count` is a power of two in ``supportedLengths``.
    @inlinable
    public static func transform(_ vector: inout [Float], _ normalization: Normalization = .unnormalized) {
        vector.withUnsafeMutableBufferPointer { transform($0, normalization) }
    }

    /// Transforms the buffer in place with the SIMD single-vector kernel (the pointer form
    /// stays inside the module; callers elsewhere pass an array).
    ///
    /// - Precondition: `buffer.count` is a power of two in ``supportedLengths``.
    @usableFromInline
    static func transform(_ buffer: UnsafeMutableBufferPointer<Float>, _ normalization: Normalization = .unnormalized) {
        run(buffer, normalization, VectorKernel.transform)
    }

    /// The plain scalar loop of the definition, for comparison in `ntmlife bench` and as the
    /// readable statement of the operation order. Same bits as the SIMD kernels.
    @inlinable
    public static func transformScalar(_ vector: inout [Float], _ normalization: Normalization = .unnormalized) {
        vector.withUnsafeMutableBufferPointer { transformScalar($0, normalization) }
    }

    @usableFromInline
    static func transformScalar(_ buffer: UnsafeMutableBufferPointer<Float>, _ normalization: Normalization = .unnormalized) {
        run(buffer, normalization, ScalarKernel.transform)
    }

    /// Checks the length, runs `kernel` in place, then scales if asked.
    @inline(__always)
    static func run(_ buffer: UnsafeMutableBufferPointer<Float>, _ normalization: Normalization,
                    _ kernel: (UnsafeMutablePointer<Float>, Int) -> Void) {
        let n = buffer.count
        precondition(isSupported(length: n), "WHT length \(n) is not a power of two in 2...65536")
        let v = buffer.baseAddress!
        kernel(v, n)
        if normalization == .orthonormal { scaleInPlace(v, n, scale(forLength: n)) }
    }

    @inlinable
    static func scaleInPlace(_ v: UnsafeMutablePointer<Float>, _ n: Int, _ c: Float) {
        for i in 0..<n { v[i] *= c }
    }
}

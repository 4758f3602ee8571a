extension WalshHadamard {
    /// The O(n²) definition, `y[i] = Σⱼ H[i][j]·x[j]`, in exact integer arithmetic.
    ///
    /// Tests compare the fast kernels against this on integer-valued inputs small enough
    /// that every partial sum is exactly representable as a `Float` (|x| ≤ 2²⁴ / n), so
    /// agreement must be exact, not approximate.
    public static func referenceTransform(_ x: [Int]) -> [Int] {
        let n = x.count
        precondition(n > 0 && n & (n - 1) == 0, "length must be a power of two")
        var y = [Int](repeating: 0, count: n)
        for i in 0..<n {
            var sum = 0
            for j in 0..<n { sum += matrixEntry(i, j) * x[j] }
            y[i] = sum
        }
        return y
    }
}

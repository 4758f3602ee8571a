import CNTMKernels
import Testing

/// The yardsticks `ntmlife bench` sets the kernels against must do the work they are timed
/// for; a yardstick that skipped some of it would make every ratio to it look better.
@Suite("Yardsticks")
struct YardstickTests {
    @Test("ntm_row_reads reads every float of every row it is given, the tail of each row too")
    func rowReads() {
        // Row r holds (r + 1)/8 in every float: sums of such values are exact, so the result
        // is the known answer floats · Σ (r + 1)/8, or a float of some row was not read.
        for floats in [8, 24, 32, 40, 256] {
            let rowCount = 5
            let storage = (0..<rowCount).map { r in [Float](repeating: Float(r + 1) / 8, count: floats) }
            let expected = Float(floats) * (1...rowCount).reduce(0) { $0 + Float($1) / 8 }
            let got = storage.withPointers { rows in ntm_row_reads(rows, rowCount, floats) }
            #expect(got == expected, "\(floats) floats a row")
        }
    }
}

extension Array where Element == [Float] {
    /// Calls `body` with a C array of pointers to each inner array's floats, valid inside it.
    func withPointers<R>(_ body: (UnsafePointer<UnsafePointer<Float>?>) -> R) -> R {
        func go(_ i: Int, _ acc: [UnsafePointer<Float>?]) -> R {
            if i == count { return acc.withUnsafeBufferPointer { body($0.baseAddress!) } }
            return self[i].withUnsafeBufferPointer { go(i + 1, acc + [$0.baseAddress!]) }
        }
        return go(0, [])
    }
}

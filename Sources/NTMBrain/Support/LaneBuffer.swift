/// A fixed-size, zero-initialised, 32-byte-aligned array of `SIMD8<Float>` registers that
/// owns its memory. The lane-wise storage of ``BrainBatch``: register `i` holds quantity
/// `i` for eight agents side by side.
///
/// It is a class so that the hot loops can hold a stable pointer (`base`) without
/// copy-on-write checks; it is not shared across threads except through disjoint ranges.
@usableFromInline
final class LaneBuffer: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<SIMD8<Float>>
    @usableFromInline let count: Int

    @usableFromInline
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: .zero, count: max(count, 1))
    }

    deinit { base.deallocate() }

    @inlinable
    func zero(_ range: Range<Int>) {
        for i in range { base[i] = .zero }
    }
}

/// A fixed-size, zero-initialised, 32-byte-aligned array of `SIMD8<Float>` registers that
/// owns its memory. The lane-wise storage of ``BrainBatch``: register `i` holds quantity
/// `i` for eight agents side by side.
///
/// It is a class so that the hot loops can hold a stable pointer (`base`) without
/// copy-on-write checks; it is not shared across threads except through disjoint ranges.
/// Alignment matters: a `[SIMD8<Float>]` is only 16-byte aligned, and a 32-byte register
/// load that straddles a cache line costs more (the lane-wise WHT ran a fifth slower on an
/// array than here). Outside the module it is a plain fixed-size collection of registers.
public final class LaneBuffer: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<SIMD8<Float>>
    public let count: Int

    public init(count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: .zero, count: max(count, 1))
    }

    deinit { base.deallocate() }

    public subscript(i: Int) -> SIMD8<Float> {
        get { precondition(i >= 0 && i < count); return base[i] }
        set { precondition(i >= 0 && i < count); base[i] = newValue }
    }

    @inlinable
    func zero(_ range: Range<Int>) {
        for i in range { base[i] = .zero }
    }
}

/// A fixed-size, zero-initialised, cache-line-aligned array of `SIMD8<Float>` registers that
/// owns its memory. The lane-wise storage of ``BrainBatch``: register `i` holds quantity
/// `i` for eight agents side by side.
///
/// It is a class so that the hot loops can hold a stable pointer (`base`) without
/// copy-on-write checks; it is not shared across threads except through disjoint ranges.
/// Alignment matters: `SIMD8<Float>`'s own alignment is 16 bytes, so neither an array nor
/// `UnsafeMutablePointer<SIMD8<Float>>.allocate` keeps a 32-byte register inside one cache
/// line; on a 16-byte boundary every other register load straddles two lines and costs
/// more (the lane-wise switch layer ran 12–19 % slower). The memory is therefore allocated
/// raw, 64-byte aligned, and bound to registers. Outside the module it is a plain
/// fixed-size collection of registers.
public final class LaneBuffer: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<SIMD8<Float>>
    public let count: Int

    public init(count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<SIMD8<Float>>.stride,
                                                   alignment: Self.alignment)
        base = raw.bindMemory(to: SIMD8<Float>.self, capacity: max(count, 1))
        base.initialize(repeating: .zero, count: max(count, 1))
    }

    /// A cache line: every register (32 bytes) lies within one.
    package static let alignment = 64

    deinit { UnsafeMutableRawPointer(base).deallocate() }

    /// The first register's address (a test hook for the alignment).
    package var address: UInt { UInt(bitPattern: base) }

    public subscript(i: Int) -> SIMD8<Float> {
        get { precondition(i >= 0 && i < count); return base[i] }
        set { precondition(i >= 0 && i < count); base[i] = newValue }
    }

    @inlinable
    func zero(_ range: Range<Int>) {
        for i in range { base[i] = .zero }
    }
}

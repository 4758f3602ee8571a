/// A fixed-length column of a struct-of-arrays table, over memory its owner allocates once
/// and frees in its `deinit`.
///
/// Why not `[T]`: the arena's hot loops read and write these columns for every agent on
/// every tick, on several threads. A Swift array stored in a class is reference-counted and
/// exclusivity-checked on each access, and two threads bumping the reference count of
/// shared buffers contend for the same cache lines. A `Column` is a bare pointer and a
/// length: copying it is free, and access is a plain load or store. The owner must call
/// ``free()`` exactly once and must not use the column afterwards.
@usableFromInline
struct Column<T>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<T>
    @usableFromInline let count: Int

    init(_ values: [T]) {
        count = values.count
        base = .allocate(capacity: max(count, 1))
        _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: values)
    }

    init(repeating value: T, count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    @inlinable
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// A copy as an ordinary array (for tests, views and snapshots; not for hot loops).
    var array: [T] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func free() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}

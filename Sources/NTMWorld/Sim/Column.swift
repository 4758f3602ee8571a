/// A fixed-length column of a struct-of-arrays table: a view of memory that a
/// ``ColumnStorage`` owns.
///
/// Why not `[T]`: the arena's hot loops read and write these columns for every agent on
/// every tick, on several threads. A Swift array stored in a class is reference-counted and
/// exclusivity-checked on each access, and two threads bumping the reference count of
/// shared buffers contend for the same cache lines. A `Column` is a bare pointer and a
/// length: copying it is free, and access is a plain load or store. It cannot free itself:
/// its memory lives exactly as long as the storage that made it, so a column is valid for
/// as long as its owner (who keeps the storage) is.
@usableFromInline
struct Column<T>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<T>
    @usableFromInline let count: Int

    fileprivate init(base: UnsafeMutablePointer<T>, count: Int) {
        self.base = base
        self.count = count
    }

    @inlinable
    subscript(i: Int) -> T {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    /// A copy as an ordinary array (for tests, views and snapshots; not for hot loops).
    var array: [T] { Array(UnsafeBufferPointer(start: base, count: count)) }
}

/// The owner of every column of one arena (after swift-nio's storage classes: one object
/// with a `deinit` owns the raw memory). Columns are made here and freed together when the
/// storage goes, so no list of columns is kept by hand and none can be forgotten or freed
/// twice; a column rebuilt while its arena lives is handed back with ``release(_:)``.
final class ColumnStorage {
    private struct Block {
        let base: UnsafeMutableRawPointer
        let free: (UnsafeMutableRawPointer) -> Void
    }
    private var blocks: [Block] = []

    init() {}

    /// A column holding `values`.
    func make<T>(_ values: [T]) -> Column<T> {
        let base = allocate(T.self, values.count)
        _ = UnsafeMutableBufferPointer(start: base, count: values.count).initialize(from: values)
        return Column(base: base, count: values.count)
    }

    /// A column of `count` copies of `value`.
    func make<T>(repeating value: T, count: Int) -> Column<T> {
        let base = allocate(T.self, count)
        base.initialize(repeating: value, count: count)
        return Column(base: base, count: count)
    }

    /// Frees a column before the storage goes; it must not be used afterwards.
    func release<T>(_ column: Column<T>) {
        let raw = UnsafeMutableRawPointer(column.base)
        guard let i = blocks.firstIndex(where: { $0.base == raw }) else { preconditionFailure("a column this storage does not own") }
        blocks.remove(at: i).free(raw)
    }

    private func allocate<T>(_: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
        let base = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
        blocks.append(Block(base: UnsafeMutableRawPointer(base)) { raw in
            let p = raw.assumingMemoryBound(to: T.self)
            p.deinitialize(count: count)
            p.deallocate()
        })
        return base
    }

    deinit {
        for b in blocks { b.free(b.base) }
    }
}

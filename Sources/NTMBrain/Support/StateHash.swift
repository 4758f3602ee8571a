/// FNV-1a, 64-bit: a small, fully specified hash for *state fingerprints* and file
/// checksums.
///
/// Determinism tests compare these fingerprints: the same seed must give the same hash
/// at any thread count, after a resume, in debug and release. Swift's `Hasher` is
/// randomly seeded per process and must never be used for that. FNV-1a is not a
/// cryptographic hash; it detects accidents (corruption, divergence), not adversaries.
public struct StateHash: Hashable, Sendable {
    public var value: UInt64 = 0xCBF2_9CE4_8422_2325

    @inlinable public init() {}

    /// A hash already computed (e.g. read back from a file).
    @inlinable public init(value: UInt64) { self.value = value }

    /// Mixes one byte: `h = (h ⊕ byte) · 0x100000001b3`.
    @inlinable
    public mutating func combine(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// Mixes the eight bytes of `word`, least significant first.
    @inlinable
    public mutating func combine(_ word: UInt64) {
        var w = word
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: w))
            w &>>= 8
        }
    }

    /// Mixes the exact bit pattern of a float (so −0 and +0 differ, as they should).
    @inlinable
    public mutating func combine(_ value: Float) {
        let bits = value.bitPattern
        for shift in stride(from: 0 as UInt32, to: 32, by: 8) {
            combine(byte: UInt8(truncatingIfNeeded: bits &>> shift))
        }
    }

    @inlinable
    public mutating func combine<S: Sequence>(floats: S) where S.Element == Float {
        for v in floats { combine(v) }
    }

    @inlinable
    public mutating func combine<S: Sequence>(bytes: S) where S.Element == UInt8 {
        for b in bytes { combine(byte: b) }
    }

    /// The hash as 16 lower-case hex digits.
    public var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

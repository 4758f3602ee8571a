/// SplitMix64 (Steele, Lea & Flood 2014; Vigna's reference `splitmix64.c`).
///
/// A 64-bit counter advanced by the golden-ratio constant `0x9E3779B97F4A7C15`, passed
/// through a bijective finaliser (two xor-shift-multiply rounds). Every seed, including 0,
/// gives a full-period stream. NTMLife uses it for two things only: to *derive* seeds
/// (``RandomStream``) and to expand one 64-bit seed into the 256-bit state of
/// ``Xoshiro256StarStar``, exactly as the xoshiro authors recommend.
public struct SplitMix64: RandomSource, Hashable, Sendable {
    /// The counter; the next output is `mix(state + γ)`.
    public var state: UInt64

    /// The golden-ratio increment γ = ⌊2⁶⁴/φ⌋, odd.
    public static let gamma: UInt64 = 0x9E37_79B9_7F4A_7C15

    @inlinable
    public init(seed: UInt64) { state = seed }

    @inlinable
    public mutating func next() -> UInt64 {
        state &+= Self.gamma
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijection on `UInt64` with strong avalanche.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z &>> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z &>> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z &>> 31)
    }
}

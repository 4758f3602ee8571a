/// xoshiro256** (Blackman & Vigna 2018): the generator every simulation draw comes from.
///
/// 256 bits of state, period 2²⁵⁶ − 1, passes BigCrush; one step is a handful of shifts,
/// xors and two multiplies. The output scrambler is `rotl(s1 · 5, 7) · 9`. The all-zero
/// state is the one forbidden state; ``init(seed:)`` cannot produce it.
public struct Xoshiro256StarStar: RandomSource, Hashable, Sendable {
    public var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// Seeds the state from four consecutive outputs of ``SplitMix64`` started at `seed`,
    /// the seeding the generator's authors recommend.
    @inlinable
    public init(seed: UInt64) {
        var sm = SplitMix64(seed: seed)
        self.init(state: (sm.next(), sm.next(), sm.next(), sm.next()))
    }

    /// Uses `state` verbatim (for known-answer tests and checkpoints). An all-zero state,
    /// which would stay zero forever, is replaced by the state seeded from 0.
    @inlinable
    public init(state: (UInt64, UInt64, UInt64, UInt64)) {
        if state == (0, 0, 0, 0) {
            var sm = SplitMix64(seed: 0)
            (s0, s1, s2, s3) = (sm.next(), sm.next(), sm.next(), sm.next())
        } else {
            (s0, s1, s2, s3) = state
        }
    }

    /// The full state, for saving and restoring a generator exactly.
    @inlinable
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    @inlinable
    public mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 &<< 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    @inlinable
    static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x &<< k) | (x &>> (64 &- k)) }
}

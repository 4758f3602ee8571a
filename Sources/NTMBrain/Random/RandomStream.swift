/// Named, independent random streams derived from a run seed and a tuple of keys.
///
/// Every draw in a run belongs to a stream keyed by *what it is for*, e.g.
/// `(seed, generation, arena, episode)`, never by *when* it happens to be drawn. Two threads
/// evaluating different agents therefore never share a generator, and a resumed run
/// rebuilds exactly the generators it would have had.
///
/// Derivation: `h₀ = mix(seed)`, `hᵢ₊₁ = mix(hᵢ ⊕ mix(keyᵢ + γ·(i+1)))`, where `mix` is the
/// SplitMix64 finaliser and γ its golden-ratio constant; the stream is
/// `Xoshiro256StarStar(seed: h)`. Position enters through `γ·(i+1)`, so `(1, 2)` and
/// `(2, 1)` give different streams, and so do `(1)` and `(1, 0)`.
public enum RandomStream {
    /// The 64-bit seed of the stream named by `keys` under `seed`.
    @inlinable
    public static func derivedSeed(_ seed: UInt64, _ keys: [UInt64]) -> UInt64 {
        var h = SplitMix64.mix(seed)
        for (i, key) in keys.enumerated() {
            let salt = SplitMix64.gamma &* UInt64(i + 1)
            h = SplitMix64.mix(h ^ SplitMix64.mix(key &+ salt))
        }
        return h
    }

    /// The generator for the stream named by `keys` under `seed`.
    @inlinable
    public static func generator(_ seed: UInt64, _ keys: UInt64...) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: derivedSeed(seed, keys))
    }

    /// The generator for the stream named by `keys` under `seed` (array form).
    @inlinable
    public static func generator(_ seed: UInt64, keys: [UInt64]) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: derivedSeed(seed, keys))
    }
}

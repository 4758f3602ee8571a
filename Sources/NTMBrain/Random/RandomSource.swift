/// A deterministic source of 64-bit words, and the project's own conversions from them.
///
/// The conversions are defined here, bit for bit, rather than borrowed from the standard
/// library's `RandomNumberGenerator` helpers, whose algorithms are not promised to stay the
/// same between Swift releases. A replay years from now must draw the same numbers.
public protocol RandomSource {
    /// The next 64 uniformly distributed bits.
    mutating func next() -> UInt64
}

extension RandomSource {
    /// A `Float` uniform on [0, 1): the top 24 bits times 2⁻²⁴ (every value a multiple of 2⁻²⁴).
    @inlinable
    public mutating func nextFloat() -> Float {
        Float(next() &>> 40) * 0x1p-24
    }

    /// A `Double` uniform on [0, 1): the top 53 bits times 2⁻⁵³.
    @inlinable
    public mutating func nextDouble() -> Double {
        Double(next() &>> 11) * 0x1p-53
    }

    /// A `Float` uniform on [lower, upper): `lower + (upper − lower) · u`.
    @inlinable
    public mutating func nextFloat(in lower: Float, _ upper: Float) -> Float {
        lower + (upper - lower) * nextFloat()
    }

    /// An integer uniform on 0 ..< bound, without modulo bias (Lemire 2019): take the high
    /// word of `x · bound`; reject the few low words that would over-represent a value.
    @inlinable
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold {
                product = next().multipliedFullWidth(by: range)
            }
        }
        return Int(product.high)
    }

    /// +1 or −1 with equal probability (the top bit decides).
    @inlinable
    public mutating func nextSign() -> Float {
        next() &>> 63 == 0 ? 1 : -1
    }

    /// A standard normal deviate (mean 0, variance 1) by Marsaglia's polar method: draw
    /// (u, v) uniform in the square (−1, 1)², keep it when 0 < s = u² + v² < 1, return
    /// `u · √(−2 ln s / s)`. The second deviate the method yields is discarded so that the
    /// generator carries no hidden cache. `ln` is ``DeterministicMath/log(_:)``, so the
    /// value is the same on every machine.
    @inlinable
    public mutating func nextGaussian() -> Double {
        while true {
            let u = 2 * nextDouble() - 1
            let v = 2 * nextDouble() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * DeterministicMath.log(s) / s).squareRoot()
            }
        }
    }
}

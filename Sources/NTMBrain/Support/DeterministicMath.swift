/// Transcendental functions built from IEEE-754 `+ − × ÷` and exact bit operations only.
///
/// The platform's `exp`/`log` may differ in the last bit between C libraries, CPUs and
/// releases; a simulation whose state depends on them would not replay bit for bit on
/// another machine. These versions are accurate to a few ulp and, more importantly,
/// give the same bits everywhere: they contain no library calls, no FMA and no
/// table that a compiler could lay out differently.
public enum DeterministicMath {
    /// ln 2 split as a high part with trailing zero bits (so `k · ln2Hi` is exact for
    /// |k| < 2¹¹) and the remainder.
    @usableFromInline static let ln2Hi: Double = 6.93147180369123816490e-01
    @usableFromInline static let ln2Lo: Double = 1.90821492927058770002e-10

    /// Natural logarithm for finite x > 0; `-infinity` for 0, NaN for negative or NaN input.
    ///
    /// Write x = m · 2ᵉ with m in [√½, √2); then ln x = e·ln 2 + 2·atanh(t) with
    /// t = (m − 1)/(m + 1), |t| < 0.172, and atanh(t) = t + t³/3 + t⁵/5 + … summed to t²³
    /// (the next term is below 2⁻⁵⁵ of the result).
    @inlinable
    public static func log(_ x: Double) -> Double {
        guard x > 0 else { return x == 0 ? -.infinity : .nan }
        guard x.isFinite else { return x }
        var e = Double(x.exponent)
        var m = x.significand            // exact, in [1, 2)
        if m > 1.4142135623730951 {
            m *= 0.5                      // exact
            e += 1
        }
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        // Horner form of 1 + t²/3 + t⁴/5 + … + t²²/23.
        var series = 1.0 / 23.0
        var k = 21.0
        while k >= 1 {
            series = series * t2 + 1 / k
            k -= 2
        }
        let logM = 2 * t * series
        return e * ln2Hi + (e * ln2Lo + logM)
    }

    /// eˣ for finite x; 0 below −745.2, `+infinity` above 709.8.
    ///
    /// Reduce x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ½ ln 2 (computed with the
    /// two-part ln 2, so r is exact to ~2⁻⁶⁰), sum the Taylor series of eʳ to r¹⁴, then scale
    /// by 2ᵏ exactly.
    @inlinable
    public static func exp(_ x: Double) -> Double {
        if x.isNaN { return x }
        if x > 709.782712893384 { return .infinity }
        if x < -745.1332191019412 { return 0 }
        let k = (x / 0.6931471805599453).rounded()
        let r = (x - k * ln2Hi) - k * ln2Lo
        var sum = 1.0
        var n = 14.0
        while n >= 1 {
            sum = 1 + sum * r / n
            n -= 1
        }
        return scale(sum, by: Int(k))
    }

    /// `value · 2ⁿ`, exact while the result is a normal number; split in two steps so
    /// that results in the subnormal range are rounded only once, at the end.
    @inlinable
    static func scale(_ value: Double, by n: Int) -> Double {
        if n > 1000 {
            return value * Double(sign: .plus, exponent: 1000, significand: 1)
                * Double(sign: .plus, exponent: n - 1000, significand: 1)
        }
        if n < -1000 {
            return value * Double(sign: .plus, exponent: -1000, significand: 1)
                * Double(sign: .plus, exponent: n + 1000, significand: 1)
        }
        return value * Double(sign: .plus, exponent: n, significand: 1)
    }
}

extension DeterministicMath {
    /// sin x for finite x: reduce to r = x − k·π/2 with |r| ≤ π/4 (two-part π/2), then the
    /// Taylor polynomials of sin or cos to degree 17/16 (truncation below 2⁻⁵⁵ on that range).
    @inlinable
    public static func sin(_ x: Double) -> Double {
        let (r, quadrant) = reduceQuarterPi(x)
        switch quadrant & 3 {
        case 0: return sinPoly(r)
        case 1: return cosPoly(r)
        case 2: return -sinPoly(r)
        default: return -cosPoly(r)
        }
    }

    /// cos x for finite x (see ``sin(_:)``).
    @inlinable
    public static func cos(_ x: Double) -> Double {
        let (r, quadrant) = reduceQuarterPi(x)
        switch quadrant & 3 {
        case 0: return cosPoly(r)
        case 1: return -sinPoly(r)
        case 2: return -cosPoly(r)
        default: return sinPoly(r)
        }
    }

    @inlinable
    static func reduceQuarterPi(_ x: Double) -> (Double, Int) {
        let (r, k) = reduction(x)
        return (r, Int(k))
    }

    /// r = x − k·π/2 with k = round(x · 2/π) (half away from zero) and π/2 in two parts:
    /// for a Double, or for eight lane by lane.
    @inlinable
    static func reduction<T: HornerArgument>(_ x: T) -> (r: T, k: T) {
        let k = (x * .constant(0.6366197723675814)).rounded(.toNearestOrAwayFromZero)     // 2/π
        return ((x - k * .constant(1.5707963267341256)) - k * .constant(6.077100506506192e-11), k)
    }

    /// Both at once, for a rotation: one reduction, each value the same bits as
    /// ``sin(_:)`` and ``cos(_:)`` give.
    @inlinable
    public static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        let (r, quadrant) = reduceQuarterPi(x)
        let s = sinPoly(r), c = cosPoly(r)
        switch quadrant & 3 {
        case 0: return (s, c)
        case 1: return (c, -s)
        case 2: return (-s, -c)
        default: return (-c, s)
        }
    }

    // The Taylor coefficients (−1)ᵏ/(2k+1)! and (−1)ᵏ/(2k)!, k = 1…8, are written into the
    // Horner chains as literals: the same bits on every machine, no division at run time,
    // and no array to load them from. Each step is `p·r² + c`, from the highest k down
    // (the first step, 0·r² + c₈, is c₈ exactly). The chains are generic so that one
    // definition serves a Double and eight lanes of them alike, the same operations per lane.

    /// r + r³·(c₁ + r²·(c₂ + …)) by Horner's rule.
    @inlinable
    static func sinPoly<T: HornerArgument>(_ r: T) -> T {
        let r2 = r * r
        var p = T.constant(1.0 / 355_687_428_096_000)
        p = p * r2 + .constant(-1.0 / 1_307_674_368_000)
        p = p * r2 + .constant(1.0 / 6_227_020_800)
        p = p * r2 + .constant(-1.0 / 39_916_800)
        p = p * r2 + .constant(1.0 / 362_880)
        p = p * r2 + .constant(-1.0 / 5040)
        p = p * r2 + .constant(1.0 / 120)
        p = p * r2 + .constant(-1.0 / 6)
        return r + r * r2 * p
    }

    /// 1 + r²·(c₁ + r²·(c₂ + …)) by Horner's rule.
    @inlinable
    static func cosPoly<T: HornerArgument>(_ r: T) -> T {
        let r2 = r * r
        var p = T.constant(1.0 / 20_922_789_888_000)
        p = p * r2 + .constant(-1.0 / 87_178_291_200)
        p = p * r2 + .constant(1.0 / 479_001_600)
        p = p * r2 + .constant(-1.0 / 3_628_800)
        p = p * r2 + .constant(1.0 / 40_320)
        p = p * r2 + .constant(-1.0 / 720)
        p = p * r2 + .constant(1.0 / 24)
        p = p * r2 + .constant(-1.0 / 2)
        return .constant(1) + r2 * p
    }

    /// ``sinCos(_:)`` for eight angles at once: each lane the same bits as the scalar call
    /// gives (the same reduction and chains per lane). Eight independent chains overlap
    /// where one chain waits on each multiply.
    ///
    /// The quadrant's swap and signs are bit operations: k is an integer of magnitude far
    /// below 2⁵¹, so k + 1.5·2⁵² is exact and its low significand bits are k mod 4; a lane
    /// is swapped by masking, negated by flipping its sign bit (exact). Written as
    /// `replacing(with:where:)`, each select went lane by lane through memory.
    @inlinable
    public static func sinCos(_ x: SIMD8<Double>) -> (sin: SIMD8<Double>, cos: SIMD8<Double>) {
        let (r, k) = reduction(x)
        let quadrant = unsafeBitCast(k + 6_755_399_441_055_744, to: SIMD8<UInt64>.self) & 3
        let s = unsafeBitCast(sinPoly(r), to: SIMD8<UInt64>.self), c = unsafeBitCast(cosPoly(r), to: SIMD8<UInt64>.self)
        // Quadrants 0…3 give (s, c), (c, −s), (−s, −c), (−c, s).
        let odd = 0 &- (quadrant & 1)                                          // all ones in odd quadrants
        let sine = (s & ~odd) | (c & odd), cosine = (c & ~odd) | (s & odd)
        let sineSign = (quadrant &>> 1) &<< 63, cosineSign = (((quadrant &+ 1) &>> 1) & 1) &<< 63
        return (unsafeBitCast(sine ^ sineSign, to: SIMD8<Double>.self), unsafeBitCast(cosine ^ cosineSign, to: SIMD8<Double>.self))
    }
}

/// What the reduction and the Horner chains of ``DeterministicMath`` compute with: a
/// Double, or eight.
public protocol HornerArgument {
    static func * (lhs: Self, rhs: Self) -> Self
    static func + (lhs: Self, rhs: Self) -> Self
    static func - (lhs: Self, rhs: Self) -> Self
    func rounded(_ rule: FloatingPointRoundingRule) -> Self
    /// The coefficient c (in every lane).
    static func constant(_ c: Double) -> Self
}

extension Double: HornerArgument {
    @inlinable public static func constant(_ c: Double) -> Double { c }
}

extension SIMD8: HornerArgument where Scalar == Double {
    @inlinable public static func constant(_ c: Double) -> SIMD8<Double> { SIMD8(repeating: c) }
}

/// What theory says a hashed tape can hold: the crosstalk between unrelated keys, and the
/// recall error after N one-shot writes (NTMBrain.docc/Algorithms.md §4, "Capacity").
///
/// **Crosstalk.** Two unrelated keys k, k′ have hash bits b, b′ whose overlap
/// ρ = b·b′/D is the coefficient with which one key's stored value leaks into the other's
/// recall. Each round maps both keys by the same orthogonal transform, so the pair
/// (z_t, z′_t) behind bit t is Gaussian with correlation c = cos θ, the same in every bit
/// and every round, and
///
///     E[b_t b′_t | c] = (2/π)·arcsin c ≈ (2/π)·c.
///
/// For independent keys c has mean 0 and variance 1/nk. That part of ρ is shared by all D
/// products, so it does not average away: it contributes (2/π)²/nk. What remains of each
/// product, b_t b′_t − (2/π)c, has variance 1 − 4/π² (a product of signs has variance 1) and
/// is close to independent from bit to bit, so it averages over D bits:
///
///     Var ρ  =  s²  ≈  (1 − 4/π²)/D + (4/π²)/nk  =  0.595/D + 0.405/nk.
///
/// (The design notes round the first term up to 1/D, counting the shared part twice.)
/// Measured over 10⁴ key pairs at nk = 32, d = 4: 0.0181; this formula 0.0173, the rounded
/// one 0.0205. The tape behaves, for crosstalk, as if it had D′ = 1/s² independent
/// dimensions: 58 at the default size, not D = 128.
///
/// **One-shot writes.** Writing item n with gate 1 makes its own recall exact and moves
/// every earlier item i by ρ_in·e_n, where e_n = v_n − r_n is the error the write corrects.
/// Averaging over the new key in a model where overlaps are independent with variance s²
/// (so E[ρ_in · b_n·W] = r_i/D′), with σ² the variance of a value component, an item's
/// error E_i = r_i − v_i obeys, write by write:
///
///     q_i ← q_i − 2(q_i + p_i)/D′ + (w + σ²)/D′      q_i = E[E_i²]
///     p_i ← p_i − (p_i + σ²)/D′                       p_i = E[E_i·v_i]  (the shrinkage)
///     w   ← w + (σ² − w)/D′                           w = E[r²] of a never-written key
///
/// with q_n = p_n = 0 when item n is written. The first term is the projection pulling
/// old items back toward what they should recall, the last the noise a write adds; for
/// N ≪ D′ this is the familiar q ≈ s²σ²(N − 1)/2. The predicted RMSE is √(mean q_i).
/// With the read clamp, an item reads clamp((1 + a_i)v_i + n_i, −c, c) with a_i = p_i/σ²
/// and n_i Gaussian of variance q_i − a_i²σ², averaged by quadrature.
///
/// **Repeated writes.** N ≤ D distinct keys have linearly independent hash vectors, and a
/// write with gate 1 is an orthogonal projection onto the set of tapes that recall its item
/// exactly (Kaczmarz's method), so passing over the same items again and again drives the
/// error to 0 for N < D, ever more slowly as N nears D. Beyond D no tape recalls them all;
/// least squares leaves σ·√(1 − D/N), a floor that cycling writes stay above.
public enum MemoryCapacity {
    /// s² = (1 − 4/π²)/D + (4/π²)/nk: the variance of one unrelated key's overlap.
    public static func crosstalkVariance(keyWidth nk: Int, hashBits D: Int) -> Double {
        let linear = 4 / (Double.pi * Double.pi)
        return (1 - linear) / Double(D) + linear / Double(nk)
    }

    /// The variance of a value drawn uniformly from [−1, 1].
    public static let uniformValueVariance = 1.0 / 3.0

    /// The predicted RMSE of recalling all `items` items after writing each once with gate 1,
    /// values uniform in [−1, 1]; `clamp` is the read clamp c, or nil for the raw recall.
    public static func oneShotRecallRMSE(keyWidth nk: Int, hashBits D: Int, items: Int, clamp: Double?) -> Double {
        precondition(items >= 1)
        let sigma2 = uniformValueVariance
        let inverseDimension = crosstalkVariance(keyWidth: nk, hashBits: D)
        var q = [Double](), p = [Double](), w = 0.0
        q.reserveCapacity(items); p.reserveCapacity(items)
        for _ in 0..<items {
            for i in q.indices {
                q[i] += (-2 * (q[i] + p[i]) + w + sigma2) * inverseDimension
                p[i] -= (p[i] + sigma2) * inverseDimension
            }
            w += (sigma2 - w) * inverseDimension
            q.append(0); p.append(0)
        }
        guard let clamp else { return (q.reduce(0, +) / Double(items)).squareRoot() }
        var total = 0.0
        for i in q.indices {
            let a = p[i] / sigma2
            total += clampedSquaredError(gain: 1 + a, noiseVariance: max(q[i] - a * a * sigma2, 0), clamp: clamp)
        }
        return (total / Double(items)).squareRoot()
    }

    /// The least-squares floor σ·√(1 − D/N) below which no tape recalls N > D items.
    public static func leastSquaresFloor(hashBits D: Int, items: Int) -> Double {
        (uniformValueVariance * max(0, 1 - Double(D) / Double(items))).squareRoot()
    }

    /// E[(clamp(g·v + n, −c, c) − v)²] for v uniform on [−1, 1] and n ~ N(0, s²): a midpoint
    /// rule on both, the normal one over ±8 standard deviations with its weights normalised.
    static func clampedSquaredError(gain: Double, noiseVariance: Double, clamp c: Double) -> Double {
        let s = noiseVariance.squareRoot()
        let steps = 64
        var sum = 0.0
        for k in 0..<steps {
            let v = -1 + (Double(k) + 0.5) * 2 / Double(steps)
            for (x, weight) in normalNodes {
                let e = min(max(gain * v + s * x, -c), c) - v
                sum += weight * e * e
            }
        }
        return sum / Double(steps)
    }

    /// Nodes and weights with Σ wᵢ f(xᵢ) ≈ E[f(X)] for X ~ N(0, 1).
    static let normalNodes: [(Double, Double)] = {
        let count = 161, h = 16.0 / Double(count)
        let nodes = (0..<count).map { -8 + (Double($0) + 0.5) * h }
        let density = nodes.map { DeterministicMath.exp(-$0 * $0 / 2) }
        let total = density.reduce(0, +)
        return zip(nodes, density).map { ($0, $1 / total) }
    }()
}

import Foundation
import NTMBrain
import NTMViewer

/// What the tape holds, measured beside theory (``MemoryCapacity``, ``MemoryProbe``):
///
/// - `memory-crosstalk`: the variance of the overlap of two unrelated keys' hash bits,
///   against s² = 0.595/D + 0.405/nk;
/// - `memory-capacity`: the recall error of N stored items, for one-shot writes (against the
///   theory's prediction, raw and through the read clamp) and for repeated passes (against
///   the least-squares floor, which is 0 below D), and with keys perturbed by a tenth of
///   their length;
/// - `memory-forgetting`: set A stored once, then set B written again and again: A's
///   recall error over B's passes, for each tape variant, and B's own error at the end.
///
/// These are figures of what is remembered, not of time, so they are the same on every
/// machine and in every run: each point averages `trials` independently drawn item sets.
struct MemoryBenchmarks {
    var quick: Bool

    /// The default tape (key 32, density 4, value 8) and two others, D = 32 and 256.
    static let sizes = [(key: 16, density: 2), (key: 32, density: 4), (key: 64, density: 4)]
    static let repeatedPasses = 32
    static let forgettingPasses = [1, 2, 5, 10, 20, 50]
    static let variants: [MemoryKind] = [.hashed, .blocks(bits: MemoryKind.defaultBlockBits),
                                         .decaying(rate: MemoryKind.defaultDecay),
                                         .noveltyGated(bucketBits: MemoryKind.defaultBucketBits, halfVisits: MemoryKind.defaultHalfVisits)]

    /// One capacity curve, for the report and for the picture.
    struct Curve {
        var key, density: Int
        var hashBits: Int { key * density }
        var items: [Int] = []
        var oneShot: [MemoryProbe.Recall] = [], repeated: [MemoryProbe.Recall] = []
        var theory: [Double] = [], theoryClamped: [Double] = []
    }

    func capacity(_ report: BenchReport) -> [Curve] {
        var curves: [Curve] = []
        for (key, density) in quick ? [Self.sizes[1]] : Self.sizes {
            let shape = MemoryShape(keyWidth: key, density: density, valueWidth: 8)
            let D = shape.hashBits
            func params(_ items: Int, _ writes: String, clamp: Bool) -> [String: BenchRecord.Param] {
                var p: [String: BenchRecord.Param] = ["kind": .string("hashed"), "key": .int(key), "density": .int(density),
                                                      "value": .int(8), "items": .int(items), "writes": .string(writes),
                                                      "clamp": .string(clamp ? "on" : "off")]
                if writes == "repeated" { p["passes"] = .int(Self.repeatedPasses) }
                return p
            }
            func add(_ p: [String: BenchRecord.Param], _ metric: String, _ value: Double) {
                report.add(BenchRecord(benchmark: "memory-capacity", params: p, metric: metric, value: value, unit: ""))
            }

            let crosstalk = Self.overlapVariance(shape, pairs: quick ? 500 : 4000)
            let base: [String: BenchRecord.Param] = ["kind": .string("hashed"), "key": .int(key), "density": .int(density)]
            report.add(BenchRecord(benchmark: "memory-crosstalk", params: base, metric: "overlap_variance", value: crosstalk, unit: ""))
            report.add(BenchRecord(benchmark: "memory-crosstalk", params: base, metric: "overlap_variance_theory",
                                   value: MemoryCapacity.crosstalkVariance(keyWidth: key, hashBits: D), unit: ""))

            var curve = Curve(key: key, density: density)
            var n = 1
            while n <= 4 * D {
                // At least 512 item errors per point (a small load has few), so each point's
                // sampling error is a few per cent.
                let probe = MemoryProbe(shape: shape, trials: quick ? 2 : max(8, 512 / n))
                let once = probe.capacity(items: n, passes: 1)
                let theory = MemoryCapacity.oneShotRecallRMSE(keyWidth: key, hashBits: D, items: n, clamp: nil)
                let theoryClamped = MemoryCapacity.oneShotRecallRMSE(keyWidth: key, hashBits: D, items: n,
                                                                     clamp: Double(shape.readClamp))
                for (clamp, measured, predicted) in [(false, once.raw, theory), (true, once.clamped, theoryClamped)] {
                    add(params(n, "one-shot", clamp: clamp), "recall_rmse", measured)
                    add(params(n, "one-shot", clamp: clamp), "recall_rmse_theory", predicted)
                    if predicted > 0 { add(params(n, "one-shot", clamp: clamp), "measured_over_theory", measured / predicted) }
                }
                let again = probe.capacity(items: n, passes: quick ? 4 : Self.repeatedPasses)
                add(params(n, "repeated", clamp: false), "recall_rmse", again.raw)
                add(params(n, "repeated", clamp: true), "recall_rmse", again.clamped)
                add(params(n, "repeated", clamp: false), "recall_rmse_floor", MemoryCapacity.leastSquaresFloor(hashBits: D, items: n))
                add(params(n, "repeated", clamp: true), "recall_rmse_noisy_key", again.noisyKey)
                curve.items.append(n); curve.oneShot.append(once); curve.repeated.append(again)
                curve.theory.append(theory); curve.theoryClamped.append(theoryClamped)
                n *= 2
            }
            curves.append(curve)
        }
        return curves
    }

    /// One row per variant: A's recall error before B and after each listed pass.
    struct Forgetting {
        var kind: MemoryKind
        var itemsB: Int
        var passes: [Int]
        var errorA: [Double]
        var errorB: Double
    }

    func forgetting(_ report: BenchReport) -> [Forgetting] {
        var out: [Forgetting] = []
        let passes = quick ? [1, 5] : Self.forgettingPasses
        for kind in Self.variants {
            let shape = MemoryShape(keyWidth: 32, density: 4, valueWidth: 8, kind: kind)
            let probe = MemoryProbe(shape: shape, trials: quick ? 2 : 8)
            for itemsB in [shape.hashBits / 4, shape.hashBits] {
                let itemsA = shape.hashBits / 4
                let (a, b) = probe.forgetting(a: itemsA, b: itemsB, after: passes)
                var p: [String: BenchRecord.Param] = ["kind": .string(kind.name), "key": .int(32), "density": .int(4), "value": .int(8),
                                                      "items_a": .int(itemsA), "items_b": .int(itemsB)]
                for (k, key) in Self.parameterNames(kind) { p[k] = key }
                for (i, e) in a.enumerated() {
                    p["passes"] = .int(i == 0 ? 0 : passes[i - 1])
                    report.add(BenchRecord(benchmark: "memory-forgetting", params: p, metric: "recall_rmse_a", value: e, unit: ""))
                }
                p["passes"] = .int(passes.last!)
                report.add(BenchRecord(benchmark: "memory-forgetting", params: p, metric: "recall_rmse_b", value: b, unit: ""))
                out.append(Forgetting(kind: kind, itemsB: itemsB, passes: passes, errorA: a, errorB: b))
            }
        }
        return out
    }

    /// A variant's parameters as bench params, named as in a world file.
    static func parameterNames(_ kind: MemoryKind) -> [(String, BenchRecord.Param)] {
        switch kind {
        case .hashed: return []
        case .blocks(let bits): return [("memory_blocks", .int(bits))]
        case .decaying(let rate): return [("memory_decay", .string("\(rate)"))]
        case .noveltyGated(let bits, let visits): return [("novelty_bits", .int(bits)), ("novelty_visits", .string("\(visits)"))]
        }
    }

    /// The variance of b·b′/D over `pairs` pairs of independent random keys.
    static func overlapVariance(_ shape: MemoryShape, pairs: Int) -> Double {
        let memory = AssociativeMemory(shape: shape)
        var rng = RandomStream.generator(0x6f76_6572_6c61_70, UInt64(shape.keyWidth), UInt64(shape.density))
        var sum = 0.0, sumSquares = 0.0
        for _ in 0..<pairs {
            let a = memory.hash((0..<shape.keyWidth).map { _ in Float(rng.nextGaussian()) })
            let b = memory.hash((0..<shape.keyWidth).map { _ in Float(rng.nextGaussian()) })
            let rho = Double(zip(a, b).map { $0 * $1 }.reduce(0, +)) / Double(shape.hashBits)
            sum += rho; sumSquares += rho * rho
        }
        let mean = sum / Double(pairs)
        return sumSquares / Double(pairs) - mean * mean
    }

    /// The PNG of the curves just measured.
    static func draw(_ path: String, _ curves: [Curve], _ forgetting: [Forgetting]) throws {
        let plot = MemoryPlot(
            capacity: curves.map {
                MemoryPlot.Capacity(key: $0.key, density: $0.density, items: $0.items, oneShot: $0.oneShot.map(\.raw),
                                    theory: $0.theory, repeated: $0.repeated.map(\.raw), noisyKey: $0.repeated.map(\.noisyKey))
            },
            forgetting: forgetting.map {
                MemoryPlot.Forgetting(kind: $0.kind.name, itemsB: $0.itemsB, passes: [0] + $0.passes, errorA: $0.errorA)
            })
        do { try plot.render().savePNG(path) } catch let e as SDLError { throw RuntimeFailure(description: e.description) }
        FileHandle.standardError.write(Data("plot: \(path)\n".utf8))
    }
}

import Foundation
import NTMBrain
import Testing

@Suite("Random: generators, conversions, streams")
struct RandomTests {
    @Test("SplitMix64 matches the reference output for seed 1234567")
    func splitMixKnownAnswer() {
        var g = SplitMix64(seed: 1_234_567)
        let expected: [UInt64] = [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                                  4_593_380_528_125_082_431, 16_408_922_859_458_223_821]
        #expect((0..<5).map { _ in g.next() } == expected)
    }

    @Test("xoshiro256** matches the reference output for state {1, 2, 3, 4}")
    func xoshiroKnownAnswer() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        let expected: [UInt64] = [11520, 0, 1_509_978_240, 1_215_971_899_390_074_240, 1_216_172_134_540_287_360,
                                  607_988_272_756_665_600, 16_172_922_978_634_559_625, 8_476_171_486_693_032_832,
                                  10_595_114_339_597_558_777, 2_904_607_092_377_533_576]
        #expect((0..<10).map { _ in g.next() } == expected)
    }

    @Test("xoshiro256** seeds its state from four SplitMix64 outputs; never the all-zero state")
    func seeding() {
        var sm = SplitMix64(seed: 42)
        let g = Xoshiro256StarStar(seed: 42)
        #expect(g.state == (sm.next(), sm.next(), sm.next(), sm.next()))
        let z = Xoshiro256StarStar(state: (0, 0, 0, 0))
        #expect(z.state != (0, 0, 0, 0))
    }

    @Test("Float and Double conversions stay in [0, 1) and use the top bits")
    func unitConversions() {
        var high = Fixed(words: [UInt64.max, UInt64.max, 0])
        #expect(high.nextFloat() == 1 - 0x1p-24)
        #expect(high.nextDouble() == 1 - 0x1p-53)
        #expect(high.nextFloat() == 0)
        var rng = testRNG(1)
        for _ in 0..<10_000 {
            let f = rng.nextFloat(), d = rng.nextDouble()
            #expect(f >= 0 && f < 1 && d >= 0 && d < 1)
        }
    }

    @Test("Bounded integers are in range and unbiased (chi-square, 10 cells)", arguments: [3, 10, 1000])
    func boundedInt(bound: Int) {
        var rng = testRNG(2)
        let cells = min(bound, 10)
        var counts = [Int](repeating: 0, count: cells)
        let draws = 50_000
        for _ in 0..<draws {
            let v = rng.nextInt(below: bound)
            #expect(v >= 0 && v < bound)
            counts[v * cells / bound] += 1
        }
        let expected = Double(draws) / Double(cells)
        let chi2 = counts.reduce(0.0) { $0 + pow(Double($1) - expected, 2) / expected }
        #expect(chi2 < 30, "chi-square \(chi2) with \(cells - 1) degrees of freedom")
    }

    @Test("Gaussian deviates have mean 0, variance 1 and the normal tail mass")
    func gaussian() {
        var rng = testRNG(3)
        let xs = (0..<40_000).map { _ in rng.nextGaussian() }
        let mean = xs.reduce(0, +) / Double(xs.count)
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)
        let beyond2 = Double(xs.filter { abs($0) > 2 }.count) / Double(xs.count)
        #expect(abs(mean) < 0.02)
        #expect(abs(variance - 1) < 0.03)
        #expect(abs(beyond2 - 0.0455) < 0.006)
    }

    @Test("Streams: same keys, same stream; any change of key, order or length, another stream")
    func streams() {
        var a = RandomStream.generator(7, 1, 2), b = RandomStream.generator(7, 1, 2)
        #expect(a.next() == b.next())
        let seeds = [
            RandomStream.derivedSeed(7, [1, 2]), RandomStream.derivedSeed(7, [2, 1]),
            RandomStream.derivedSeed(7, [1]), RandomStream.derivedSeed(7, [1, 0]),
            RandomStream.derivedSeed(8, [1, 2]), RandomStream.derivedSeed(7, []),
        ]
        #expect(Set(seeds).count == seeds.count)
    }

    /// Bits from an independent evaluation of the same recipe (reduction by the two-part
    /// π/2, degree 17/16 Horner chains, no FMA) in Python's IEEE doubles. A compiler that
    /// fused a multiply-add, or an edit that reordered a chain, changes some of them.
    @Test("Deterministic sin and cos give the recipe's exact bits", arguments: [
        (0.3, 0x3FD2_E9CD_95BA_BA33, 0x3FEE_921D_D42F_09BA), (1.0, 0x3FEA_ED54_8F09_0CEE, 0x3FE1_4A28_0FB5_068C),
        (2.5, 0x3FE3_26AF_0DCF_CAB0, 0xBFE9_A2F7_EF85_8B7D), (-2.0, 0xBFED_18F6_EAD1_B446, 0xBFDA_A226_5753_7205),
        (4.0, 0xBFE8_37B9_DDDC_1EAE, 0xBFE4_EAA6_06DB_24C1), (100.0, 0xBFE0_3425_B78C_4DB8, 0x3FEB_981D_BF66_5FE0),
        (-0.7853981633974483, 0xBFE6_A09E_667F_3BCC, 0x3FE6_A09E_667F_3BCD),
    ] as [(Double, UInt64, UInt64)])
    func sinCosBits(_ x: Double, _ sine: UInt64, _ cosine: UInt64) {
        #expect(DeterministicMath.sin(x).bitPattern == sine)
        #expect(DeterministicMath.cos(x).bitPattern == cosine)
        #expect(DeterministicMath.sinCos(x).sin.bitPattern == sine && DeterministicMath.sinCos(x).cos.bitPattern == cosine)
    }

    /// The eight-lane sinCos is the scalar one per lane, bit for bit: random angles over
    /// several turns both ways, every quadrant, and the edges of the reduction (±π/4 and
    /// its multiples, where the quadrant changes).
    @Test("Eight-lane sinCos gives each lane the scalar bits")
    func sinCosLanes() {
        var rng = testRNG(9)
        var xs = (0..<4000).map { _ in 40 * rng.nextDouble() - 20 }
        for k in -12...12 { let edge = Double(k) * Double.pi / 4; xs += [edge, edge.nextUp, edge.nextDown] }
        xs += [0, -0.0, 1e-300, -1e-300]
        while xs.count % 8 != 0 { xs.append(0.5) }
        for q in stride(from: 0, to: xs.count, by: 8) {
            let x = SIMD8<Double>(xs[q..<q + 8])
            let (s, c) = DeterministicMath.sinCos(x)
            for l in 0..<8 {
                let (es, ec) = DeterministicMath.sinCos(x[l])
                #expect(s[l].bitPattern == es.bitPattern && c[l].bitPattern == ec.bitPattern, "x = \(x[l])")
            }
        }
    }

    @Test("Deterministic exp, log, sin and cos agree with the C library to a few ulp")
    func deterministicMath() {
        var rng = testRNG(4)
        for _ in 0..<5000 {
            let x = -30 * rng.nextDouble()
            let e = DeterministicMath.exp(x)
            #expect(abs(e - Foundation.exp(x)) <= 4 * Foundation.exp(x).ulp)
            let s = rng.nextDouble() + 1e-300
            #expect(abs(DeterministicMath.log(s) - Foundation.log(s)) <= 4 * abs(Foundation.log(s)).ulp + 1e-300)
        }
        for _ in 0..<5000 {
            let x = 20 * rng.nextDouble() - 10
            #expect(abs(DeterministicMath.sin(x) - Foundation.sin(x)) <= 1e-15)
            #expect(abs(DeterministicMath.cos(x) - Foundation.cos(x)) <= 1e-15)
        }
        #expect(DeterministicMath.sin(0) == 0 && DeterministicMath.cos(0) == 1)
        for _ in 0..<5000 {
            let x = 40 * rng.nextDouble() - 20
            let (s, c) = DeterministicMath.sinCos(x)
            #expect(s.bitPattern == DeterministicMath.sin(x).bitPattern && c.bitPattern == DeterministicMath.cos(x).bitPattern)
        }
        #expect(DeterministicMath.exp(0) == 1)
        #expect(DeterministicMath.log(1) == 0)
        #expect(DeterministicMath.log(0) == -.infinity)
        #expect(DeterministicMath.log(-1).isNaN)
        #expect(DeterministicMath.exp(800) == .infinity)
        #expect(DeterministicMath.exp(-800) == 0)
    }

    @Test("Every stream tag is distinct, spells its four letters, and names a distinct stream")
    func streamTags() {
        let tags = StreamTag.allCases
        #expect(Set(tags.map(\.rawValue)).count == tags.count)
        #expect(Set(tags.map(\.letters)).count == tags.count)
        for t in tags {
            #expect(t.letters.count == 4 && t.letters.allSatisfy { $0.isASCII && $0.isUppercase }, "\(t)")
            #expect(t.rawValue < 1 << 32)
        }
        #expect(StreamTag.layout.letters == "LAYO" && StreamTag.episode.letters == "EPIS")
        // The tag is the first key: the same other keys under two tags are different streams.
        var a = RandomStream.generator(7, .birth, 1, 2), b = RandomStream.generator(7, .immigrant, 1, 2)
        #expect(a.next() != b.next())
        var c = RandomStream.generator(7, .birth, 1, 2), d = RandomStream.generator(7, keys: [StreamTag.birth.rawValue, 1, 2])
        #expect(c.next() == d.next())
    }
}

/// A source that replays fixed words, for exact conversion tests.
private struct Fixed: RandomSource {
    var words: [UInt64]
    var i = 0
    mutating func next() -> UInt64 {
        defer { i += 1 }
        return words[i % words.count]
    }
}

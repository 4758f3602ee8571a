import NTMBrain
import Testing

@Suite("LSH-switched controller: slope banks chosen by a hash of each layer's input")
struct SwitchedControllerTests {
    static func shape(banks: Int) -> ControllerShape {
        ControllerShape(width: 64, layers: 3, inputCount: 20, outputCount: 30, banks: banks)
    }

    /// `count` genome values whose slopes, times g/√n, are halves already (so an
    /// LSH-switched controller keeps them unrounded): each a uniform draw in [−1, 1) moved
    /// to the nearest float p with p·k a half, or drawn again if none is within 8 ulps.
    static func halfExactFloats(_ count: Int, _ shape: ControllerShape, using rng: inout Xoshiro256StarStar) -> [Float] {
        let k = FilterBankController.layerScale(shape)
        var out: [Float] = []
        while out.count < count {
            let h = FilterBankController.bankSlope(rng.nextFloat(in: -1, 1) * k)
            var (down, up) = (h / k, h / k)
            for _ in 0..<8 {
                if down * k == h { out.append(down); break }
                if up * k == h { out.append(up); break }
                (down, up) = (down.nextDown, up.nextUp)
            }
        }
        return out
    }

    @Test("An LSH-switched controller keeps each slope (times g/√n) as the nearest half, ties to even, saturating at ±65504, any NaN as one quiet NaN")
    func slopesAreHalves() {
        #expect(FilterBankController.bankHalf(1) == 0x3C00)
        #expect(FilterBankController.bankHalf(-2) == 0xC000)
        #expect(FilterBankController.bankHalf(1 + 0x1p-11) == 0x3C00)       // a tie: to the even neighbour
        #expect(FilterBankController.bankHalf(1 + 3 * 0x1p-11) == 0x3C02)   // a tie: to the even neighbour, up
        #expect(FilterBankController.bankHalf(1 + 0x1p-11 + 0x1p-20) == 0x3C01)
        #expect(FilterBankController.bankHalf(0x1p-24) == 0x0001)            // the least subnormal
        #expect(FilterBankController.bankHalf(0x1p-26) == 0x0000)
        #expect(FilterBankController.bankHalf(1e9) == 0x7BFF && FilterBankController.bankHalf(-.infinity) == 0xFBFF)
        #expect(FilterBankController.bankHalf(.nan) == 0x7E00 && FilterBankController.bankHalf(-.nan) == 0x7E00)
        #expect(FilterBankController.bankSlope(0.1) == Float(Float16(0.1)))
        // Most genome values are not halves once scaled, so the rounding is real (the tied
        // newborn below differs from the plain brain in its last bits; with half-exact
        // slopes, above, it does not).
        var rng = testRNG(83)
        let shape = Self.shape(banks: 2)
        let k = FilterBankController.layerScale(shape)
        let genome = randomFloats(shape.parameterCount, using: &rng)
        var moved = 0
        for p in genome where FilterBankController.bankSlope(p * k) != p * k { moved += 1 }
        #expect(moved > shape.parameterCount / 2, "random slopes are mostly not halves")
    }

    @Test("M banks hold M times the slopes; with every bank a copy of one plain genome (slopes that are halves), the outputs are the plain controller's bit for bit")
    func identicalBanksArePlain() {
        var rng = testRNG(80)
        let plain = Self.shape(banks: 1), switched = Self.shape(banks: 8)
        #expect(switched.parameterCount == 8 * plain.parameterCount)
        let slopes = Self.halfExactFloats(plain.parameterCount, plain, using: &rng)
        var copies: [Float] = []
        for l in 0..<3 {
            let layer = Array(slopes[(l * 128)..<((l + 1) * 128)])
            for _ in 0..<8 { copies += layer }
        }
        let a = FilterBankController(shape: plain, parameters: slopes)
        let b = FilterBankController(shape: switched, parameters: copies)
        for _ in 0..<20 {
            let u = randomFloats(20, -2, 2, using: &rng)
            #expect(bits(a.evaluate(u).output) == bits(b.evaluate(u).output))
        }
    }

    @Test("A first generation's switched genome is the plain genome the same draws give, copied into every bank")
    func firstGenerationBanksAreTied() {
        let plain = Self.shape(banks: 1), switched = Self.shape(banks: 8)
        var (r1, r2, r3) = (testRNG(82), testRNG(82), testRNG(82))
        let slopes = FilterBankController.initialParameters(plain, using: &r1)
        #expect(bits(slopes) == bits(FilterBankController.randomParameters(plain, using: &r2)))
        let tied = FilterBankController.initialParameters(switched, using: &r3)
        for l in 0..<3 {
            for m in 0..<8 {
                let i = switched.negativeSlopeIndex(layer: l, bank: m, element: 0)
                #expect(bits(Array(tied[i..<(i + 128)])) == bits(Array(slopes[(l * 128)..<((l + 1) * 128)])), "layer \(l) bank \(m)")
            }
        }
        // The newborn computes the plain map up to each slope's rounding to a half (a
        // relative 2⁻¹¹ at most): its outputs are the plain ones to a few parts in 10⁴.
        for _ in 0..<20 {
            let u = randomFloats(20, -2, 2, using: &r1)
            let a = FilterBankController(shape: switched, parameters: tied).evaluate(u).output
            let b = FilterBankController(shape: plain, parameters: slopes).evaluate(u).output
            let scale = (b.map { $0 * $0 }.reduce(0, +) / Float(b.count)).squareRoot()
            let worst = zip(a, b).map { abs($0 - $1) }.max()!
            #expect(worst <= 2e-3 * scale && worst > 0, "worst \(worst), rms \(scale)")
        }
    }

    @Test("A layer uses exactly the bank its input's probe signs name: editing any other bank changes nothing")
    func onlyTheChosenBankMatters() {
        var rng = testRNG(81)
        let shape = Self.shape(banks: 4)
        let slopes = randomFloats(shape.parameterCount, using: &rng)
        let controller = FilterBankController(shape: shape, parameters: slopes)
        var seen = Set<Int>()
        for _ in 0..<30 {
            let u = randomFloats(20, -2, 2, using: &rng)
            let (output, _, banks) = controller.evaluateWithBanks(u)
            seen.formUnion(banks)
            for l in 0..<3 {
                for m in 0..<4 {
                    var edited = slopes
                    let i = shape.negativeSlopeIndex(layer: l, bank: m, element: 5)
                    edited[i] = -edited[i] * 0.5 + 0.25
                    edited[i + 64] = -edited[i + 64] * 0.5 - 0.25
                    let changed = bits(FilterBankController(shape: shape, parameters: edited).evaluate(u).output) != bits(output)
                    if m != banks[l] { #expect(!changed, "layer \(l) used bank \(banks[l]), yet bank \(m) mattered") }
                }
            }
        }
        #expect(seen == [0, 1, 2, 3], "30 random inputs use every bank")
    }

    @Test("The bank is the sign pattern of the probe elements, bit q from element n − 1 − q·⌊n/log₂M⌋")
    func bankDefinition() {
        let shape = Self.shape(banks: 8)
        #expect((0..<3).map(shape.bankProbe) == [63, 42, 21])
        var x = [Float](repeating: 1, count: 64)
        #expect(shape.bank { x[$0] } == 0)
        x[42] = -1
        #expect(shape.bank { x[$0] } == 2)
        x[63] = -0.0      // −0 is not below 0
        x[21] = -3
        #expect(shape.bank { x[$0] } == 6)
    }

    @Test("The equivalent linear map holds with banks: it reproduces every output")
    func linearMap() {
        var rng = testRNG(82)
        let shape = Self.shape(banks: 8)
        let controller = FilterBankController(shape: shape, parameters: randomFloats(shape.parameterCount, using: &rng))
        let u = randomFloats(20, -1, 1, using: &rng)
        let map = controller.equivalentMap(at: u, rows: Array(0..<30))
        #expect(map.banks == controller.evaluateWithBanks(u).banks)
        for (y, out) in zip(map.apply(u), map.outputs) { #expect(abs(y - Double(out)) < 1e-4) }
    }

    @Test("Bank counts are checked: a power of two, at most 64 and at most the width")
    func validation() {
        for banks in [0, 3, 128] {
            #expect(throws: BrainShapeError.self) { try Self.shape(banks: banks).validate() }
        }
        #expect(throws: BrainShapeError.self) {
            try ControllerShape(width: 8, layers: 1, inputCount: 4, outputCount: 4, banks: 16).validate()
        }
        #expect(throws: Never.self) { try Self.shape(banks: 64).validate() }
    }
}

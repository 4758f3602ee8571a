import NTMBrain
import Testing

@Suite("LSH-switched controller: slope banks chosen by a hash of each layer's input")
struct SwitchedControllerTests {
    static func shape(banks: Int) -> ControllerShape {
        ControllerShape(width: 64, layers: 3, inputCount: 20, outputCount: 30, banks: banks)
    }

    @Test("M banks hold M times the slopes; with every bank a copy of one plain genome, the outputs are the plain controller's bit for bit")
    func identicalBanksArePlain() {
        var rng = testRNG(80)
        let plain = Self.shape(banks: 1), switched = Self.shape(banks: 8)
        #expect(switched.parameterCount == 8 * plain.parameterCount)
        let slopes = randomFloats(plain.parameterCount, using: &rng)
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
        let u = randomFloats(20, -2, 2, using: &r1)
        #expect(bits(FilterBankController(shape: switched, parameters: tied).evaluate(u).output)
                == bits(FilterBankController(shape: plain, parameters: slopes).evaluate(u).output))
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

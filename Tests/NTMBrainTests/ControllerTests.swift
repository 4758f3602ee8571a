import NTMBrain
import Testing

@Suite("Fixed-filter-bank controller")
struct ControllerTests {
    @Test("Parameter count is 2·n·L")
    func parameterCount() {
        #expect(ControllerShape(width: 128, layers: 4, inputCount: 10, outputCount: 10).parameterCount == 1024)
        #expect(ControllerShape(width: 4, layers: 1, inputCount: 1, outputCount: 1).parameterCount == 8)
        #expect(defaultArchitecture.parameterCount == 1024)
    }

    /// Width 4, one layer, gain 2, input u = [1, 2, 3], by hand:
    ///
    ///     s₀ (default sign seed)    = [ 1, 1, 1, −1]
    ///     tile(u) ⊙ s₀              = [ 1, 2, 3, −1]
    ///     WHT / 2                   = [ 2.5, 1.5, 0.5, −2.5]
    ///     slopes a (x < 0)          = [ 0.5, −0.25, 0, 1 ]
    ///     slopes b (x ≥ 0)          = [ 1, 0.5, −1, 0.25]
    ///     g·x·slope                 = [ 5, 1.5, −1, −5 ]   (b, b, b, a)
    ///     WHT / 2                   = [ 0.25, 3.75, 6.25, −0.25]
    ///
    /// Every intermediate is a dyadic rational, so the result is exact.
    @Test("Hand-computed known answer at width 4")
    func knownAnswerWidth4() {
        #expect(SignPattern.make(seed: BrainArchitecture.defaultSignSeed, stream: 0, count: 4) == [1, 1, 1, -1])
        let shape = ControllerShape(width: 4, layers: 1, gain: 2, inputCount: 3, outputCount: 4)
        let controller = FilterBankController(shape: shape, parameters: [0.5, -0.25, 0, 1, 1, 0.5, -1, 0.25])
        let (y, nonFinite, switches) = controller.evaluateWithSwitches([1, 2, 3])
        #expect(y == [0.25, 3.75, 6.25, -0.25])
        #expect(nonFinite == 0)
        #expect(switches == [false, false, false, true])
    }

    @Test("Outputs are finite for any finite input, however large")
    func finiteForFiniteInput() {
        var rng = testRNG(10)
        let shape = defaultArchitecture.controllerShape
        let controller = FilterBankController(shape: shape, parameters: randomFloats(shape.parameterCount, using: &rng))
        for scale: Float in [0, 1e-40, 1, 1e10, 1e30, .greatestFiniteMagnitude] {
            let input = randomFloats(shape.inputCount, using: &rng).map { $0 * scale }
            let (y, _) = controller.evaluate(input)
            #expect(y.allSatisfy { $0.isFinite }, "scale \(scale)")
        }
    }

    @Test("NaN and infinite inputs are replaced by 0 and counted")
    func nonFiniteInputsContained() {
        var rng = testRNG(11)
        let shape = defaultArchitecture.controllerShape
        let controller = FilterBankController(shape: shape, parameters: randomFloats(shape.parameterCount, using: &rng))
        var input = randomFloats(shape.inputCount, using: &rng)
        var clean = input
        input[0] = .nan; input[3] = .infinity; input[5] = -.infinity
        clean[0] = 0; clean[3] = 0; clean[5] = 0
        let (dirty, count) = controller.evaluate(input)
        #expect(count == 3)
        #expect(dirty.allSatisfy { $0.isFinite })
        #expect(bits(dirty) == bits(controller.evaluate(clean).output))
    }

    @Test("The map is positively homogeneous: scaling the input scales the output")
    func positivelyHomogeneous() {
        var rng = testRNG(12)
        let shape = ControllerShape(width: 64, layers: 3, inputCount: 20, outputCount: 10)
        let controller = FilterBankController(shape: shape, parameters: randomFloats(shape.parameterCount, using: &rng))
        let u = randomFloats(20, using: &rng)
        let y1 = controller.evaluate(u).output
        let y4 = controller.evaluate(u.map { $0 * 4 }).output   // ×4 is exact in binary
        #expect(bits(y4) == bits(y1.map { $0 * 4 }))
    }

    @Test("Shape validation names the field and what is accepted")
    func validation() {
        #expect(throws: BrainShapeError.outOfRange(field: "controller_width", value: "96", accepted: "a power of two from 4 to 65536")) {
            try ControllerShape(width: 96, layers: 2, inputCount: 4, outputCount: 4).validate()
        }
        #expect(throws: BrainShapeError.tooNarrow(width: 16, needed: 20, what: "inputs")) {
            try ControllerShape(width: 16, layers: 2, inputCount: 20, outputCount: 4).validate()
        }
        #expect(throws: BrainShapeError.self) { try BrainArchitecture(sensorCount: 100, motorCount: 2, controllerWidth: 64).validate() }
        #expect(throws: Never.self) { try defaultArchitecture.validate() }
    }
}

import NTMBrain
import Testing

@Suite("Equivalent linear map")
struct LinearMapTests {
    /// The map frozen at u, applied to u, is the controller's output: the claim the
    /// inspector's angle and length numbers rest on.
    @Test("The map applied to its input reproduces every output", arguments: [1, 2, 3])
    func reproducesOutputs(seed: UInt64) {
        var rng = testRNG(200 + seed)
        let a = defaultArchitecture
        let controller = FilterBankController(shape: a.controllerShape,
                                              parameters: randomFloats(a.parameterCount, using: &rng))
        for _ in 0..<10 {
            let u = randomFloats(a.inputCount, using: &rng)
            let map = controller.equivalentMap(at: u, rows: Array(0..<a.outputCount))
            let (y, _) = controller.evaluate(u)
            #expect(map.outputs == y)
            let scale = map.weights.map { w in zip(w, u).reduce(0.0) { $0 + abs(Double($1.0) * Double($1.1)) } }
            for (r, value) in map.apply(u).enumerated() {
                // Float rounding: a few ulps of the sum of |terms| along the way.
                #expect(abs(value - Double(y[r])) <= 1e-4 * max(scale[r], 1e-3), "output \(r)")
            }
        }
    }

    /// Linear in the input *for a fixed switch pattern*: a small perturbation that flips no
    /// switch changes the output by exactly the map applied to the perturbation.
    @Test("Within one switch region the network is the map")
    func linearWithinRegion() {
        var rng = testRNG(210)
        let a = defaultArchitecture
        let controller = FilterBankController(shape: a.controllerShape,
                                              parameters: randomFloats(a.parameterCount, using: &rng))
        let u = randomFloats(a.inputCount, using: &rng)
        let map = controller.equivalentMap(at: u, rows: [0, 1])
        let v = u.map { $0 * 1.001 }                 // positive scaling never flips a switch
        let moved = controller.equivalentMap(at: v, rows: [0, 1])
        #expect(moved.switches == map.switches)
        let predicted = map.apply(v)
        for r in 0..<2 { #expect(abs(predicted[r] - Double(moved.outputs[r])) <= 1e-4) }
    }

    @Test("Angles and lengths: a hand-made case")
    func anglesAndLengths() {
        // Width 4, one layer with every slope 1 and gain 1: switches do nothing, so the map is
        // c² · H · H · S₀ restricted to p = 4 inputs = S₀ (H² = n·I, c² = 1/n).
        let shape = ControllerShape(width: 4, layers: 1, gain: 1, inputCount: 4, outputCount: 4)
        let controller = FilterBankController(shape: shape, parameters: [Float](repeating: 1, count: 8))
        let u: [Float] = [1, 0, 0, 0]
        let map = controller.equivalentMap(at: u, rows: [0, 1, 3])
        #expect(map.weights == [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 0, -1]])     // s₀ = [1, 1, 1, −1]
        #expect(map.lengths == [1, 1, 1])
        let angles = map.anglesDegrees
        #expect(abs(angles[0]) < 1e-9)
        #expect(abs(angles[1] - 90) < 1e-9)
        #expect(abs(angles[2] - 90) < 1e-9)
        #expect(map.switches == [false, false, false, false])
    }
}

import NTMBrain
import NTMEvolution
import NTMTestSupport
import Testing

@Suite("Gray-code mutation")
struct MutationTests {
    static let architecture = BrainArchitecture(sensorCount: 4, motorCount: 2, controllerWidth: 32, controllerLayers: 2,
                                                keyWidth: 8, density: 2, valueWidth: 2)

    @Test("Parameters stay in [−1, 1]; at most k positions change")
    func staysInRange() {
        var rng = RandomStream.generator(0x307, 1)
        var g = Genome.random(Self.architecture, using: &rng)
        for _ in 0..<500 {
            let before = g.parameters
            let accepted = g.mutate(MutationSettings(count: 5), using: &rng)
            let changed = zip(before, g.parameters).filter { $0 != $1 }.count
            #expect(changed <= accepted && accepted <= 5)
            #expect(g.parameters.allSatisfy { $0 >= -1 && $0 <= 1 })
        }
    }

    @Test("Step sizes are log-uniform: ln(|step|/2) is uniform on (−precision, 0)")
    func logUniformSteps() {
        var rng = RandomStream.generator(0x307, 2)
        var logs: [Double] = []
        for _ in 0..<20_000 {
            var p: [Float] = [0]
            Genome.mutate(&p, MutationSettings(count: 1, precision: 20), using: &rng)
            if p[0] != 0 { logs.append(DeterministicMath.log(Double(abs(p[0])) / 2)) }
        }
        // Starting from 0, a step is rejected only when |step| > 1, i.e. ln(|step|/2) > −ln 2.
        let mean = logs.reduce(0, +) / Double(logs.count)
        let lowerHalf = Double(logs.filter { $0 < -10 }.count) / Double(logs.count)
        #expect(abs(mean - (-20 - DeterministicMath.log(2)) / 2) < 0.2, "mean \(mean)")
        #expect(abs(lowerHalf - 10 / (20 - DeterministicMath.log(2))) < 0.02, "fraction below −10: \(lowerHalf)")
    }

    @Test("A step that would leave [−1, 1] is rejected and the old value kept")
    func rejection() {
        var rng = RandomStream.generator(0x307, 3)
        var rejected = 0
        for _ in 0..<2000 {
            var p: [Float] = [1]
            let accepted = Genome.mutate(&p, MutationSettings(count: 1), using: &rng)
            #expect(p[0] <= 1)
            if accepted == 0 {
                rejected += 1
                #expect(p[0] == 1)
            }
        }
        // Outward steps (half) are rejected unless too small to move 1.0 (|step| < 2⁻²⁴):
        // P = ½ · P(2e^(−25U) ≥ 2⁻²⁴) = ½ · ln(2²⁵)/25 ≈ 0.347.
        #expect(abs(Double(rejected) / 2000 - 0.347) < 0.04, "rejected \(rejected) of 2000")
    }

    @Test("Mutation is deterministic; a child names its parent")
    func deterministicAndLineage() {
        var a = RandomStream.generator(0x307, 4), b = RandomStream.generator(0x307, 4)
        var rng = RandomStream.generator(0x307, 5)
        let parent = Genome.random(Self.architecture, using: &rng)
        let c1 = parent.child(generation: 3, using: &a), c2 = parent.child(generation: 3, using: &b)
        #expect(c1 == c2)
        #expect(c1.parameters != parent.parameters)
        #expect(c1.lineage == Lineage(parents: [parent.id], generation: 3))
        #expect(c1.id != parent.id)
    }
}

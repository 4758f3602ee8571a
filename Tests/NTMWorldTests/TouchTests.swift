import NTMBrain
import NTMWorld
import Testing

/// What a body touches (eating, hazards, goals) against the obvious test of every thing:
/// the same things in the same order, for discs anywhere in and around the arena, of any
/// radius a body could have.
@Suite("Touch: the walk of the grid equals a test of every thing")
struct TouchTests {
    @Test("Every shipped world, and a crowded one with 10× the food",
          arguments: ["forage", "poison-seasons", "hidden-hazards", "cue-choice", "ecosystem", "crowded forage"])
    func touches(_ name: String) throws {
        var spec = try WorldSpec.load(path: "\(worldsDirectory)/\(name.split(separator: " ").last!).toml")
        if name.hasPrefix("crowded") {
            for i in spec.food.indices { spec.food[i].count *= 10 }
        }
        var rng = RandomStream.generator(17, 11)
        let genomes = (0..<spec.episode.agentsPerArena).map { _ in
            FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng)
        }
        let arena = Arena(spec: spec, genomes: genomes, layoutSeed: 9)
        for _ in 0..<50 { arena.step() }     // some food eaten: touching ignores that
        let (w, h) = (spec.arena.width, spec.arena.height)
        let all = arena.referenceTouchedThingsForTesting(x: 0, y: 0, radius: .infinity)
        var touching = 0, mismatches: [String] = []
        for k in 0..<4000 {
            // Near a thing half the time (a disc in open space touches nothing).
            var x = rng.nextFloat(in: -5, w + 5), y = rng.nextFloat(in: -5, h + 5)
            let r = rng.nextFloat(in: 0.1, 3)
            if k % 2 == 0, !all.isEmpty {
                let c = arena.thingCentreForTesting(all[rng.nextInt(below: all.count)])
                (x, y) = (c.x + rng.nextFloat(in: -3, 3), c.y + rng.nextFloat(in: -3, 3))
            }
            let fast = arena.touchedThingsForTesting(x: x, y: y, radius: r)
            let slow = arena.referenceTouchedThingsForTesting(x: x, y: y, radius: r)
            touching += slow.isEmpty ? 0 : 1
            if fast != slow { mismatches.append("(\(x), \(y)) r \(r): \(fast) against \(slow)") }
        }
        #expect(touching >= 1000)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches: \(mismatches.prefix(3))")
    }
}

import NTMBrain
import NTMWorld
import Testing

@Suite("Arena: sensing, eating, determinism")
struct ArenaTests {
    /// One agent, one food item straight ahead, nothing else.
    static func scene(foodAhead distance: Float) -> (WorldSpec, Arena) {
        var spec = try! WorldSpec.parse("""
            [arena]
            width = 200.0
            height = 200.0
            start = [100.0, 100.0, 0.0]
            start_heading = [0.0]
            [[food]]
            count = 0
            [body]
            rays = 5
            field_of_view = 90.0
            range = 20.0
            [episode]
            agents_per_arena = 1
            """, file: "scene.toml")
        spec.food[0].count = 0
        let arena = Arena(spec: spec, genomes: [[Float](repeating: 0, count: spec.architecture.parameterCount)], layoutSeed: 1)
        arena.placeFoodForTesting(x: 100 + distance, y: 100, type: 0)
        return (spec, arena)
    }

    @Test("A ray hitting food reports 1 − distance/range and the food's colour")
    func sensingKnownScene() {
        let (spec, arena) = Self.scene(foodAhead: 10)
        let s = arena.currentSensors(of: 0)
        let middle = 2                                  // rays at −45°, −22.5°, 0°, 22.5°, 45°
        let hit: Float = 10 - spec.food[0].radius
        #expect(abs(s[4 * middle] - (1 - hit / spec.body.range)) < 1e-5)
        #expect(s[4 * middle + 1] == spec.food[0].color.r && s[4 * middle + 2] == spec.food[0].color.g)
        #expect(s[0] == 0 && s[16] == 0)              // the outer rays see nothing within range
        #expect(abs(s[20 + 1] - spec.metabolism.initialEnergy / spec.metabolism.maxEnergy) < 1e-6)
    }

    @Test("Walls are seen in grey at the right distance")
    func sensingWall() {
        let (spec, arena) = Self.scene(foodAhead: 1000)   // food outside the arena: unseen
        arena.moveAgentForTesting(0, x: 190, y: 100)
        let s = arena.currentSensors(of: 0)
        #expect(abs(s[8] - (1 - 10 / spec.body.range)) < 1e-5)
        #expect(s[9] == 0.5)
    }

    @Test("Touching food eats it: energy and score rise, the item is gone")
    func eating() {
        let (spec, arena) = Self.scene(foodAhead: 0.5)
        let before = arena.energy[0]
        arena.step()
        #expect(arena.foodEnergy[0] == spec.food[0].energy)
        #expect(arena.energy[0] > before)
        #expect(arena.foodAlive == [false])
        #expect(arena.fitness() == [Double(spec.food[0].energy)])
    }

    @Test("The same layout seed gives the same world and the same lifetime")
    func deterministic() {
        let spec = tinyWorld()
        var rng = RandomStream.generator(5, 5)
        let genomes = (0..<4).map { _ in FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng) }
        let a = Arena(spec: spec, genomes: genomes, layoutSeed: 42), b = Arena(spec: spec, genomes: genomes, layoutSeed: 42)
        #expect(a.foodX == b.foodX && a.x == b.x)
        a.run(); b.run()
        #expect(a.fitness() == b.fitness())
        #expect(a.brains.stateHash() == b.brains.stateHash())
        let c = Arena(spec: spec, genomes: genomes, layoutSeed: 43)
        #expect(c.foodX != a.foodX)
    }

    @Test("In the nest living costs less, a reward accrues, and rays see the nest")
    func nest() throws {
        var spec = try WorldSpec.parse("""
            [arena]
            start = [60.0, 60.0, 0.0]
            start_heading = [0.0]
            [[food]]
            count = 0
            [nest]
            position = [60.0, 60.0]
            radius = 5.0
            color = [0.5, 0.25, 0.125]
            rest = 0.25
            reward = 2.0
            [body]
            rays = 5
            [episode]
            agents_per_arena = 1
            """, file: "nest.toml")
        spec.metabolism.costPerThrust = 0
        let arena = Arena(spec: spec, genomes: [[Float](repeating: 0, count: spec.architecture.parameterCount)], layoutSeed: 1)
        let before = arena.energy[0]
        arena.step()
        #expect(arena.energy[0] == before - spec.metabolism.costPerTick * 0.25)
        #expect(arena.goalReward[0] == 2)
        arena.moveAgentForTesting(0, x: 40, y: 60)      // 20 away, facing the nest (ray 2 of 5 points ahead)
        let s = arena.currentSensors(of: 0)
        let middle = spec.body.rays / 2
        #expect(abs(s[4 * middle] - (1 - 15 / spec.body.range)) < 1e-5)
        #expect(s[4 * middle + 1] == 0.5 && s[4 * middle + 2] == 0.25 && s[4 * middle + 3] == 0.125)
    }

    @Test("Hidden-value food: half the colours poison, and they swap at the flip")
    func seasons() throws {
        // Four hidden-value colours spread over the arena, one flip half-way through life.
        let spec = try WorldSpec.parse(String(repeating: "[[food]]\nhidden_value = true\ncount = 5\n", count: 4) + "[episode]\nticks = 40\n", file: "s.toml")
        let arena = Arena(spec: spec, genomes: [[Float](repeating: 0, count: spec.architecture.parameterCount)], layoutSeed: 3)
        let before = arena.foodSign
        #expect(before.filter { $0 < 0 }.count == 2)
        while arena.tick < spec.episode.ticks / 2 { arena.step() }
        #expect(arena.foodSign == before.map { -$0 })
    }
}

import NTMBrain
import NTMWorld
import Testing

/// The fast sensing path (a scan of every circle or a walk of the grid, field-of-view
/// culling, eight rays per SIMD register) against the brute-force reference, on lived-in
/// worlds: after every few ticks of a lifetime, every agent's sensors must match bit for bit,
/// whichever way sensing finds its candidates.
@Suite("Sensing: the fast path equals the brute-force reference")
struct SensingTests {
    /// Steps `spec` with random genomes and compares all agents every 7th tick.
    func check(_ spec: WorldSpec, seed: UInt64, ticks: Int = 300,
               search: Arena.CandidateSearch? = nil) -> (compared: Int, mismatches: [String]) {
        var rng = RandomStream.generator(seed, 11)
        let genomes = (0..<spec.episode.agentsPerArena).map { _ in
            FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng)
        }
        let arena = Arena(spec: spec, genomes: genomes, layoutSeed: seed)
        arena.candidateSearchOverride = search
        var compared = 0, mismatches: [String] = []
        for tick in 0..<ticks {
            if tick % 7 == 0 {
                for i in 0..<arena.agentCount {
                    let fast = arena.currentSensors(of: i), slow = arena.referenceSensorsForTesting(agent: i)
                    compared += 1
                    if fast.map(\.bitPattern) != slow.map(\.bitPattern) { mismatches.append("\(spec.name) tick \(tick) agent \(i)") }
                }
            }
            arena.step()
        }
        return (compared, mismatches)
    }

    @Test("Every shipped world, scanning and walking the grid",
          arguments: ["forage", "poison-seasons", "hidden-hazards", "cue-choice", "ecosystem"], [Arena.CandidateSearch.scan, .grid])
    func shippedWorlds(_ name: String, search: Arena.CandidateSearch) throws {
        let spec = try WorldSpec.load(path: "\(worldsDirectory)/\(name).toml")
        let (compared, mismatches) = check(spec, seed: 5, search: search)
        #expect(compared >= 40)
        #expect(mismatches.count == 0, "\(mismatches.prefix(5))")
    }

    /// The strategy is chosen by the tables' sizes: the shipped worlds are small enough to
    /// scan; a crowd past ``Arena/scanLimit`` walks the grid.
    @Test("Small worlds scan; a crowd walks the grid")
    func strategyBySize() throws {
        let spec = try WorldSpec.load(path: "\(worldsDirectory)/forage.toml")
        var rng = RandomStream.generator(3, 11)
        func genomes(_ n: Int) -> [[Float]] {
            (0..<n).map { _ in FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng) }
        }
        #expect(Arena(spec: spec, genomes: genomes(8), layoutSeed: 1).candidateSearch == .scan)
        let crowd = 8 * Arena.scanLimit.agentGroups + 1
        #expect(Arena(spec: spec, genomes: genomes(crowd), layoutSeed: 1).candidateSearch == .grid)
    }

    /// Whole lifetimes, not single looks: every position, heading, energy and score after a
    /// whole episode is the same bits with either strategy, for sensing and for what bodies
    /// touch (eating, hazards, goals); forage with a crowd and a wall as well.
    @Test("A lifetime is the same bits scanning as walking the grid",
          arguments: ["forage", "poison-seasons", "hidden-hazards", "cue-choice", "ecosystem", "crowded forage"])
    func lifetimesAgree(_ name: String) throws {
        var spec = try WorldSpec.load(path: "\(worldsDirectory)/\(name.split(separator: " ").last!).toml")
        if name.hasPrefix("crowded") {
            spec.episode.agentsPerArena = 24
            spec.arena.walls = [.init(x: 30, y: 30, width: 40, height: 6)]
        }
        var rng = RandomStream.generator(17, 11)
        let genomes = (0..<spec.episode.agentsPerArena).map { _ in
            FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng)
        }
        func lived(_ search: Arena.CandidateSearch) -> [[UInt64]] {
            let arena = Arena(spec: spec, genomes: genomes, layoutSeed: 17)
            arena.candidateSearchOverride = search
            arena.run()
            let state = [arena.x, arena.y, arena.hx, arena.hy, arena.energy, arena.foodEnergy, arena.damageTaken, arena.goalReward]
            return state.map { $0.map { UInt64($0.bitPattern) } } + [arena.fitness().map(\.bitPattern), arena.foodAlive.map { $0 ? 1 : 0 }]
        }
        let (scanned, walked) = (lived(.scan), lived(.grid))
        #expect(scanned == walked)
        #expect(Set(scanned[0]).count > 1, "the agents must have moved apart for this to mean anything")
    }

    @Test("Crowded, walled, two ray groups, and a field of view wider than 180° (no culling)")
    func oddBodies() throws {
        var spec = try WorldSpec.load(path: "\(worldsDirectory)/forage.toml")
        spec.episode.agentsPerArena = 40
        spec.arena.walls = [.init(x: 30, y: 30, width: 40, height: 6), .init(x: 80, y: 50, width: 5, height: 50)]
        spec.metabolism.costPerTick = 0
        for (rays, fov) in [(11, Float(100)), (13, 300), (1, 0), (8, 180)] {
            spec.body.rays = rays
            spec.body.fieldOfView = fov
            for search in [Arena.CandidateSearch.scan, .grid] {
                let (compared, mismatches) = check(spec, seed: UInt64(rays), ticks: 120, search: search)
                #expect(compared > 500)
                #expect(mismatches.count == 0, "\(search), rays \(rays), fov \(fov): \(mismatches.prefix(5))")
            }
        }
    }
}

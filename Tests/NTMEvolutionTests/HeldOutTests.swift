import NTMBrain
import NTMEvolution
import NTMTestSupport
import NTMWorld
import Testing

/// Lesions, held-out evaluation and the hall of fame, on the tiny worlds of trials.
@Suite("Lesions, held-out evaluation, hall of fame")
struct HeldOutTests {
    static func champion(_ e: Experiment, generations: Int = 3) -> (Genome, EvolutionState) {
        let evolver = Evolver(world: e.world, setup: e.setup, threads: 2)
        var state = evolver.initialState()
        var last: Evolver.Outcome?
        while state.generation < generations { last = evolver.step(state) { 0 }; state = last!.next }
        return (last!.champion, state)
    }

    /// Steps a replay tick by tick, handing each arena (before the tick) to `look`.
    static func walk(_ replay: Replay, _ look: (Arena) -> Void) {
        let runner = Replay.Runner(replay)
        repeat { look(runner.arena) } while runner.step()
    }

    @Test("remove@T: from T the tape is gone (W and reads exactly 0); freeze@T: W stops changing; wipe@T: W is zeroed once")
    func lesions() {
        let e = Fixtures.tinyCue()
        let (g, _) = Self.champion(e)
        var replay = Replay(spec: e.world, genome: g)
        replay.episodes = 1
        let T = 20
        var before: [Float] = []
        replay.lesion = .remove(from: T)
        Self.walk(replay) { a in
            if a.tick > T && a.tick <= e.world.episode.ticks {
                #expect(a.brains.memoryWeights(agent: 0).allSatisfy { $0 == 0 } && a.brains.lastRead(agent: 0).allSatisfy { $0 == 0 })
            }
        }
        replay.lesion = .freeze(from: T)
        Self.walk(replay) { a in
            if a.tick == T + 1 { before = a.brains.memoryWeights(agent: 0) }
            if a.tick > T + 1 { #expect(bits(a.brains.memoryWeights(agent: 0)) == bits(before)) }
        }
        #expect(before.contains { $0 != 0 })         // it had learned something, and kept it
        // wipe@T: what the tape holds one tick later is only that tick's write, not the past.
        var plain: [Float] = [], wiped: [Float] = []
        replay.lesion = nil
        Self.walk(replay) { a in if a.tick == T + 1 { plain = a.brains.memoryWeights(agent: 0) } }
        replay.lesion = .wipe(at: T)
        var writesAgain = false
        Self.walk(replay) { a in
            if a.tick == T + 1 { wiped = a.brains.memoryWeights(agent: 0) }
            if a.tick > T + 1 && bits(a.brains.memoryWeights(agent: 0)) != bits(wiped) { writesAgain = true }
        }
        #expect(bits(plain) != bits(wiped) && writesAgain)
        #expect(Lesion(argument: "remove@12") == .remove(from: 12) && Lesion(argument: "freeze@0") == .freeze(from: 0))
        #expect(Lesion(argument: "wipe@-1") == nil && Lesion(argument: "cut@3") == nil && Lesion(argument: "wipe@") == nil)
        #expect(Lesion.studyLesion(for: e.world) == .remove(from: 3))
    }

    @Test("Held-out episodes: the same at 1 and 2 threads, and never the episodes a run selects on")
    func heldOut() {
        let e = Fixtures.tinyCue()
        let (g, _) = Self.champion(e)
        let one = HeldOutEvaluation(world: e.world, genome: g, episodes: 7, seed: 5).run(threads: 1)
        let two = HeldOutEvaluation(world: e.world, genome: g, episodes: 7, seed: 5).run(threads: 2)
        #expect(one.episodeFitness.map(\.bitPattern) == two.episodeFitness.map(\.bitPattern) && one.decisions == two.decisions)
        #expect(one.episodeFitness.count == 7 && one.decisions.all == 7 * 3)
        // Held-out seed 5's layouts are not run seed 5's.
        #expect(HeldOutEvaluation.layoutRunSeed(5) != 5)
        let selected = PopulationEvaluator.layoutSeed(seed: 5, generation: 0, episode: 0)
        let held = PopulationEvaluator.layoutSeed(seed: HeldOutEvaluation.layoutRunSeed(5), generation: 0, episode: 0)
        #expect(selected != held)
        // The tape off is a different experiment on the same episodes.
        var off = e.world
        off.brain.memory = .off
        let noTape = HeldOutEvaluation(world: off, genome: g, episodes: 7, seed: 5).run(threads: 2)
        #expect(noTape.decisions.all == one.decisions.all)
    }

    @Test("The hall of fame keeps the best champion on fresh episodes; its record replays bit for bit")
    func hallOfFame() throws {
        let e = Fixtures.tinyCue()
        let (_, state) = Self.champion(e, generations: 4)
        let hall = try #require(state.hallOfFame)
        let record = try #require(hall.evaluation)
        #expect(record.episodes == e.setup.hallOfFameEpisodes && record.generation == 0)
        #expect(state.stats.last?.hallOfFame == record.fitness)
        #expect(state.stats.compactMap(\.hallOfFame) == state.stats.compactMap(\.hallOfFame).sorted())   // never worse
        #expect(Replay(spec: e.world, genome: hall).run().fitness.bitPattern == record.fitness.bitPattern)
        // Stats carry the population's decision accuracy.
        #expect(state.stats.allSatisfy { $0.decisionAccuracy != nil })
    }
}

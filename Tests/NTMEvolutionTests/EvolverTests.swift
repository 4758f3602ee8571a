import Foundation
import NTMBrain
import NTMEvolution
import NTMTestSupport
import NTMWorld
import Testing

@Suite("Evolution: determinism, resume, checkpoints")
struct EvolverTests {
    /// The tiny world with the given algorithm.
    static func tiny(algorithm: String = GeneticAlgorithm.name) -> Experiment {
        var e = Fixtures.tinyExperiment()
        e.setup.algorithm = algorithm
        e.setup.tuning = e.setup.searchAlgorithm.defaultTuning
        return e
    }

    static func run(_ e: Experiment, threads: Int, generations: Int, from start: EvolutionState? = nil) -> EvolutionState {
        let evolver = Evolver(world: e.world, setup: e.setup, threads: threads)
        var state = start ?? evolver.initialState()
        while state.generation < generations { state = evolver.step(state) { 0 }.next }
        return state
    }

    static let algorithms = SearchAlgorithms.all.map { $0.name }

    @Test("The same seed gives the same population at 1 and 2 threads", arguments: algorithms)
    func threadCountInvariant(algorithm: String) {
        let e = Self.tiny(algorithm: algorithm)
        let one = Self.run(e, threads: 1, generations: 3)
        let two = Self.run(e, threads: 2, generations: 3)
        #expect(one.populationHash == two.populationHash)
        #expect(one.stats.map(\.best) == two.stats.map(\.best))
        var other = e
        other.setup.seed = 2
        #expect(Self.run(other, threads: 2, generations: 3).populationHash != one.populationHash)
    }

    @Test("Stopping at generation k and resuming from the checkpoint file gives the same result", arguments: algorithms)
    func resumeMatchesUninterrupted(algorithm: String) throws {
        let e = Self.tiny(algorithm: algorithm)
        let straight = Self.run(e, threads: 2, generations: 4)
        try withTemporaryDirectory("resume") { dir in
            let runDir = RunDirectory(path: dir)
            try runDir.create()
            let half = Self.run(e, threads: 1, generations: 2)
            try runDir.writeCheckpoint(Checkpoint(state: half, world: e.world, setup: e.setup).fileData(), generation: 2)
            let loaded = try runDir.latestCheckpoint()
            #expect(loaded.state == half)
            #expect(loaded.belongs(to: e.world, e.setup))
            let resumed = Self.run(e, threads: 2, generations: 4, from: loaded.state)
            #expect(resumed.populationHash == straight.populationHash)
            #expect(resumed.stats.map(\.best) == straight.stats.map(\.best))
        }
    }

    @Test("Fitness averages over episodes with common random numbers: clones score alike")
    func commonRandomNumbers() {
        let e = Fixtures.tinyExperiment()
        var rng = RandomStream.generator(9, 9)
        let g = FilterBankController.randomParameters(e.world.architecture.controllerShape, using: &rng)
        // Two arenas of the same four clones see the same worlds, so they score the same.
        let r = PopulationEvaluator(spec: e.world, episodes: 2, threads: 2).evaluate([[Float]](repeating: g, count: 8), seed: 1, generation: 0)
        #expect(Array(r.fitness[0..<4]) == Array(r.fitness[4..<8]))
    }

    @Test("A champion's recorded fitness is what a replay of its record gives, bit for bit")
    func championRecord() throws {
        let e = Fixtures.tinyExperiment()
        let evolver = Evolver(world: e.world, setup: e.setup, threads: 2)
        let outcome = evolver.step(Self.run(e, threads: 2, generations: 2)) { 0 }
        let record = try #require(outcome.champion.evaluation)
        #expect(record.worldHash == e.world.hash && record.generation == 2 && record.arrangement == .clones)
        #expect(record.episodes == e.setup.episodes && record.seed == e.setup.seed)
        // The replay rebuilds the arenas tick by tick through its own runner, not the evaluator.
        let replayed = Replay(spec: e.world, genome: outcome.champion).run()
        #expect(replayed.fitness.bitPattern == record.fitness.bitPattern)
        // And the record is the champion's own: another genome lives another life.
        var impostor = try #require(outcome.next.population.first { $0.parameters != outcome.champion.parameters })
        impostor.evaluation = record
        #expect(Replay(spec: e.world, genome: impostor).run().trajectoryHash != replayed.trajectoryHash)
    }

    @Test("A corrupt, truncated or edited checkpoint is refused with its path")
    func corruptCheckpoint() throws {
        let e = Fixtures.tinyExperiment()
        let state = Self.run(e, threads: 1, generations: 1)
        let data = Checkpoint(state: state, world: e.world, setup: e.setup).fileData()
        try withTemporaryDirectory("ckpt") { dir in
            let path = dir + "/gen-00001.ckpt"
            try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
            #expect(throws: CheckpointError.self) { try Checkpoint.load(from: path) }

            var text = String(decoding: data, as: UTF8.self)
            text = text.replacingOccurrences(of: "\"generation\":1", with: "\"generation\":2")
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            do {
                _ = try Checkpoint.load(from: path)
                Issue.record("an edited checkpoint loaded")
            } catch let error as CheckpointError {
                #expect(error.description.contains(path) && error.description.contains("checksum"))
            }
            let negative = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"generation\":1", with: "\"generation\":-1")
            try Data(negative.utf8).write(to: URL(fileURLWithPath: path))
            #expect(throws: CheckpointError.self) { try Checkpoint.load(from: path) }

            try data.write(to: URL(fileURLWithPath: path))
            #expect(try Checkpoint.load(from: path).state == state)
        }
    }
}

import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld
import Testing

@Suite("Evolution: determinism, resume, checkpoints")
struct EvolverTests {
    /// The shared test world (`Tests/Fixtures/tiny.toml`): a few generations take well under
    /// a second in a debug build.
    static func tinySpec(algorithm: WorldSpec.Evolution.Algorithm = .ga) -> WorldSpec {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fixtures/tiny.toml").path
        var s = try! WorldSpec.load(path: path)
        s.evolution.algorithm = algorithm
        return s
    }

    static func run(_ spec: WorldSpec, threads: Int, generations: Int, from start: EvolutionState? = nil) -> EvolutionState {
        let evolver = Evolver(spec: spec, threads: threads)
        var state = start ?? evolver.initialState()
        while state.generation < generations { state = evolver.step(state) { 0 }.next }
        return state
    }

    @Test("The same seed gives the same population at 1 and 2 threads",
          arguments: [WorldSpec.Evolution.Algorithm.ga, .hillClimber])
    func threadCountInvariant(algorithm: WorldSpec.Evolution.Algorithm) {
        let spec = Self.tinySpec(algorithm: algorithm)
        let one = Self.run(spec, threads: 1, generations: 3)
        let two = Self.run(spec, threads: 2, generations: 3)
        #expect(one.populationHash == two.populationHash)
        #expect(one.stats.map(\.best) == two.stats.map(\.best))
        var other = spec
        other.evolution.seed = 2
        #expect(Self.run(other, threads: 2, generations: 3).populationHash != one.populationHash)
    }

    @Test("Stopping at generation k and resuming from the checkpoint file gives the same result")
    func resumeMatchesUninterrupted() throws {
        let spec = Self.tinySpec()
        let straight = Self.run(spec, threads: 2, generations: 4)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ntmlife-resume-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runDir = RunDirectory(path: dir)
        try runDir.create()
        let half = Self.run(spec, threads: 1, generations: 2)
        try runDir.writeCheckpoint(Checkpoint(state: half, seed: spec.evolution.seed, worldHash: spec.hash))
        let loaded = try runDir.latestCheckpoint()
        #expect(loaded.state == half)
        let resumed = Self.run(spec, threads: 2, generations: 4, from: loaded.state)
        #expect(resumed.populationHash == straight.populationHash)
        #expect(resumed.stats.map(\.best) == straight.stats.map(\.best))
    }

    @Test("Fitness averages over episodes with common random numbers: clones score alike")
    func commonRandomNumbers() {
        let spec = Self.tinySpec()
        var rng = RandomStream.generator(9, 9)
        let g = FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng)
        // Two arenas of the same four clones see the same worlds, so they score the same.
        let r = PopulationEvaluator(spec: spec, threads: 2).evaluate([[Float]](repeating: g, count: 8), seed: 1, generation: 0)
        #expect(Array(r.fitness[0..<4]) == Array(r.fitness[4..<8]))
    }

    @Test("A champion's recorded fitness is reproduced by re-evaluating it")
    func championRecord() {
        let spec = Self.tinySpec()
        let evolver = Evolver(spec: spec, threads: 2)
        let outcome = evolver.step(evolver.initialState()) { 0 }
        let record = try! #require(outcome.champion.evaluation)
        #expect(record.worldHash == spec.hash && record.generation == 0 && record.arrangement == "clones")
        let again = evolver.record(outcome.champion, generation: 0).evaluation!
        #expect(again.fitness.bitPattern == record.fitness.bitPattern)
    }

    @Test("A corrupt, truncated or edited checkpoint is refused with its path")
    func corruptCheckpoint() throws {
        let spec = Self.tinySpec()
        let state = Self.run(spec, threads: 1, generations: 1)
        let data = Checkpoint(state: state, seed: 1, worldHash: spec.hash).fileData()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ntmlife-ckpt-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/gen-00001.ckpt"

        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: path))
        #expect(throws: CheckpointError.self) { try Checkpoint.load(from: path) }

        var text = String(decoding: data, as: UTF8.self)
        text = text.replacingOccurrences(of: "\"generation\":1", with: "\"generation\":2")
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try Checkpoint.load(from: path)
            Issue.record("an edited checkpoint loaded")
        } catch {
            #expect(error.description.contains(path) && error.description.contains("checksum"))
        }

        try data.write(to: URL(fileURLWithPath: path))
        #expect(try Checkpoint.load(from: path).state == state)
    }
}

import Foundation
import NTMEvolution
import NTMTestSupport
import Testing

@Suite("Island model: segments, the ring, and the commands each island runs")
struct IslandModelTests {
    let model = IslandModel(islands: 3, migrateEvery: 10, migrants: 2, generations: 25, seed: 7)

    @Test("Generations are cut into segments of M, the last one shorter")
    func segments() {
        #expect(model.segments == [0..<10, 10..<20, 20..<25])
        #expect(IslandModel(islands: 2, migrateEvery: 5, migrants: 1, generations: 10, seed: 1).segments == [0..<5, 5..<10])
    }

    @Test("Island I gets seed S + I and receives from island I − 1 around the ring")
    func ring() {
        #expect((0..<3).map(model.seed(ofIsland:)) == [7, 8, 9])
        #expect((0..<3).map(model.source(of:)) == [2, 0, 1])
    }

    @Test("Each segment resumes the island to its end; migrants leave at every segment's end but the last and arrive at the next one's start")
    func arguments() {
        let first = model.arguments(island: 1, segment: 0, in: "D")
        #expect(first == ["evolve", "--resume", "D/island-1", "--generations", "10", "--threads", "1", "--emigrants", "2"])
        let middle = model.arguments(island: 0, segment: 1, in: "D")
        #expect(middle == ["evolve", "--resume", "D/island-0", "--generations", "20", "--threads", "1",
                           "--immigrants-at", "10",
                           "--immigrants", "D/island-2/emigrants/gen-00010/rank-1.genome.json",
                           "--immigrants", "D/island-2/emigrants/gen-00010/rank-2.genome.json",
                           "--emigrants", "2"])
        let last = model.arguments(island: 2, segment: 2, in: "D")
        #expect(last.contains("--immigrants-at") && !last.contains("--emigrants"))
        #expect(last.contains("D/island-1/emigrants/gen-00020/rank-1.genome.json"))
        var sparse = model
        sparse.checkpointEvery = 5
        #expect(sparse.arguments(island: 0, segment: 0, in: "D").prefix(9) == ["evolve", "--resume", "D/island-0", "--generations", "10", "--threads", "1", "--checkpoint-every", "5"])
    }

    @Test("Arguments out of range are refused, each naming its option")
    func problems() {
        func problem(_ k: Int, _ m: Int, _ n: Int, _ g: Int, population: Int = 16) -> String? {
            IslandModel(islands: k, migrateEvery: m, migrants: n, generations: g, seed: 1).problem(population: population)
        }
        #expect(problem(3, 10, 2, 25) == nil)
        #expect(problem(1, 10, 2, 25)?.hasPrefix("--islands") == true)
        #expect(problem(3, 0, 2, 25)?.hasPrefix("--migrate-every") == true)
        #expect(problem(3, 30, 2, 25)?.hasPrefix("--migrate-every") == true)
        #expect(problem(3, 10, 11, 25)?.hasPrefix("--migrants") == true)
        #expect(problem(3, 10, 0, 25)?.hasPrefix("--migrants") == true)
        #expect(problem(3, 10, 4, 25, population: 4)?.hasPrefix("--migrants") == true)
    }

    @Test("The manifest reads back as it was written")
    func manifestRoundTrip() {
        var m = model.manifest(world: Fixtures.tinyExperiment().world, segmentsDone: 2,
                               champions: [.init(island: 0, file: "island-0/hall-of-fame.genome.json", id: "abc", fitness: 1.5)],
                               commandLine: ["ntmlife", "islands"])
        let back = IslandModel.decode(IslandModel.encode(m))
        #expect(back == m)
        #expect(back.flatMap(IslandModel.init) == model)
        var sparse = model
        sparse.checkpointEvery = 4
        let kept = IslandModel.decode(IslandModel.encode(sparse.manifest(world: Fixtures.tinyExperiment().world, segmentsDone: 0, champions: [], commandLine: [])))
        #expect(kept.flatMap(IslandModel.init)?.checkpointEvery == 4)
        m.format = "something-else"
        #expect(IslandModel(m) == nil)
    }
}

import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld
import NTMTestSupport
import Testing

@Suite("Ecosystem: births, deaths, checkpoints")
struct EcosystemTests {
    /// The tiny world made open-ended, with everyone rich enough to give birth at once.
    static func spec() -> WorldSpec {
        var s = Fixtures.tinyWorld()
        var e = WorldSpec.Ecosystem()
        (e.capacity, e.initial, e.reproduceEnergy, e.offspringEnergy) = (16, 6, 90, 30)
        (e.maxAge, e.minAgents, e.epochTicks) = (60, 3, 25)
        s.ecosystem = e
        return s
    }

    static let setup = Fixtures.tinyExperiment().setup

    @Test("Rich agents give birth to mutated children that name them as parents")
    func births() {
        let eco = Ecosystem(spec: Self.spec(), setup: Self.setup)
        #expect(eco.aliveCount == 6)
        let founders = eco.genomes.compactMap { $0 }
        _ = eco.runEpoch { 0 }
        let children = eco.genomes.compactMap { $0 }.filter { !$0.lineage.parents.isEmpty }
        #expect(!children.isEmpty)
        for child in children {
            #expect(founders.contains { $0.id == child.lineage.parents[0] } || eco.genomes.contains { $0?.id == child.lineage.parents[0] })
        }
        #expect(eco.offspring.reduce(0, +) > 0)
    }

    @Test("Old age ends lives and immigrants keep at least min_agents alive")
    func deathsAndImmigrants() {
        let eco = Ecosystem(spec: Self.spec(), setup: Self.setup)
        for _ in 0..<6 {
            _ = eco.runEpoch { 0 }
            #expect(eco.aliveCount >= 3)
            for i in 0..<eco.arena.agentCount where eco.arena.isAlive(i) { #expect(eco.arena.age(of: i) <= 60) }
        }
    }

    @Test("A checkpoint restores the living world exactly: resumed equals uninterrupted")
    func checkpointResume() throws {
        let spec = Self.spec()
        let straight = Ecosystem(spec: spec, setup: Self.setup)
        for _ in 0..<4 { _ = straight.runEpoch { 0 } }

        let first = Ecosystem(spec: spec, setup: Self.setup)
        var stats: [GenerationStats] = []
        for _ in 0..<2 { stats.append(first.runEpoch { 0 }.stats) }
        let dir = temporaryDirectory("eco")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/gen-00002.ckpt"
        try EcosystemCheckpoint.fileData(first, stats: stats).write(to: URL(fileURLWithPath: path))
        let (resumed, loadedStats) = try EcosystemCheckpoint.load(from: path, spec: spec, setup: Self.setup)
        #expect(resumed.stateHash == first.stateHash)
        #expect(loadedStats == stats)
        for _ in 0..<2 { _ = resumed.runEpoch { 0 } }
        #expect(resumed.stateHash == straight.stateHash)
    }

    @Test("A damaged ecosystem checkpoint is refused with its path")
    func damaged() throws {
        let spec = Self.spec()
        let eco = Ecosystem(spec: spec, setup: Self.setup)
        _ = eco.runEpoch { 0 }
        let data = EcosystemCheckpoint.fileData(eco, stats: [])
        let dir = temporaryDirectory("eco")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/gen-00001.ckpt"
        try data.prefix(data.count / 3).write(to: URL(fileURLWithPath: path))
        #expect(throws: CheckpointError.self) { try EcosystemCheckpoint.load(from: path, spec: spec, setup: Self.setup) }
        let edited = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\"epoch\":1", with: "\"epoch\":7")
        try Data(edited.utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try EcosystemCheckpoint.load(from: path, spec: spec, setup: Self.setup)
            Issue.record("an edited checkpoint loaded")
        } catch let error as CheckpointError {
            #expect(error.description.contains(path) && error.description.contains("checksum"))
        }
    }
}

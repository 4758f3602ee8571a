import Foundation
import NTMEvolution
import NTMTestSupport
import Testing

/// `EvolutionRun.run` writes each generation's files while it evaluates the next; `advance`
/// writes them before it goes on. The two must leave the same run directory.
@Suite("Run directories: files written beside the next generation")
struct RecordWriterTests {
    static let provenance = RunProvenance(version: "test", gitRevision: "test", commandLine: ["test"])

    /// The bytes of every file of a run directory but run.json (it says when it was
    /// written). The runs below read a clock that stands still, so even the throughput
    /// column of stats.csv and the checkpoints must agree byte for byte.
    static func files(_ dir: String) -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        for name in fm.enumerator(atPath: dir)?.allObjects as? [String] ?? [] where name != "run.json" {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: dir + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            out[name] = fm.contents(atPath: dir + "/" + name)
        }
        return out
    }

    @Test("run (writes overlapped with the next evaluation) and advance (inline) leave byte-identical champions, hall of fame, stats and states",
          arguments: [1, 3])
    func overlappedEqualsInline(checkpointEvery: Int) throws {
        try withTemporaryDirectory("record-writer") { dir in
            var e = Fixtures.tinyExperiment()
            e.setup.generations = 5
            let overlapped = try EvolutionRun.start(e, in: RunDirectory(path: dir + "/overlapped"), provenance: Self.provenance, threads: 1)
            overlapped.checkpointEvery = checkpointEvery
            var seen: [Int] = []
            try overlapped.run(clock: { 0 }, progress: { seen.append($0.generation) })
            #expect(seen == [0, 1, 2, 3, 4])

            let inline = try EvolutionRun.start(e, in: RunDirectory(path: dir + "/inline"), provenance: Self.provenance, threads: 1)
            inline.checkpointEvery = checkpointEvery
            while !inline.isComplete { try inline.advance(clock: { 0 }) }
            try inline.finish()

            let (a, b) = (Self.files(dir + "/overlapped"), Self.files(dir + "/inline"))
            #expect(a.keys.sorted() == b.keys.sorted())
            #expect(a.keys.contains("hall-of-fame.genome.json") && a.keys.contains("best/gen-00004.genome.json")
                    && a.keys.contains("checkpoints/gen-00005.ckpt"))
            for (name, text) in a { #expect(text == b[name], "\(name) differs") }
            #expect(overlapped.state == inline.state)
        }
    }

    @Test("A write that fails is reported by run, naming the run directory, and the run stops there")
    func failureSurfaces() throws {
        try withTemporaryDirectory("record-writer") { dir in
            var e = Fixtures.tinyExperiment()
            e.setup.generations = 4
            let run = try EvolutionRun.start(e, in: RunDirectory(path: dir + "/run"), provenance: Self.provenance, threads: 1)
            // A directory where generation 1's champion file must go makes its write fail.
            try FileManager.default.createDirectory(atPath: run.directory.championFile(1) + "/blocked", withIntermediateDirectories: true)
            var reported = 0
            let failure = #expect(throws: RunError.self) { try run.run(clock: { 0 }, progress: { _ in reported += 1 }) }
            #expect(failure?.description.contains(dir + "/run") == true, "\(String(describing: failure))")
            // Generation 1 is reported as its files are written; the error comes at the next
            // wait, before generation 2 is: one report more than a run writing inline makes.
            #expect(reported == 2)
        }
    }
}

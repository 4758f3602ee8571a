import Foundation
import NTMEvolution
import NTMTestSupport
import Testing

/// Every tape variant through the real executable: evolution resumes to the same bits, a
/// champion replays to its recorded fitness, and a living ecosystem's tapes (W of every
/// block, the novelty counters) survive a checkpoint.
@Suite("Tape variants and the LSH-switched controller end to end: resume and replay bit for bit", .serialized)
struct MemoryVariantRunTests {
    static let kinds = ["memory_kind = \"blocks\"\nmemory_blocks = 2", "memory_kind = \"decaying\"\nmemory_decay = 0.02",
                        "memory_kind = \"novelty-gated\"\nnovelty_bits = 3\nnovelty_visits = 1.0",
                        "controller_kind = \"lsh-switched\"\nswitch_banks = 4"]

    /// The tiny world with `lines` added to its [brain] table.
    static func world(in dir: String, _ lines: String, extra: String = "") throws -> String {
        let path = writeTinyWorld(in: dir, extra: extra)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        precondition(text.contains("value_width = 4\n"))
        try text.replacingOccurrences(of: "value_width = 4\n", with: "value_width = 4\n\(lines)\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("Evolution stopped and resumed equals a run that never stopped; the champion replays bit for bit", arguments: kinds)
    func resumeAndReplay(kind: String) throws {
        let dir = temporaryDirectory("variant")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = try Self.world(in: dir, kind)
        let a = try ntmlife(["evolve", world, "--generations", "4", "--out", dir + "/a"], in: dir)
        #expect(a.status == 0, "\(a.stderr)")
        #expect(try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/b"], in: dir).status == 0)
        #expect(try ntmlife(["evolve", "--resume", dir + "/b", "--generations", "4"], in: dir).status == 0)
        #expect(try EvolveCommandTests.finalHash(dir + "/a") == EvolveCommandTests.finalHash(dir + "/b"))
        #expect(try String(contentsOfFile: dir + "/a/world.toml", encoding: .utf8).contains(kind.split(separator: "\n")[0]))
        let champion = dir + "/a/best/gen-00003.genome.json"
        let replay = try ntmlife(["replay", champion], in: dir)
        #expect(replay.status == 0 && replay.stdout.contains("reproduced bit for bit"), "\(replay.stdout)\(replay.stderr)")
        // In the plain-tape world the same genome would be another brain: refused, not misread.
        try FileManager.default.createDirectory(atPath: dir + "/plain", withIntermediateDirectories: true)
        let other = try ntmlife(["replay", champion, "--world", writeTinyWorld(in: dir + "/plain")], in: dir)
        #expect(other.status != 0 && !other.stdout.contains("reproduced"), "\(other.stdout)")
    }

    @Test("An ecosystem with a variant tape, stopped and resumed, equals one that never stopped", arguments: kinds)
    func ecosystemResume(kind: String) throws {
        let dir = temporaryDirectory("variant-eco")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = try Self.world(in: dir, kind, extra: Fixtures.tinyEcosystemTable)
        #expect(try ntmlife(["evolve", world, "--generations", "3", "--out", dir + "/a"], in: dir).status == 0)
        #expect(try ntmlife(["evolve", world, "--generations", "1", "--out", dir + "/b"], in: dir).status == 0)
        let r = try ntmlife(["evolve", "--resume", dir + "/b", "--generations", "3"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let e = try Experiment.load(path: dir + "/a/world.toml")
        let (a, _) = try EcosystemCheckpoint.load(from: RunDirectory(path: dir + "/a").checkpointFile(3), spec: e.world, setup: e.setup)
        let (b, _) = try EcosystemCheckpoint.load(from: RunDirectory(path: dir + "/b").checkpointFile(3), spec: e.world, setup: e.setup)
        #expect(a.stateHash == b.stateHash)
    }
}

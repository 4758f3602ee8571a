import Foundation
import NTMEvolution
import Testing

@Suite("Mutants of real files: exit 2 or 1 naming the file, never a signal (end to end)", .serialized)
struct MutationTests {
    /// Runs `command` over each mutant written to `path` (restoring `restore` first), and
    /// checks the outcome: a cut checksummed file is always refused; any mutant is refused
    /// cleanly or (for an edit that left the file valid, as a world cut at a line end) accepted.
    static func check(_ original: Data, at path: String, seed: UInt64, count: Int, in dir: String, checksummed: Bool = true,
                      restore: () throws -> Void = {}, command: () throws -> RunResult) throws {
        let (truncated, other) = Mutant.of(original, count: count, seed: seed)
        for (mutant, mustRefuse) in truncated.map({ ($0, checksummed) }) + other.map({ ($0, false) }) {
            try restore()
            try mutant.bytes.write(to: URL(fileURLWithPath: path))
            let r = try command()
            #expect(r.status < 128, "\(mutant.name): killed by signal \(r.status - 128): \(r.stderr)")
            if mustRefuse || r.status != 0 {
                #expect(r.status == 1 || r.status == 2, "\(mutant.name): exit \(r.status): \(r.stderr)")
                #expect(r.stderr.contains(URL(fileURLWithPath: path).lastPathComponent), "\(mutant.name): \(r.stderr)")
                #expect(!r.stderr.contains("Fatal error"), "\(mutant.name): \(r.stderr)")
            }
        }
    }

    @Test("World files")
    func worlds() throws {
        try withTemporaryDirectory("mutants") { dir in
            let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.tinyWorldPath))
            let path = dir + "/m.toml"
            try Self.check(original, at: path, seed: 1, count: 30, in: dir, checksummed: false, restore: { try? FileManager.default.removeItem(atPath: dir + "/r") }) {
                try ntmlife(["evolve", path, "--generations", "1", "--population", "4", "--out", dir + "/r", "--threads", "1"], in: dir)
            }
        }
    }

    @Test("Genome files")
    func genomes() throws {
        try withTemporaryDirectory("mutants") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(["evolve", world, "--generations", "1", "--out", dir + "/r"], in: dir).status == 0)
            let original = try Data(contentsOf: URL(fileURLWithPath: dir + "/r/best/gen-00000.genome.json"))
            let path = dir + "/m.genome.json"
            try Self.check(original, at: path, seed: 2, count: 30, in: dir) {
                try ntmlife(["replay", path, "--world", world], in: dir)
            }
        }
    }

    @Test("Checkpoints of generational and of open-ended runs", arguments: [false, true])
    func checkpoints(ecosystem: Bool) throws {
        try withTemporaryDirectory("mutants") { dir in
            let world = writeTinyWorld(in: dir, extra: ecosystem ? Fixtures.tinyEcosystemTable : "")
            #expect(try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/r", "--threads", "1"], in: dir).status == 0)
            let rd = RunDirectory(path: dir + "/r")
            let path = rd.checkpointFile(2)
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            let pristine = dir + "/pristine"
            try FileManager.default.copyItem(atPath: rd.path, toPath: pristine)
            try Self.check(original, at: path, seed: ecosystem ? 4 : 3, count: 20, in: dir, restore: {
                try FileManager.default.removeItem(atPath: rd.path)
                try FileManager.default.copyItem(atPath: pristine, toPath: rd.path)
            }) {
                try ntmlife(["evolve", "--resume", rd.path, "--generations", "3", "--threads", "1"], in: dir)
            }
        }
    }
}

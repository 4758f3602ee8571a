import Foundation
import NTMEvolution
import Testing

/// Whatever an interrupted or failed start leaves behind is either restartable with the
/// same command or resumable with the command the message gives, and ends in the run that
/// was never interrupted. The kills come from `NTMLIFE_FAULT` (see `FaultPoint`).
@Suite("Run directories: killed at every stage, never stuck (end to end)", .serialized)
struct RunDirectoryFaultTests {
    static func evolve(_ world: String, _ out: String) -> [String] {
        ["evolve", world, "--generations", "3", "--out", out, "--threads", "1"]
    }

    /// What "the same run" means: the bytes of every champion, the final population, and
    /// every stats column but the throughput (a clock reading).
    static func outcome(_ dir: String) throws -> [String] {
        var parts: [String] = []
        for g in 0..<3 { parts.append(try String(contentsOfFile: dir + "/best/gen-0000\(g).genome.json", encoding: .utf8)) }
        parts.append(try RunDirectory(path: dir).latestCheckpoint().state.populationHash)
        let stats = try String(contentsOfFile: dir + "/stats.csv", encoding: .utf8).split(separator: "\n")
        parts += stats.map { $0.split(separator: ",", omittingEmptySubsequences: false).enumerated().filter { $0.offset != 7 }.map(\.element).joined(separator: ",") }
        return parts
    }

    /// Every `.tmp-` temporary or staging directory under `dir` and beside it.
    static func leftovers(_ dir: String) -> [String] {
        let fm = FileManager.default
        let parent = URL(fileURLWithPath: dir).deletingLastPathComponent().path
        let beside = ((try? fm.contentsOfDirectory(atPath: parent)) ?? []).filter { $0.contains(".starting-") }
        let inside = (fm.enumerator(atPath: dir)?.allObjects as? [String] ?? []).filter { $0.contains(".tmp-") || $0.contains(".nosync") }
        return beside + inside
    }

    @Test("Killed at each stage of a start or a run; the same command, or the --resume it names, gives the uninterrupted run",
          arguments: ["start", "staged", "write:1", "write:4", "published", "committed", "write:6", "write:9", "committed:3"])
    func killedAt(point: String) throws {
        try withTemporaryDirectory("fault") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(Self.evolve(world, dir + "/ref"), in: dir).status == 0)
            let killed = try ntmlife(Self.evolve(world, dir + "/run"), in: dir, environment: ["NTMLIFE_FAULT=\(point)"])
            #expect(killed.status == 128 + SIGKILL, "the fault point \(point) was never reached: \(killed.stderr)")

            let again = try ntmlife(Self.evolve(world, dir + "/run"), in: dir)
            if again.status != 0 {
                // Not restartable as it is: the message must send the user to --resume, which works.
                expectRefusal(again, naming: "--resume \(dir)/run")
                let resumed = try ntmlife(["evolve", "--resume", dir + "/run"], in: dir)
                #expect(resumed.status == 0, "\(resumed.stderr)")
            }
            #expect(try Self.outcome(dir + "/run") == Self.outcome(dir + "/ref"))
            #expect(Self.leftovers(dir + "/run").isEmpty, "left behind: \(Self.leftovers(dir + "/run"))")
        }
    }

    @Test("Two starts in one directory at once: one runs, the other is refused; never a mixed directory")
    func concurrentStarts() throws {
        try withTemporaryDirectory("fault") { dir in
            let world = writeTinyWorld(in: dir)
            for trial in 0..<10 {
                let out = dir + "/run\(trial)"
                let a = try Child(["evolve", world, "--generations", "2", "--seed", "1", "--out", out, "--threads", "1"], in: dir,
                                  stdout: dir + "/a.out", stderr: dir + "/a.err")
                let b = try Child(["evolve", world, "--generations", "2", "--seed", "2", "--out", out, "--threads", "1"], in: dir,
                                  stdout: dir + "/b.out", stderr: dir + "/b.err")
                let codes = [a.wait().code, b.wait().code]
                #expect(codes.sorted() == [0, 2], "trial \(trial): exits \(codes)")
                let winner = codes[0] == 0 ? "1" : "2"
                let manifest = try String(contentsOfFile: out + "/run.json", encoding: .utf8)
                #expect(manifest.contains("\"seed\" : \"\(winner)\""), "trial \(trial): the manifest is not the winner's")
                let resumed = try ntmlife(["evolve", "--resume", out, "--generations", "2"], in: dir)
                #expect(resumed.status == 0, "\(resumed.stderr)")
            }
        }
    }

    @Test("A run in progress cannot be resumed by a second process")
    func locked() throws {
        try withTemporaryDirectory("fault") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(Self.evolve(world, dir + "/run"), in: dir).status == 0)
            let holder = try Child(["evolve", "--resume", dir + "/run", "--generations", "400"], in: dir)
            defer { holder.send(SIGKILL); _ = holder.wait() }
            // Wait until the holder is running (it has added generations to the stats).
            for _ in 0..<400 where ((try? String(contentsOfFile: dir + "/run/stats.csv", encoding: .utf8)) ?? "").split(separator: "\n").count < 6 {
                usleep(50_000)
            }
            let r = try ntmlife(["evolve", "--resume", dir + "/run", "--generations", "401"], in: dir)
            expectRefusal(r, naming: "in use by another ntmlife process")
        }
    }

    @Test("A directory from an older ntmlife with no checkpoint resumes from its beginning")
    func noCheckpoint() throws {
        try withTemporaryDirectory("fault") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(Self.evolve(world, dir + "/ref"), in: dir).status == 0)
            #expect(try ntmlife(Self.evolve(world, dir + "/run"), in: dir).status == 0)
            try FileManager.default.removeItem(atPath: dir + "/run/checkpoints")
            try FileManager.default.removeItem(atPath: dir + "/run/best")
            let again = try ntmlife(Self.evolve(world, dir + "/run"), in: dir)
            expectRefusal(again, naming: "--resume \(dir)/run")
            #expect(try ntmlife(["evolve", "--resume", dir + "/run"], in: dir).status == 0)
            #expect(try Self.outcome(dir + "/run") == Self.outcome(dir + "/ref"))
        }
    }
}

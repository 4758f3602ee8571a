import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld
import Testing

/// Expects a clean refusal: exit `status` (2 bad input, 1 runtime), `naming` on stderr, and
/// none of the marks of a crash.
func expectRefusal(_ r: RunResult, status: Int32 = 2, naming: String, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(r.status == status, "exit \(r.status): \(r.stderr)", sourceLocation: sourceLocation)
    #expect(r.stderr.contains(naming), "stderr does not name '\(naming)': \(r.stderr)", sourceLocation: sourceLocation)
    for mark in ["Fatal error", "Stack dump", "Assertion", "Illegal instruction", "NSCocoaErrorDomain", "error 1."] {
        #expect(!r.stderr.contains(mark), "stderr shows '\(mark)': \(r.stderr)", sourceLocation: sourceLocation)
    }
}

/// Every reproducer of issue 12, against the real executable: each bad input exits 2 (or 1)
/// with a message naming the file or argument, never a signal.
@Suite("Bad input: crafted files and arguments are refused, never crash (end to end)", .serialized)
struct BadInputTests {
    /// A 2-generation run of the tiny world in `dir/r`, and the world's path.
    static func run(in dir: String, extra: String = "") throws -> String {
        let world = writeTinyWorld(in: dir, extra: extra)
        let r = try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/r", "--threads", "1"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        return world
    }

    static func edit(_ path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(old), "\(path) has no '\(old)'")
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test("A genome header whose sensor_count would overflow the arithmetic (plain edit)")
    func sensorCountOverflow() throws {
        try withTemporaryDirectory("bad") { dir in
            let world = try Self.run(in: dir)
            let g = dir + "/r/best/gen-00001.genome.json"
            try Self.edit(g, "\"sensor_count\" : 20", "\"sensor_count\" : 9223372036854775807")
            expectRefusal(try ntmlife(["replay", g, "--world", world], in: dir), naming: g)
        }
    }

    @Test("A checkpoint with generation -1 (plain edit)")
    func negativeGeneration() throws {
        try withTemporaryDirectory("bad") { dir in
            _ = try Self.run(in: dir)
            let file = RunDirectory(path: dir + "/r").checkpointFile(2)
            try Self.edit(file, "\"generation\":2,", "\"generation\":-1,")
            expectRefusal(try ntmlife(["evolve", "--resume", dir + "/r", "--generations", "3"], in: dir), naming: file)
        }
    }

    @Test("Ecosystem checkpoints with negative counts or another world's genome (plain edits)",
          arguments: [("\"offspring\":[0-9]+", "\"offspring\":-5"), ("\"epoch\":[0-9]+", "\"epoch\":-2"),
                      ("\"tick\":[0-9]+", "\"tick\":-4"), ("\"non_finite\":[0-9]+", "\"non_finite\":-1"),
                      ("\"count\":[0-9]+", "\"count\":512")])
    func ecosystemCheckpoint(pattern: String, replacement: String) throws {
        try withTemporaryDirectory("bad") { dir in
            _ = try Self.run(in: dir, extra: Fixtures.tinyEcosystemTable)
            let file = RunDirectory(path: dir + "/r").checkpointFile(2)
            var text = try String(contentsOfFile: file, encoding: .utf8)
            let range = try #require(text.range(of: pattern, options: .regularExpression))
            text.replaceSubrange(range, with: replacement)
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            expectRefusal(try ntmlife(["evolve", "--resume", dir + "/r", "--generations", "3"], in: dir), naming: file)
        }
    }

    @Test("A checkpoint with a valid checksum holding a genome of another architecture")
    func foreignGenomeInCheckpoint() throws {
        try withTemporaryDirectory("bad") { dir in
            _ = try Self.run(in: dir)
            let rd = RunDirectory(path: dir + "/r")
            let experiment = try Experiment.load(path: rd.worldFile)
            var state = try rd.latestCheckpoint().state
            var other = experiment.world.architecture
            other.controllerWidth *= 2
            var rng = RandomStream.generator(1, .initial, 0)
            state.population[0] = Genome.random(other, using: &rng)
            try Checkpoint(state: state, world: experiment.world, setup: experiment.setup).fileData()
                .write(to: URL(fileURLWithPath: rd.checkpointFile(2)))
            expectRefusal(try ntmlife(["evolve", "--resume", rd.path, "--generations", "3"], in: dir), naming: rd.checkpointFile(2))
        }
    }

    @Test("Genomes with valid checksums and impossible records: generation -1, episodes 1e15, episodes -3",
          arguments: [(-1, 2), (1, 1_000_000_000_000_000), (1, -3)])
    func impossibleRecords(generation: Int, episodes: Int) throws {
        try withTemporaryDirectory("bad") { dir in
            let world = try Self.run(in: dir)
            var g = try Genome.load(from: dir + "/r/best/gen-00001.genome.json")
            g.evaluation!.generation = generation
            g.evaluation!.episodes = episodes
            let file = dir + "/crafted.genome.json"
            try g.save(to: file)
            expectRefusal(try ntmlife(["replay", file, "--world", world], in: dir), naming: file)
        }
    }

    @Test("A genome file giving one key twice")
    func duplicatedKey() throws {
        try withTemporaryDirectory("bad") { dir in
            let world = try Self.run(in: dir)
            let g = dir + "/r/best/gen-00001.genome.json"
            try Self.edit(g, "\"episodes\" : 2,", "\"episodes\" : 2, \"episodes\" : 3,")
            let r = try ntmlife(["replay", g, "--world", world], in: dir)
            expectRefusal(r, naming: g)
            #expect(r.stderr.contains("'episodes' appears twice"))
        }
    }

    @Test("Sizes no machine here can hold are refused before anything is allocated",
          arguments: [["--population", "1000000000"], ["--population", "9223372036854775807"], ["--population", "1000000"]])
    func sizes(arguments: [String]) throws {
        try withTemporaryDirectory("bad") { dir in
            let world = writeTinyWorld(in: dir)
            // 4 GB of address space: the documented maximum population cannot fit.
            let r = try ntmlife(["evolve", world, "--out", dir + "/r"] + arguments, in: dir,
                                launcher: ["/bin/sh", "-c", "ulimit -v 4000000; exec \"$@\"", "sh"])
            expectRefusal(r, naming: "--population" == arguments[0] && arguments[1] != "1000000" ? "--population" : "memory")
            #expect(!FileManager.default.fileExists(atPath: dir + "/r"))
        }
    }

    @Test("A brain too large for memory is refused with what it needs")
    func hugeBrain() throws {
        try withTemporaryDirectory("bad") { dir in
            let world = dir + "/huge.toml"
            try """
                [brain]
                controller_width = 4096
                key_width = 1024
                density = 64
                value_width = 256
                [episode]
                agents_per_arena = 512
                [evolution]
                population = 512
                """.write(toFile: world, atomically: true, encoding: .utf8)
            let r = try ntmlife(["evolve", world, "--out", dir + "/r"], in: dir)
            expectRefusal(r, naming: "GiB")
            #expect(!FileManager.default.fileExists(atPath: dir + "/r"))
        }
    }

    @Test("World files that are not TOML, or hold a NUL, or a name that escapes runs/",
          arguments: ["[[[ not toml\n", "[world]\nname = \"a\\u0000b\"\n", "[world]\nname = \"../../x\"\n", "[ =\n", "x = 1\n[\n"])
    func worldText(text: String) throws {
        try withTemporaryDirectory("bad") { dir in
            let world = dir + "/w.toml"
            try (String(contentsOfFile: Fixtures.tinyWorldPath, encoding: .utf8) + "\n" + text).write(toFile: world, atomically: true, encoding: .utf8)
            expectRefusal(try ntmlife(["evolve", world, "--out", dir + "/r"], in: dir), naming: world)
            #expect(!FileManager.default.fileExists(atPath: dir + "/r"))
        }
    }

    @Test("Geometry outside the arena is refused naming its key", arguments: [
        ("[arena]\nstart = [500.0, 500.0, 1.0]\nstart_heading = [0.0]\n", "arena.start"),
        ("[arena]\nstart = [20.0, 20.0, 5000.0]\n", "arena.start"),
        ("[[arena.wall]]\nx = 0.0\ny = 0.0\nwidth = 120.0\nheight = 120.0\n", "arena.wall"),
        ("[[arena.wall]]\nx = 9000.0\ny = 9000.0\n", "arena.wall"),
        ("[[hazard]]\nradius = 100.0\n", "hazard[0].radius"),
        ("[cue]\ngoal_a = [9000.0, 9000.0]\n", "cue.goal_a"),
        ("[nest]\nposition = [9000.0, 9000.0]\n", "nest.position"),
    ])
    func geometry(extra: String, key: String) throws {
        try withTemporaryDirectory("bad") { dir in
            // A world of defaults (a 120 × 120 arena) and the one table under test.
            let world = dir + "/g.toml"
            try extra.write(toFile: world, atomically: true, encoding: .utf8)
            expectRefusal(try ntmlife(["evolve", world, "--out", dir + "/r"], in: dir), naming: key)
        }
    }

    @Test("A world whose strings hold control characters runs, and its run directory resumes and replays")
    func controlCharacters() throws {
        try withTemporaryDirectory("bad") { dir in
            let world = try Self.run(in: dir, extra: "")
            try Self.edit(world, "description = \"A small world for tests.\"", "description = \"a\\nb\\u0001\\\"c\\\\\"")
            let r = try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/c", "--threads", "1"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(try Experiment.load(path: dir + "/c/world.toml").world.description == "a\nb\u{01}\"c\\")
            #expect(try ntmlife(["evolve", "--resume", dir + "/c", "--generations", "3"], in: dir).status == 0)
            #expect(try ntmlife(["replay", dir + "/c/best/gen-00001.genome.json", "--world", dir + "/c/world.toml"], in: dir).status == 0)
        }
    }

    @Test("A directory, a FIFO or a device given as a file is named as such")
    func notRegularFiles() throws {
        try withTemporaryDirectory("bad") { dir in
            let world = try Self.run(in: dir)
            let genome = dir + "/r/best/gen-00001.genome.json"
            try FileManager.default.createDirectory(atPath: dir + "/d.toml", withIntermediateDirectories: false)
            #expect(mkfifo(dir + "/fifo.toml", 0o644) == 0)
            for (args, named) in [(["evolve", dir + "/d.toml", "--out", dir + "/x"], "is a directory"),
                                  (["evolve", dir + "/fifo.toml", "--out", dir + "/x"], "not a regular file"),
                                  (["evolve", "/dev/null", "--out", dir + "/x"], "not a regular file"), (["replay", dir + "/d.toml"], "is a directory")] {
                expectRefusal(try ntmlife(args, in: dir), naming: named)
            }
            let trace = try ntmlife(["replay", genome, "--world", world, "--trace", dir + "/d.toml"], in: dir)
            expectRefusal(trace, status: 1, naming: "is a directory")
            let frames = try ntmlife(["replay", genome, "--world", world, "--frames", world], in: dir, environment: ["SDL_VIDEODRIVER=dummy"])
            expectRefusal(frames, naming: "is a file")
        }
    }

    @Test("--resume with fewer generations than the run has done is refused and changes nothing")
    func resumeBackwards() throws {
        try withTemporaryDirectory("bad") { dir in
            _ = try Self.run(in: dir)
            let manifest = try String(contentsOfFile: dir + "/r/run.json", encoding: .utf8)
            expectRefusal(try ntmlife(["evolve", "--resume", dir + "/r", "--generations", "1"], in: dir), naming: "--generations 1")
            #expect(try String(contentsOfFile: dir + "/r/run.json", encoding: .utf8) == manifest)
        }
    }

    @Test("Every error type reads as its sentence through localizedDescription")
    func localizedDescriptions() {
        let errors: [any Error & CustomStringConvertible] = [
            GenomeFileError(.malformed("x"), path: "g.json"), RunError.runtime("odd"),
            RunError.input("bad"), WorldFileError(file: "w.toml", line: 3, message: "odd"), FileAccessError(path: "p", message: "odd"),
        ]
        for e in errors { #expect((e as Error).localizedDescription == e.description) }
    }
}

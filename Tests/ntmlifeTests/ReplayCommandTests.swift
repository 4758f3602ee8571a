import Foundation
import NTMEvolution
import Testing

@Suite("ntmlife replay (end to end)", .serialized)
struct ReplayCommandTests {
    /// Evolves the tiny world for 3 generations in `dir` and returns the last champion's path.
    static func champion(in dir: String) throws -> String {
        let world = writeTinyWorld(in: dir)
        let r = try ntmlife(["evolve", world, "--generations", "3", "--out", dir + "/run"], in: dir)
        #expect(r.status == 0)
        return dir + "/run/best/gen-00002.genome.json"
    }

    static func trajectory(_ output: String) -> String? {
        output.split(separator: "\n").first { $0.hasPrefix("trajectory hash: ") }.map { String($0.dropFirst(17)) }
    }

    @Test("A champion saved by evolve replays to its recorded fitness bit for bit, and the same trajectory every time")
    func reproduces() throws {
        let dir = temporaryDirectory("replay")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let genome = try Self.champion(in: dir)
        let a = try ntmlife(["replay", genome], in: dir), b = try ntmlife(["replay", genome], in: "/")
        #expect(a.status == 0, "\(a.stderr)")
        #expect(a.stdout.contains("reproduced bit for bit"))
        #expect(Self.trajectory(a.stdout) != nil && Self.trajectory(a.stdout) == Self.trajectory(b.stdout))
    }

    @Test("A champion of the shipped world, copied out of its run directory, replays from anywhere against that world")
    func copiedChampionFindsShippedWorld() throws {
        try withTemporaryDirectory("copied") { dir in
            let run = try ntmlife(["evolve", "forage", "--seed", "2", "--population", "16", "--generations", "2",
                                   "--out", dir + "/run", "--threads", "2"], in: dir)
            #expect(run.status == 0, "\(run.stderr)")
            try FileManager.default.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: dir + "/run/best/gen-00001.genome.json", toPath: dir + "/elsewhere/champ.json")
            let r = try ntmlife(["replay", "champ.json"], in: dir + "/elsewhere")
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("Worlds/forage.toml") && r.stdout.contains("reproduced bit for bit"), "\(r.stdout)")
        }
    }

    @Test("Lesions change the trajectory of a champion that uses its tape, exit 0 and are not compared; wipe@0 is no lesion at all")
    func lesion() throws {
        let dir = temporaryDirectory("lesion")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let genome = try Self.champion(in: dir)
        let plain = try ntmlife(["replay", genome], in: dir)
        // The tape is empty at birth: wiping it once at tick 0 changes nothing.
        let wipedAtBirth = try ntmlife(["replay", genome, "--lesion", "wipe@0"], in: dir)
        #expect(Self.trajectory(plain.stdout) == Self.trajectory(wipedAtBirth.stdout))
        let wiped = try ntmlife(["replay", genome, "--lesion", "remove@0"], in: dir)
        #expect(wiped.status == 0, "\(wiped.stderr)")
        #expect(wiped.stdout.contains("intervention: lesion remove@0") && wiped.stdout.contains("not compared"))
        #expect(Self.trajectory(plain.stdout) != Self.trajectory(wiped.stdout))
        let midLife = try ntmlife(["replay", genome, "--lesion", "wipe@20"], in: dir)
        #expect(Self.trajectory(midLife.stdout) != Self.trajectory(plain.stdout))
        let frozen = try ntmlife(["replay", genome, "--lesion", "freeze@10"], in: dir)
        #expect(frozen.status == 0 && Self.trajectory(frozen.stdout) != Self.trajectory(plain.stdout))
        let shuffled = try ntmlife(["replay", genome, "--lesion", "shuffle-keys"], in: dir)
        let again = try ntmlife(["replay", genome, "--lesion", "shuffle-keys"], in: dir)
        #expect(shuffled.status == 0 && shuffled.stdout.contains("intervention: lesion shuffle-keys"))
        #expect(shuffled.stdout.contains("not compared"))
        #expect(Self.trajectory(shuffled.stdout) != Self.trajectory(plain.stdout))
        #expect(Self.trajectory(shuffled.stdout) != Self.trajectory(wiped.stdout))
        #expect(Self.trajectory(shuffled.stdout) == Self.trajectory(again.stdout))     // a lesion is deterministic too
    }

    @Test("--trace writes one CSV row per agent per tick with sensors, outputs, reads and gate")
    func trace() throws {
        let dir = temporaryDirectory("trace")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let genome = try Self.champion(in: dir)
        let r = try ntmlife(["replay", genome, "--trace", dir + "/t.csv"], in: dir)
        #expect(r.status == 0)
        let lines = try String(contentsOfFile: dir + "/t.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 2 * 40 * 4)          // header + episodes × ticks × agents
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(header.count == 9 + 20 + 23 + 4 + 1 + 7)  // body, sensors, outputs, reads, gate, hidden truth
        #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == header.count })
        // Every column is named by the sensor layout and the controller's output slots.
        #expect(Array(header[9..<13]) == ["sense.ray0.proximity", "sense.ray0.r", "sense.ray0.g", "sense.ray0.b"])
        #expect(Array(header[25..<29]) == ["sense.taste", "sense.energy", "sense.speed", "sense.pain"])
        #expect(Array(header[29..<31]) == ["out.turn", "out.thrust"] && header.contains("out.gate") && header.contains("out.value3"))
        #expect(Array(header[52...]) == ["read0", "read1", "read2", "read3", "applied_gate",
                                         "trial", "phase", "right_goal", "good_food", "offer", "decisions", "right_decisions"])
        // What the agent sensed at tick 0: full energy of 100 out of 200, nothing tasted yet.
        let first = lines[1].split(separator: ",").map(String.init)
        #expect(first[1] == "0" && first[header.firstIndex(of: "sense.energy")!] == "0.5" && first[header.firstIndex(of: "sense.taste")!] == "0.0")
    }

    @Test("--frames writes one PNG per tick and still reproduces the recorded fitness")
    func frames() throws {
        let dir = temporaryDirectory("frames")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let genome = try Self.champion(in: dir)
        let plain = try ntmlife(["replay", genome], in: dir)
        let r = try ntmlife(["replay", genome, "--frames", dir + "/frames"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("reproduced bit for bit"))
        #expect(Self.trajectory(r.stdout) == Self.trajectory(plain.stdout))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir + "/frames").sorted()
        #expect(files.count == 2 * 40)                            // episodes × ticks
        #expect(files.first == "e0-t00001.png" && files.last == "e1-t00040.png")
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/frames/" + files[0]))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test("A recorded fitness that does not reproduce exits 1 and says so")
    func notReproduced() throws {
        let dir = temporaryDirectory("mismatch")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.champion(in: dir)
        var g = try Genome.load(from: path)
        g.evaluation?.fitness += 1
        try g.save(to: path)
        let r = try ntmlife(["replay", path], in: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("NOT reproduced") && r.stderr.contains(path))
    }

    @Test("A corrupt genome, a wrong-architecture genome and a bad lesion each exit 2")
    func badInput() throws {
        let dir = temporaryDirectory("badgenome")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try Self.champion(in: dir)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: dir + "/cut.genome.json"))
        let cut = try ntmlife(["replay", dir + "/cut.genome.json"], in: dir)
        #expect(cut.status == 2 && cut.stderr.contains("cut.genome.json") && !cut.stderr.contains("Fatal"))
        let wrong = try ntmlife(["replay", path, "--world", "forage"], in: dir)
        #expect(wrong.status == 2 && wrong.stderr.contains("architecture"))
        let lesion = try ntmlife(["replay", path, "--lesion", "forget"], in: dir)
        #expect(lesion.status == 2 && lesion.stderr.contains("wipe@T"))
        let missing = try ntmlife(["replay", dir + "/none.genome.json"], in: dir)
        #expect(missing.status == 2)
    }
}

@Suite("ntmlife plot (end to end)", .serialized)
struct PlotCommandTests {
    @Test("plot RUN_DIR writes RUN_DIR/fitness.png; a non-run directory exits 2")
    func plot() throws {
        let dir = temporaryDirectory("plot")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReplayCommandTests.champion(in: dir)
        let r = try ntmlife(["plot", dir + "/run"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: dir + "/run/fitness.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let bad = try ntmlife(["plot", dir], in: dir)
        #expect(bad.status == 2 && bad.stderr.contains("not a run directory"))
    }
}

@Suite("ntmlife replay --video (end to end)", .serialized)
struct ReplayVideoTests {
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    @Test("The video has one frame per tick replayed, as ffprobe counts them")
    func frames() throws {
        guard let ffprobe = Self.tool("ffprobe"), Self.tool("ffmpeg") != nil else {
            // CI installs ffmpeg (.ci/setup); anywhere else its absence is reported, not hidden.
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "ffmpeg is missing; .ci/setup installs it")
            return
        }
        try withTemporaryDirectory("video") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(["evolve", world, "--generations", "1", "--out", dir + "/run"], in: dir).status == 0)
            let r = try ntmlife(["replay", dir + "/run/best/gen-00000.genome.json", "--video", dir + "/out.mp4"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.contains("reproduced bit for bit"), "the video changes nothing of the replay")
            let count = try NextStepTests.shell("'\(ffprobe)' -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 '\(dir)/out.mp4'", in: dir)
            let experiment = Fixtures.tinyExperiment()
            #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(experiment.setup.episodes * experiment.world.episode.ticks)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.contains(".tmp-") })
        }
    }

    @Test("V in the window records it: one frame per frame drawn between the two presses")
    func windowRecording() throws {
        guard let ffprobe = Self.tool("ffprobe"), Self.tool("ffmpeg") != nil else {
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "ffmpeg is missing; .ci/setup installs it")
            return
        }
        try withTemporaryDirectory("video") { dir in
            let world = writeTinyWorld(in: dir)
            try "5 key v\n35 key v\n36 key escape\n".write(toFile: dir + "/s.txt", atomically: true, encoding: .utf8)
            let r = try ntmlife(["watch", world, "--out", dir + "/run", "--script", dir + "/s.txt"], in: dir, environment: ["SDL_VIDEODRIVER=dummy"])
            #expect(r.status == 0, "\(r.stderr)")
            let video = dir + "/run/ntmlife-tiny-frame5.mp4"
            #expect(r.stdout.contains("wrote \(video)"), "\(r.stdout)")
            let count = try NextStepTests.shell("'\(ffprobe)' -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 '\(video)'", in: dir)
            #expect(count.output.trimmingCharacters(in: .whitespacesAndNewlines) == "30")
        }
    }

    @Test("--video into a directory that does not exist is refused before the replay runs, naming it")
    func videoDirectoryMissing() throws {
        try withTemporaryDirectory("video") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(["evolve", world, "--generations", "1", "--out", dir + "/run"], in: dir).status == 0)
            let r = try ntmlife(["replay", dir + "/run/best/gen-00000.genome.json", "--video", dir + "/missing/out.mp4"], in: dir)
            expectRefusal(r, status: 2, naming: "'\(dir)/missing' does not exist or is not writable")
            #expect(!FileManager.default.fileExists(atPath: dir + "/missing"))
        }
    }

    @Test("Without ffmpeg, --video says what to install and exits 1")
    func noFFmpeg() throws {
        try withTemporaryDirectory("video") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(["evolve", world, "--generations", "1", "--out", dir + "/run"], in: dir).status == 0)
            let r = try ntmlife(["replay", dir + "/run/best/gen-00000.genome.json", "--video", dir + "/out.mp4"], in: dir,
                                environment: ["PATH=/nonexistent"])
            expectRefusal(r, status: 1, naming: "apt-get install ffmpeg")
            #expect(!FileManager.default.fileExists(atPath: dir + "/out.mp4"))
        }
    }
}

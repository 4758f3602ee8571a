import Foundation
import Testing

/// The window, end to end: the real executable under SDL's `dummy` video driver (no
/// display needed) and, for the smoke test, a real X window under `xvfb-run`.
@Suite("ntmlife watch and replay --window (end to end)", .serialized)
struct WatchCommandTests {
    static let dummy = ["SDL_VIDEODRIVER=dummy"]

    static func script(_ text: String, in dir: String) -> String {
        let path = dir + "/input.txt"
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("A run evolved in the window writes the same champions as evolve, and resumes headless")
    func sameAsHeadless() throws {
        let dir = temporaryDirectory("watch-evolve")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        let headless = try ntmlife(["evolve", world, "--generations", "3", "--out", dir + "/headless"], in: dir)
        #expect(headless.status == 0, "\(headless.stderr)")
        let watched = try ntmlife(["watch", world, "--generations", "3", "--out", dir + "/watched", "--exit-when-done",
                                   "--script", Self.script("1 key +\n2 key +\n3 key +\n", in: dir)],
                                  in: dir, environment: Self.dummy)
        #expect(watched.status == 0, "\(watched.stderr)")
        #expect(watched.stdout.contains("continue headless: ") && watched.stdout.contains(" evolve --resume \(dir)/watched"))
        for g in 0..<3 {
            let name = "/best/gen-0000\(g).genome.json"
            let a = FileManager.default.contents(atPath: dir + "/headless" + name)
            let b = FileManager.default.contents(atPath: dir + "/watched" + name)
            #expect(a != nil && a == b, "champion of generation \(g)")
        }
        // The window's checkpoint resumes headless, and lands where the headless run does.
        let more = try ntmlife(["evolve", "--resume", dir + "/watched", "--generations", "4"], in: dir)
        #expect(more.status == 0, "\(more.stderr)")
        let again = try ntmlife(["evolve", "--resume", dir + "/headless", "--generations", "4"], in: dir)
        #expect(again.status == 0)
        let a = FileManager.default.contents(atPath: dir + "/headless/best/gen-00003.genome.json")
        let b = FileManager.default.contents(atPath: dir + "/watched/best/gen-00003.genome.json")
        #expect(a != nil && a == b)
    }

    @Test("watch continues a headless run's checkpoint, and F12 and S write a PNG and a genome")
    func continuesHeadlessRun() throws {
        let dir = temporaryDirectory("watch-resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        _ = try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/run"], in: dir)
        let r = try ntmlife(["watch", dir + "/run/checkpoints/gen-00002.ckpt", "--generations", "3", "--exit-when-done",
                             "--script", Self.script("2 key Tab\n3 key F12\n4 key s\n5 key +\n6 key +\n7 key +\n8 key +\n", in: dir)],
                            in: dir, environment: Self.dummy)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/run/best/gen-00002.genome.json"))
        let shot = r.stdout.split(separator: "\n").first { $0.hasPrefix("wrote ") && $0.hasSuffix(".png") }.map { String($0.dropFirst(6)) }
        let png = try #require(shot.flatMap { FileManager.default.contents(atPath: $0.hasPrefix("/") ? $0 : dir + "/" + $0) })
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // IHDR: width and height, big-endian, at bytes 16 and 20.
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1280 && height == 800)
        let saved = r.stdout.split(separator: "\n").first { $0.hasSuffix(".genome.json") }.map { String($0.dropFirst(6)) }
        let genome = try #require(saved)
        let replay = try ntmlife(["replay", genome.hasPrefix("/") ? genome : dir + "/" + genome], in: dir)
        #expect(replay.status == 0 && replay.stdout.contains("reproduced bit for bit"), "\(replay.stdout)\(replay.stderr)")
    }

    @Test("replay --window reproduces the recorded fitness and the headless trajectory hash")
    func replayWindow() throws {
        let dir = temporaryDirectory("replay-window")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let genome = try ReplayCommandTests.champion(in: dir)
        let headless = try ntmlife(["replay", genome], in: dir)
        let windowed = try ntmlife(["replay", genome, "--window",
                                    "--script", Self.script("3 key +\n4 key +\n5 key r\n9 key h\n12 key h\n", in: dir)],
                                   in: dir, environment: Self.dummy)
        #expect(windowed.status == 0, "\(windowed.stderr)")
        #expect(windowed.stdout.contains("reproduced bit for bit"))
        let h = ReplayCommandTests.trajectory(headless.stdout)
        #expect(h != nil && h == ReplayCommandTests.trajectory(windowed.stdout))
    }

    @Test("A corrupt or wrong-architecture genome given to watch is a clear error (exit 2)")
    func badGenome() throws {
        let dir = temporaryDirectory("watch-bad")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let genome = try ReplayCommandTests.champion(in: dir)
        try "{ not json".write(toFile: dir + "/corrupt.genome.json", atomically: true, encoding: .utf8)
        let corrupt = try ntmlife(["watch", "--genome", dir + "/corrupt.genome.json"], in: dir, environment: Self.dummy)
        #expect(corrupt.status == 2 && corrupt.stderr.contains("corrupt.genome.json"), "\(corrupt.stderr)")
        let wrong = try ntmlife(["watch", "forage", "--genome", genome], in: dir, environment: Self.dummy)
        #expect(wrong.status == 2 && wrong.stderr.contains("architecture"), "\(wrong.stderr)")
        let badScript = try ntmlife(["watch", "--genome", genome, "--script", Self.script("10 key nosuchkey\n", in: dir)],
                                    in: dir, environment: Self.dummy)
        #expect(badScript.status == 2 && badScript.stderr.contains("input.txt:1"), "\(badScript.stderr)")
    }

    /// A real X server (Xvfb), the real window, a few hundred ticks of synthetic keys, clicks,
    /// wheel and drags, then Esc: the process must exit 0.
    @Test("No display: watch and replay --window exit 1 with what to do, and create nothing")
    func noDisplay() throws {
        try withTemporaryDirectory("nodisplay") { dir in
            let world = writeTinyWorld(in: dir)
            let headless = ["DISPLAY=", "WAYLAND_DISPLAY=", "SDL_VIDEODRIVER="]
            let r = try ntmlife(["watch", world, "--out", dir + "/run"], in: dir, environment: headless)
            #expect(r.status == 1, "\(r.stderr)")
            #expect(r.stderr.contains("no display") || r.stderr.contains("cannot start SDL video"), "\(r.stderr)")
            #expect(r.stderr.contains("xvfb-run") && r.stderr.contains("SDL_VIDEODRIVER=dummy"))
            #expect(!FileManager.default.fileExists(atPath: dir + "/run"))
            #expect(try ntmlife(["evolve", world, "--generations", "1", "--out", dir + "/g"], in: dir).status == 0)
            let replay = try ntmlife(["replay", dir + "/g/best/gen-00000.genome.json", "--window"], in: dir, environment: headless)
            #expect(replay.status == 1 && replay.stderr.contains("xvfb-run"), "\(replay.stderr)")
        }
    }

    @Test("Smoke test: a real window under xvfb-run, input events, a clean exit")
    func xvfbSmoke() throws {
        let xvfb = "/usr/bin/xvfb-run"
        guard FileManager.default.isExecutableFile(atPath: xvfb) else {
            // CI installs xvfb (.ci/setup); anywhere else its absence is reported, not hidden.
            #expect(ProcessInfo.processInfo.environment["CI"] == nil, "xvfb-run is missing; .ci/setup installs it")
            return
        }
        let dir = temporaryDirectory("xvfb")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        let events = """
            2 key +
            3 key +
            10 click 300 300
            20 wheel 3 400 400
            30 drag 400 400 300 350
            40 key Tab
            50 key space
            51 key .
            52 key .
            53 key space
            60 key r
            70 key h
            80 key h
            90 key l
            100 key 0
            110 key -
            200 key Escape
            """
        let r = try ntmlife(["watch", world, "--out", dir + "/run", "--script", Self.script(events, in: dir)],
                            in: dir, launcher: [xvfb, "-a", "-s", "-screen 0 1600x1000x24"])
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("closed after") }, "\(r.stdout)")
        // "closed after F frames, N ticks on screen: …". Two speed-ups (×4) over ~200 frames: several hundred ticks.
        let words = line.split(separator: " ")
        let index = try #require(words.firstIndex(of: "ticks"), "\(line)")
        let n = try #require(Int(words[index - 1]), "\(line)")
        #expect(n >= 300, "\(line)")
    }
}

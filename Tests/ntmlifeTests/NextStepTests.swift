import Foundation
import Testing

/// Every command the tool prints as a next step runs as printed, in a shell, from the
/// directory the user was in: the tool is named as it was invoked, paths are quoted.
@Suite("Printed next steps run as printed (end to end)", .serialized)
struct NextStepTests {
    /// The commands after "replay it: ", "resume with: ", "judge it …: " and "continue headless: ".
    static func nextSteps(in output: String) -> [String] {
        let markers = ["replay it: ", "resume with: ", "judge it on held-out episodes: ", "(continue headless: "]
        return output.split(separator: "\n").compactMap { line -> String? in
            for m in markers {
                guard let r = line.range(of: m) else { continue }
                var command = String(line[r.upperBound...])
                if m.hasPrefix("(") { command = String(command.dropLast()) }
                return command
            }
            return nil
        }
    }

    /// Runs `command` with `sh -c` in `dir` (PATH without the build directory).
    static func shell(_ command: String, in dir: String) throws -> (status: Int32, output: String) {
        let out = dir + "/shell.out"
        let child = try Child(argv: ["/bin/sh", "-c", "cd \"$0\" && exec sh -c \"$1\"", dir, command], stdout: out, stderr: nil)
        return (child.wait().code, (try? String(contentsOfFile: out, encoding: .utf8)) ?? "")
    }

    @Test("After evolve (a run in a directory whose name needs quoting), each printed command runs")
    func evolve() throws {
        try withTemporaryDirectory("next") { dir in
            let world = writeTinyWorld(in: dir)
            let r = try ntmlife(["evolve", world, "--generations", "2", "--out", "my run"], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
            let steps = Self.nextSteps(in: r.stdout)
            #expect(steps.count == 2, "\(r.stdout)")
            for step in steps {
                let s = try Self.shell(step, in: dir)
                #expect(s.status == 0, "`\(step)` exited \(s.status): \(s.output)")
            }
        }
    }

    @Test("After an interrupted evolve and a watch, the printed resume commands run")
    func resumeCommands() throws {
        try withTemporaryDirectory("next") { dir in
            let world = writeTinyWorld(in: dir)
            let child = try Child(["evolve", world, "--generations", "400", "--out", dir + "/run"], in: dir,
                                  stdout: dir + "/stdout", stderr: dir + "/stderr")
            while ((try? String(contentsOfFile: dir + "/run/stats.csv", encoding: .utf8)) ?? "").split(separator: "\n").count < 3 { usleep(20_000) }
            child.send(SIGINT)
            #expect(child.wait().code == 130)
            let printed = try String(contentsOfFile: dir + "/stdout", encoding: .utf8)
            let steps = Self.nextSteps(in: printed)
            #expect(steps.count == 1, "\(printed)")
            let watched = try ntmlife(["watch", world, "--generations", "1", "--out", dir + "/w", "--exit-when-done"], in: dir,
                                      environment: ["SDL_VIDEODRIVER=dummy"])
            let more = Self.nextSteps(in: watched.stdout)
            #expect(more.count == 1, "\(watched.stdout)")
            // Resume to one generation beyond what the interrupted run finished (as many as
            // stats.csv has rows), so the test stays short whatever the machine's speed.
            let done = try String(contentsOfFile: dir + "/run/stats.csv", encoding: .utf8).split(separator: "\n").count - 1
            for step in steps.map({ $0 + " --generations \(done + 1)" }) + more {
                let s = try Self.shell(step, in: dir)
                #expect(s.status == 0, "`\(step)` exited \(s.status): \(s.output)")
            }
        }
    }
}

@Suite("A copied binary, run from /, needs nothing beside it (end to end)")
struct CopiedBinaryTests {
    @Test("It lists and evolves the shipped worlds and draws a plot with no environment variables")
    func fromRoot() throws {
        try withTemporaryDirectory("copied") { dir in
            let tool = dir + "/bin/ntmlife"
            // Copied by `cp` in a shell, not by this multi-threaded process (see ProvenanceTests).
            let copy = try NextStepTests.shell("mkdir -p '\(dir)/bin' && cp '\(productsDirectory.appendingPathComponent("ntmlife").path)' '\(tool)'", in: dir)
            #expect(copy.status == 0, "\(copy.output)")
            let bare = "env -u NTMLIFE_WORLDS -u NTMLIFE_ASSETS"
            let worlds = try NextStepTests.shell("\(bare) '\(tool)' worlds", in: "/")
            #expect(worlds.status == 0, "\(worlds.output)")
            for name in Fixtures.shippedWorlds { #expect(worlds.output.contains(name)) }
            let evolve = try NextStepTests.shell("\(bare) '\(tool)' evolve forage --generations 2 --population 8 --out '\(dir)/run'", in: "/")
            #expect(evolve.status == 0, "\(evolve.output)")
            let plot = try NextStepTests.shell("\(bare) '\(tool)' plot '\(dir)/run'", in: "/")
            #expect(plot.status == 0, "\(plot.output)")
            #expect(FileManager.default.fileExists(atPath: dir + "/run/fitness.png"))
        }
    }
}

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

@Suite("Provenance: run.json names the build's revision (end to end)")
struct ProvenanceTests {
    static func revision(_ runJSON: String) throws -> String {
        let m = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runJSON))) as! [String: Any]
        return m["git_revision"] as! String
    }

    @Test("Started inside another git repository, the run records the revision of the checkout ntmlife was built in; a copy outside any checkout says unknown")
    func buildRevision() throws {
        try withTemporaryDirectory("prov") { dir in
            let world = writeTinyWorld(in: dir)
            let other = try NextStepTests.shell("git init -q . && git -c user.email=a@b -c user.name=t commit -q --allow-empty -m x && git rev-parse HEAD", in: dir)
            #expect(other.status == 0, "\(other.output)")
            let checkout = Fixtures.worldsDirectory.replacingOccurrences(of: "/Worlds", with: "")
            let ours = try NextStepTests.shell("git -C '\(checkout)' rev-parse HEAD", in: dir)
            #expect(try ntmlife(["evolve", world, "--generations", "1", "--out", dir + "/run"], in: dir).status == 0)
            let recorded = try Self.revision(dir + "/run/run.json")
            #expect(recorded.hasPrefix(ours.output.trimmingCharacters(in: .whitespacesAndNewlines)), "\(recorded)")
            #expect(!recorded.hasPrefix(other.output.trimmingCharacters(in: .whitespacesAndNewlines).suffix(40)))

            // Copied by `cp` in the shell that runs it: a copy written by this (multi-threaded)
            // test process could be held open by a child another test spawns meanwhile, and
            // exec would fail with ETXTBSY.
            let source = productsDirectory.appendingPathComponent("ntmlife").path
            let copied = try NextStepTests.shell("cp '\(source)' '\(dir)/copied' && '\(dir)/copied' evolve '\(world)' --generations 1 --out '\(dir)/run2'", in: dir)
            #expect(copied.status == 0, "\(copied.output)")
            #expect(try Self.revision(dir + "/run2/run.json") == "unknown")
        }
    }
}

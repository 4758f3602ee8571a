import Foundation
import NTMEvolution
import NTMWorld
import Testing

@Suite("ntmlife evolve and worlds (end to end)", .serialized)
struct EvolveCommandTests {
    static func finalHash(_ runDir: String) throws -> String {
        try RunDirectory(path: runDir).latestCheckpoint().state.populationHash
    }

    @Test("A run writes the run directory and says where the champion is")
    func runDirectory() throws {
        let dir = temporaryDirectory("evolve")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        let r = try ntmlife(["evolve", world, "--generations", "3", "--out", dir + "/run", "--threads", "1"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("champion: \(dir)/run/best/gen-00002.genome.json"))
        let stats = try String(contentsOfFile: dir + "/run/stats.csv", encoding: .utf8).split(separator: "\n")
        #expect(stats.count == 4 && stats[0].hasPrefix("generation,best,mean,median"))
        for g in 0..<3 { #expect(FileManager.default.fileExists(atPath: dir + "/run/best/gen-0000\(g).genome.json")) }
        let champion = try Genome.load(from: dir + "/run/best/gen-00002.genome.json")
        #expect(champion.evaluation?.generation == 2)
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/run/run.json"))) as! [String: Any]
        for key in ["version", "git_revision", "command_line", "seed", "world_hash", "started", "finished"] {
            #expect(manifest[key] != nil, "run.json lacks \(key)")
        }
        #expect(try String(contentsOfFile: dir + "/run/world.toml", encoding: .utf8).contains("controller_width = 32"))
        #expect(r.stderr.contains("generation 2 (3 of 3)"), "numbered from 0 like the files; the count done in brackets")
    }

    @Test("--threads 1 and --threads 2 give the identical final population")
    func threadsIdentical() throws {
        let dir = temporaryDirectory("threads")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        for t in ["1", "2"] {
            let r = try ntmlife(["evolve", world, "--generations", "3", "--threads", t, "--out", dir + "/t\(t)"], in: dir)
            #expect(r.status == 0)
        }
        #expect(try Self.finalHash(dir + "/t1") == Self.finalHash(dir + "/t2"))
    }

    @Test("Stopped at generation 2 and resumed to 4 equals an uninterrupted run to 4")
    func resume() throws {
        let dir = temporaryDirectory("resume")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        #expect(try ntmlife(["evolve", world, "--generations", "4", "--out", dir + "/a"], in: dir).status == 0)
        #expect(try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/b"], in: dir).status == 0)
        let resumed = try ntmlife(["evolve", "--resume", dir + "/b", "--generations", "4"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Self.finalHash(dir + "/a") == Self.finalHash(dir + "/b"))
        let stats = try String(contentsOfFile: dir + "/b/stats.csv", encoding: .utf8).split(separator: "\n")
        #expect(stats.count == 5)
    }

    @Test("SIGKILL mid-run leaves a resumable directory with no half-written file")
    func sigkill() throws {
        let dir = temporaryDirectory("kill")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        let run = dir + "/run"
        let p = try Child(["evolve", world, "--generations", "100000", "--out", run, "--threads", "2"])
        let deadline = Date().addingTimeInterval(60)
        while RunDirectory(path: run).checkpointGenerations().last ?? 0 < 4 && Date() < deadline { usleep(20_000) }
        p.send(SIGKILL)
        #expect(p.wait().signal == SIGKILL)

        // Every file present is whole.
        let rd = RunDirectory(path: run)
        for g in rd.checkpointGenerations() { _ = try Checkpoint.load(from: rd.checkpointFile(g)) }
        for name in try FileManager.default.contentsOfDirectory(atPath: rd.bestDirectory) where name.hasSuffix(".genome.json") {
            _ = try Genome.load(from: rd.bestDirectory + "/" + name)
        }
        let rows = try String(contentsOfFile: rd.statsFile, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(rows.allSatisfy { GenerationStats(csvRow: String($0)) != nil })

        // And it resumes to the same place as a run that was never killed.
        let k = try rd.latestCheckpoint().state.generation
        let resumed = try ntmlife(["evolve", "--resume", run, "--generations", "\(k + 2)"], in: dir)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try ntmlife(["evolve", world, "--generations", "\(k + 2)", "--out", dir + "/straight"], in: dir).status == 0)
        #expect(try Self.finalHash(run) == Self.finalHash(dir + "/straight"))
    }

    @Test("Ctrl-C writes a checkpoint, exits 130, and the run resumes")
    func sigint() throws {
        let dir = temporaryDirectory("int")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        let run = dir + "/run"
        let p = try Child(["evolve", world, "--generations", "100000", "--out", run])
        let deadline = Date().addingTimeInterval(60)
        while RunDirectory(path: run).checkpointGenerations().last ?? 0 < 2 && Date() < deadline { usleep(20_000) }
        p.send(SIGINT)
        #expect(p.wait().code == 130)
        let k = try RunDirectory(path: run).latestCheckpoint().state.generation
        #expect(k >= 2)
        #expect(try ntmlife(["evolve", "--resume", run, "--generations", "\(k + 1)"], in: dir).status == 0)
    }

    @Test("Bad world files exit 2 with the file, line and key", arguments: [
        ("[arena]\nwidth = = 3\n", "tiny-bad.toml:2: TOML syntax error"),
        ("[body]\nrays = 4\nrnage = 3.0\n", "tiny-bad.toml:3: 'body.rnage': unknown key"),
        ("[episode]\nticks = \"long\"\n", "tiny-bad.toml:2: 'episode.ticks': should be an integer"),
        ("[brain]\ncontroller_width = 100\n", "tiny-bad.toml:2: 'brain.controller_width': is 100; accepted: a power of two"),
    ])
    func badWorld(text: String, message: String) throws {
        let dir = temporaryDirectory("badworld")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try text.write(toFile: dir + "/tiny-bad.toml", atomically: true, encoding: .utf8)
        let r = try ntmlife(["evolve", "tiny-bad.toml", "--out", dir + "/run"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(message), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/run"))
    }

    @Test("A missing world exits 2 and lists the shipped worlds")
    func missingWorld() throws {
        let r = try ntmlife("evolve", "no-such-world")
        #expect(r.status == 2)
        #expect(r.stderr.contains("no world named 'no-such-world'") && r.stderr.contains("forage"))
        let path = try ntmlife("evolve", "/nonexistent/w.toml")
        #expect(path.status == 2 && path.stderr.contains("/nonexistent/w.toml"))
    }

    @Test("A corrupt checkpoint exits 2, names the file, and damages nothing")
    func corruptCheckpoint() throws {
        let dir = temporaryDirectory("corrupt")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir)
        #expect(try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/run"], in: dir).status == 0)
        let rd = RunDirectory(path: dir + "/run")
        let newest = rd.checkpointFile(rd.checkpointGenerations().last!)
        let data = try Data(contentsOf: URL(fileURLWithPath: newest))
        try data.prefix(data.count - 40).write(to: URL(fileURLWithPath: newest))
        func snapshot() throws -> [String: Data] {
            var all: [String: Data] = [:]
            // The lock records who holds it, not the run.
            for f in FileManager.default.enumerator(atPath: rd.path)!.compactMap({ $0 as? String }) where f != ".lock" {
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: rd.path + "/" + f, isDirectory: &isDir), !isDir.boolValue {
                    all[f] = try Data(contentsOf: URL(fileURLWithPath: rd.path + "/" + f))
                }
            }
            return all
        }
        let before = try snapshot()
        let r = try ntmlife(["evolve", "--resume", rd.path, "--generations", "4"], in: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains(newest), "\(r.stderr)")
        #expect(try snapshot() == before)
    }

    @Test("An ecosystem run stopped and resumed equals one that never stopped")
    func ecosystemResume() throws {
        let dir = temporaryDirectory("eco")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let world = writeTinyWorld(in: dir, extra: Fixtures.tinyEcosystemTable)
        #expect(try ntmlife(["evolve", world, "--generations", "4", "--out", dir + "/a"], in: dir).status == 0)
        #expect(try ntmlife(["evolve", world, "--generations", "2", "--out", dir + "/b"], in: dir).status == 0)
        let r = try ntmlife(["evolve", "--resume", dir + "/b", "--generations", "4"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("done: 4 epochs"))
        let e = try Experiment.load(path: dir + "/a/world.toml")
        let (a, _) = try EcosystemCheckpoint.load(from: RunDirectory(path: dir + "/a").checkpointFile(4), spec: e.world, setup: e.setup)
        let (b, statsB) = try EcosystemCheckpoint.load(from: RunDirectory(path: dir + "/b").checkpointFile(4), spec: e.world, setup: e.setup)
        #expect(a.stateHash == b.stateHash)
        #expect(statsB.count == 4)
    }

    @Test("--resume cannot change how the run was set up", arguments: [
        (["forage"], "WORLD"), (["--population", "8"], "--population"), (["--seed", "3"], "--seed"),
        (["--memory", "off"], "--memory"), (["--out", "/tmp/elsewhere"], "--out"),
    ])
    func resumeConflicts(extra: [String], named: String) throws {
        let r = try ntmlife(["evolve", "--resume", "/tmp/x"] + extra, in: nil)
        #expect(r.status == 2 && r.stderr.contains("cannot be combined with \(named)"), "\(r.stderr)")
    }

    @Test("ntmlife worlds lists every shipped world with its description")
    func worlds() throws {
        let r = try ntmlife("worlds")
        #expect(r.status == 0)
        for name in Fixtures.shippedWorlds {
            #expect(r.stdout.contains(name))
        }
        #expect(r.stdout.contains("(default)"))
    }

    @Test("Every shipped world runs a few generations and writes stats.csv",
          arguments: Fixtures.shippedWorlds)
    func shippedWorldsRun(world: String) throws {
        let dir = temporaryDirectory("ship")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ntmlife(["evolve", world, "--generations", "2", "--population", "8", "--out", dir + "/run"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let stats = try String(contentsOfFile: dir + "/run/stats.csv", encoding: .utf8).split(separator: "\n")
        #expect(stats.count == 3)
    }
}

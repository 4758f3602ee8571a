import Foundation
import NTMEvolution
import NTMTestSupport
import Testing

/// `evaluate` and `study`, end to end, on the tiny world of trials.
@Suite("ntmlife evaluate and study (end to end)", .serialized)
struct StudyCommandTests {
    static func study(_ dir: String, _ extra: [String]) throws -> RunResult {
        let world = Fixtures.copy(Fixtures.tinyCuePath, into: dir)
        return try ntmlife(["study", world, "--seeds", "2", "--generations", "3", "--episodes", "4"] + extra, in: dir)
    }

    @Test("evaluate: fresh episodes, fitness and decision accuracy with intervals and the chance level; --json")
    func evaluate() throws {
        try withTemporaryDirectory("evaluate") { dir in
            let world = Fixtures.copy(Fixtures.tinyCuePath, into: dir)
            #expect(try ntmlife(["evolve", world, "--out", dir + "/run"], in: dir).status == 0)
            let hall = dir + "/run/hall-of-fame.genome.json"
            let text = try ntmlife(["evaluate", hall, "--episodes", "6"], in: dir)
            #expect(text.status == 0, "\(text.stderr)")
            #expect(text.stdout.contains("6 held-out episodes") && text.stdout.contains("95% CI") && text.stdout.contains("chance 0.5"), "\(text.stdout)")
            let json = try ntmlife(["evaluate", hall, "--episodes", "6", "--json", "--memory", "off", "--lesion", "remove@3"], in: dir)
            #expect(json.status == 0, "\(json.stderr)")
            let record = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
            #expect(record["episodes"] as? Int == 6 && record["memory"] as? String == "off" && record["lesion"] as? String == "remove@3")
            let decisions = try #require(record["decisions"] as? [String: Any])
            #expect(decisions["made"] as? Int == 18 && decisions["chance"] as? Double == 0.5 && decisions["kind"] as? String == "cued-goal")
            #expect((record["fitness_ci95"] as? [Double])?.count == 2)
            let bad = try ntmlife(["evaluate", hall, "--lesion", "cut@3"], in: dir)
            #expect(bad.status == 2 && bad.stderr.contains("--lesion"), "\(bad.stderr)")
        }
    }

    @Test("study: without the font its picture needs it fails at once (exit 1, naming NTMLIFE_ASSETS), before any run")
    func studyNeedsAssetsFirst() throws {
        try withTemporaryDirectory("study-assets") { dir in
            let world = Fixtures.copy(Fixtures.tinyCuePath, into: dir)
            let r = try ntmlife(["study", world, "--seeds", "1", "--generations", "2", "--out", dir + "/s"], in: dir,
                                environment: ["NTMLIFE_ASSETS=" + dir + "/no-such-assets"])
            #expect(r.status == 1 && r.stderr.contains("NTMLIFE_ASSETS") && r.stderr.contains("study.png"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/s"))
            #expect(!r.stderr.contains("Fatal") && !r.stderr.contains("Stack"))
        }
    }

    @Test("study: a run per (condition, seed), champions.csv with exactly its columns, a report, a picture; 1 and 2 threads agree")
    func study() throws {
        try withTemporaryDirectory("study") { dir in
            let one = try Self.study(dir, ["--out", dir + "/s1", "--threads", "1"])
            #expect(one.status == 0, "\(one.stderr)")
            let csv = try String(contentsOfFile: dir + "/s1/champions.csv", encoding: .utf8)
            let lines = csv.split(separator: "\n")
            #expect(lines[0] == "condition,seed,generations,heldout_episodes,heldout_fitness,decisions,decision_accuracy,lesioned_decision_accuracy,chance")
            #expect(lines.count == 5)
            #expect(lines.dropFirst().map { $0.split(separator: ",")[0] } == ["full", "full", "off", "off"])
            #expect(lines.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 9 })
            for run in ["full-seed1", "full-seed2", "off-seed1", "off-seed2"] {
                #expect(FileManager.default.fileExists(atPath: dir + "/s1/runs/\(run)/hall-of-fame.genome.json"), "\(run)")
            }
            let report = try String(contentsOfFile: dir + "/s1/report.md", encoding: .utf8)
            #expect(report.contains("Mann–Whitney") && report.contains("Cliff's delta") && report.contains("## Verdict"))
            let png = try #require(FileManager.default.contents(atPath: dir + "/s1/study.png"))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
            #expect(one.stderr.contains("runs 4/4"))
            let two = try Self.study(dir, ["--out", dir + "/s2", "--threads", "2"])
            #expect(two.status == 0)
            #expect(try String(contentsOfFile: dir + "/s2/champions.csv", encoding: .utf8) == csv)
            // A second study into the same directory is refused; bad arguments name themselves.
            let again = try Self.study(dir, ["--out", dir + "/s1"])
            #expect(again.status == 2 && again.stderr.contains("--resume"), "\(again.stderr)")
            let seeds = try ntmlife(["study", "tiny", "--seeds", "3-1"], in: dir)
            #expect(seeds.status == 2 && seeds.stderr.contains("--seeds"))
            let conditions = try ntmlife(["study", "tiny", "--conditions", "full,sometimes"], in: dir)
            #expect(conditions.status == 2 && conditions.stderr.contains("--conditions"))
        }
    }

    @Test("A study stopped part-way resumes without redoing finished runs and ends where an unstopped one does")
    func resume() throws {
        try withTemporaryDirectory("study-resume") { dir in
            let world = Fixtures.copy(Fixtures.tinyCuePath, into: dir)
            let args = ["study", world, "--seeds", "2", "--generations", "60", "--episodes", "4", "--threads", "1"]
            #expect(try ntmlife(args + ["--out", dir + "/straight"], in: dir).status == 0)
            let p = try Child(args + ["--out", dir + "/stopped"], in: dir)
            let first = RunDirectory(path: dir + "/stopped/runs/full-seed1")
            let deadline = Date().addingTimeInterval(60)
            while (first.checkpointGenerations().last ?? 0) < 3 && Date() < deadline { usleep(10_000) }
            p.send(SIGINT)
            #expect(p.wait().code == 130)
            #expect(!FileManager.default.fileExists(atPath: dir + "/stopped/champions.csv"))
            let resumed = try ntmlife(["study", "--resume", dir + "/stopped"], in: dir)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let a = try String(contentsOfFile: dir + "/straight/champions.csv", encoding: .utf8)
            let b = try String(contentsOfFile: dir + "/stopped/champions.csv", encoding: .utf8)
            #expect(a == b)
        }
    }
}

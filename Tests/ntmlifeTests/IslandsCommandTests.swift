import Foundation
import Testing

/// The island model end to end, with the local executor: migration through `evolve`, the
/// same champions from the same arguments whatever is killed, and the errors.
@Suite("ntmlife islands and evolve's migration options")
struct IslandsCommandTests {
    static let islandArguments = ["--islands", "3", "--migrate-every", "3", "--migrants", "2", "--generations", "9", "--seed", "4"]

    @Test("evolve --emigrants writes the k best champions ranked on fresh episodes; --immigrants-at takes them in once")
    func migrationThroughEvolve() throws {
        try withTemporaryDirectory("migrate") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife("evolve", world, "--generations", "3", "--seed", "1", "--out", dir + "/a").status == 0)
            let sent = try ntmlife("evolve", "--resume", dir + "/a", "--emigrants", "2")
            #expect(sent.status == 0 && sent.stdout.contains("emigrants: 2 in \(dir)/a/emigrants/gen-00003"), "\(sent.stdout)\(sent.stderr)")
            let files = (1...2).map { "\(dir)/a/emigrants/gen-00003/rank-\($0).genome.json" }
            let fitness = try files.map { try genomeFitness($0) }
            #expect(fitness[0] >= fitness[1], "ranked best first: \(fitness)")

            #expect(try ntmlife("evolve", world, "--generations", "2", "--seed", "2", "--out", dir + "/b").status == 0)
            #expect(try ntmlife("evolve", world, "--generations", "2", "--seed", "2", "--out", dir + "/c").status == 0)
            let taken = try ntmlife(["evolve", "--resume", dir + "/b", "--generations", "4", "--immigrants-at", "2"]
                                    + files.flatMap { ["--immigrants", $0] }, in: nil)
            #expect(taken.status == 0 && taken.stdout.contains("took in 2 immigrants at generation 2"), "\(taken.stdout)\(taken.stderr)")
            #expect(try ntmlife("evolve", "--resume", dir + "/c", "--generations", "4").status == 0)
            let (withImmigrants, without) = (try String(contentsOfFile: dir + "/b/stats.csv", encoding: .utf8),
                                             try String(contentsOfFile: dir + "/c/stats.csv", encoding: .utf8))
            #expect(withImmigrants != without, "immigrants change the generations after they arrive")

            // Past generation 2, the same option is a no-op: the run took them in before.
            let again = try ntmlife(["evolve", "--resume", dir + "/b", "--generations", "5", "--immigrants-at", "2"]
                                    + files.flatMap { ["--immigrants", $0] }, in: nil)
            #expect(again.status == 0 && !again.stdout.contains("took in"))
            let early = try ntmlife(["evolve", "--resume", dir + "/b", "--generations", "9", "--immigrants-at", "7", "--immigrants", files[0]], in: nil)
            #expect(early.status != 0 && early.stderr.contains("stands at generation 5"), "\(early.stderr)")
            let missing = try ntmlife("evolve", "--resume", dir + "/b", "--immigrants-at", "5", "--immigrants", dir + "/none.genome.json")
            #expect(missing.status == 2 && missing.stderr.contains("--immigrants") && missing.stderr.contains("none.genome.json"), "\(missing.stderr)")
            let alone = try ntmlife("evolve", "--resume", dir + "/b", "--immigrants", files[0])
            #expect(alone.status == 2 && alone.stderr.contains("--immigrants-at"), "\(alone.stderr)")
        }
    }

    @Test("The same arguments give byte-identical champions on every island, with a task killed mid-run, and after the whole command is killed and resumed")
    func deterministicWhateverIsKilled() throws {
        try withTemporaryDirectory("islands") { dir in
            let world = writeTinyWorld(in: dir)
            let clean = try ntmlife(["islands", world, "--out", dir + "/clean"] + Self.islandArguments, in: nil)
            #expect(clean.status == 0, "\(clean.stdout)\(clean.stderr)")
            #expect(clean.stdout.contains("island 2: champion"))
            let reference = islandChampions(dir + "/clean", islands: 3)
            #expect(reference.allSatisfy { $0 != nil })

            // Fewer checkpoints change no champion.
            #expect(try ntmlife(["islands", world, "--out", dir + "/sparse", "--checkpoint-every", "2"] + Self.islandArguments, in: nil).status == 0)
            #expect(islandChampions(dir + "/sparse", islands: 3) == reference)

            // A task's process SIGKILLed in the second segment: the executor starts it again.
            let child = try Child(["islands", world, "--out", dir + "/task-killed"] + Self.islandArguments,
                                  stdout: dir + "/task.out", stderr: dir + "/task.err")
            let killed = killFirstProcess(with: ["evolve", "--resume", dir + "/task-killed/island-1", "--generations 6"])
            #expect(child.wait().code == 0)
            #expect(killed, "no island task was caught running to kill")
            #expect(try String(contentsOfFile: dir + "/task.err", encoding: .utf8).contains("was killed (signal 9); starting it again"))
            #expect(islandChampions(dir + "/task-killed", islands: 3) == reference)

            // The islands command itself SIGKILLed mid-run (its tasks die with it), then resumed.
            let whole = try Child(["islands", world, "--out", dir + "/whole-killed"] + Self.islandArguments)
            _ = killFirstProcess(with: ["evolve", "--resume", dir + "/whole-killed/island-0", "--generations 6"])
            whole.send(SIGKILL)
            _ = whole.wait()
            let resumed = try ntmlife("islands", "--resume", dir + "/whole-killed")
            #expect(resumed.status == 0, "\(resumed.stdout)\(resumed.stderr)")
            #expect(islandChampions(dir + "/whole-killed", islands: 3) == reference)
            let manifest = try String(contentsOfFile: dir + "/whole-killed/islands.json", encoding: .utf8)
            #expect(manifest.contains("\"segments_done\" : 3"))
        }
    }

    @Test("--plan prints each segment's commands; run by another scheduler (here a shell, a segment's islands at once), then --resume, they give the same champions")
    func planForAnotherScheduler() throws {
        try withTemporaryDirectory("islands-plan") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(["islands", world, "--out", dir + "/direct"] + Self.islandArguments, in: nil).status == 0)
            let plan = try ntmlife(["islands", world, "--out", dir + "/planned", "--plan"] + Self.islandArguments, in: nil)
            #expect(plan.status == 0, "\(plan.stderr)")
            let lines = plan.stdout.split(separator: "\n").map(String.init)
            #expect(lines.count == 9, "3 segments × 3 islands")
            #expect(lines.first?.hasPrefix("0 0 ") == true && lines.last?.hasPrefix("2 2 ") == true)
            // A scheduler's barrier: every island of a segment at once, then wait for them all.
            for s in 0..<3 {
                let segment = try lines.filter { $0.hasPrefix("\(s) ") }.map { line in
                    try Child(argv: ["/bin/sh", "-c", String(line.split(separator: " ", maxSplits: 2)[2])], stdout: "/dev/null", stderr: nil)
                }
                #expect(segment.map { $0.wait().code } == [0, 0, 0], "segment \(s)")
            }
            let recorded = try ntmlife("islands", "--resume", dir + "/planned")
            #expect(recorded.status == 0 && recorded.stdout.contains("island 2: champion"), "\(recorded.stdout)\(recorded.stderr)")
            #expect(islandChampions(dir + "/planned", islands: 3) == islandChampions(dir + "/direct", islands: 3))
            #expect(islandChampions(dir + "/direct", islands: 3).allSatisfy { $0 != nil })
        }
    }

    @Test("Bad island arguments are refused naming the option", arguments: [
        (["--islands", "1"], "--islands"), (["--migrate-every", "0"], "--migrate-every"),
        (["--migrants", "5", "--migrate-every", "3"], "--migrants"), (["--executor", "slurm"], "--executor"),
        (["--ray-address", "x:1"], "--ray-address"), (["--checkpoint-every", "0"], "--checkpoint-every"),
    ])
    func badArguments(extra: [String], option: String) throws {
        try withTemporaryDirectory("islands-bad") { dir in
            let world = writeTinyWorld(in: dir)
            let r = try ntmlife(["islands", world, "--out", dir + "/i", "--generations", "6"] + extra, in: nil)
            #expect(r.status == 2 && r.stderr.contains(option), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/i/islands.json"))
        }
    }
}

/// The fitness in a genome file's evaluation record.
func genomeFitness(_ file: String) throws -> Double {
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as! [String: Any]
    let record = (json["evaluation"] ?? json["record"]) as? [String: Any]
    return (record?["fitness"] as? Double) ?? .nan
}

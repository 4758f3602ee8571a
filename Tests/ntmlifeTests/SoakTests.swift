import Foundation
import NTMEvolution
import Testing

/// Random SIGKILLs during `evolve` and during `watch`, each run resumed (again and again)
/// until done and compared with a run that was never interrupted. Long, so not in the
/// default test run:
///
///     NTMLIFE_SOAK=1 swift test --filter SoakTests            # 20 rounds each
///     NTMLIFE_SOAK=100 swift test --filter SoakTests          # 100 rounds each
///
/// Every kill moment is drawn from a generator seeded by the round, and printed when a round
/// fails, so a failure can be replayed.
@Suite("Soak: random kills during evolve and watch, resumed, equal the uninterrupted run", .serialized,
       .enabled(if: ProcessInfo.processInfo.environment["NTMLIFE_SOAK"] != nil))
struct SoakTests {
    static var rounds: Int { Int(ProcessInfo.processInfo.environment["NTMLIFE_SOAK"] ?? "") ?? 20 }
    static let generations = "12"

    /// Runs `first`, then `resume`, each killed after a random delay, until one finishes.
    static func killRepeatedly(_ first: [String], resume: [String], environment: [String] = [], in dir: String,
                               draws: inout Mutant.Draws, log: inout [String]) throws {
        var arguments = first
        for attempt in 0..<60 {
            let child = try Child(arguments, in: dir, environment: environment, stdout: dir + "/out", stderr: dir + "/err")
            let delay = 20_000 + draws.below(attempt < 8 ? 900_000 : 4_000_000)
            usleep(UInt32(delay))
            child.send(SIGKILL)
            let status = child.wait()
            log.append("\(arguments[0])\(arguments.contains("--resume") ? " --resume" : "") killed after \(delay / 1000) ms: \(status.signal == nil ? "had finished, exit \(status.code)" : "killed")")
            if status.signal == nil {
                #expect(status.code == 0 || status.code == 2, "\(log): \((try? String(contentsOfFile: dir + "/err", encoding: .utf8)) ?? "")")
                if status.code == 0 { return }
            }
            // After the first kill, always continue the run (a fresh start would be refused,
            // or start it again when nothing was set up yet).
            arguments = FileManager.default.fileExists(atPath: dir + "/run/world.toml") ? resume : first
        }
        Issue.record("never finished: \(log)")
    }

    static func outcome(_ dir: String) throws -> [String] {
        var parts = [try RunDirectory(path: dir).latestCheckpoint().state.populationHash]
        for g in 0..<Int(generations)! { parts.append(try String(contentsOfFile: dir + "/best/gen-\(String(format: "%05d", g)).genome.json", encoding: .utf8)) }
        return parts
    }

    @Test("evolve, killed at random moments and resumed")
    func evolve() throws {
        try withTemporaryDirectory("soak") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(["evolve", world, "--generations", Self.generations, "--out", dir + "/ref"], in: dir).status == 0)
            let reference = try Self.outcome(dir + "/ref")
            for round in 0..<Self.rounds {
                try? FileManager.default.removeItem(atPath: dir + "/run")
                var draws = Mutant.Draws(state: UInt64(round))
                var log: [String] = []
                try Self.killRepeatedly(["evolve", world, "--generations", Self.generations, "--out", dir + "/run"],
                                        resume: ["evolve", "--resume", dir + "/run"], in: dir, draws: &draws, log: &log)
                #expect(try Self.outcome(dir + "/run") == reference, "round \(round): \(log)")
            }
        }
    }

    @Test("watch, killed at random moments and resumed in the window")
    func watch() throws {
        try withTemporaryDirectory("soak") { dir in
            let world = writeTinyWorld(in: dir)
            #expect(try ntmlife(["evolve", world, "--generations", Self.generations, "--out", dir + "/ref"], in: dir).status == 0)
            let reference = try Self.outcome(dir + "/ref")
            let script = dir + "/fast.txt"
            try (1...40).map { "\($0) key +" }.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
            for round in 0..<Self.rounds {
                try? FileManager.default.removeItem(atPath: dir + "/run")
                var draws = Mutant.Draws(state: UInt64(1000 + round))
                var log: [String] = []
                try Self.killRepeatedly(["watch", world, "--generations", Self.generations, "--out", dir + "/run", "--exit-when-done", "--script", script],
                                        resume: ["watch", dir + "/run", "--exit-when-done", "--script", script],
                                        environment: ["SDL_VIDEODRIVER=dummy"], in: dir, draws: &draws, log: &log)
                #expect(try Self.outcome(dir + "/run") == reference, "round \(round): \(log)")
            }
        }
    }
}

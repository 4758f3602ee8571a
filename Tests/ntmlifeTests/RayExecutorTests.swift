import Foundation
import Testing

/// A Ray head on 127.0.0.1 for the length of a test, started and stopped by the test
/// (`ray start --head --num-cpus 2`, `ray stop`), through the Python that has Ray.
struct RayHead {
    let address: String

    /// Whether Ray can be imported here. CI installs it (.ci/setup), and there the tests run
    /// whether or not it imports, so a broken install fails rather than skips.
    static let importable: Bool = python(["-c", "import ray"]) == 0
    static var wanted: Bool { importable || ProcessInfo.processInfo.environment["CI"] != nil }

    static func start() throws -> RayHead {
        let port = Int.random(in: 20_000..<30_000)
        let status = python(["-c", "import sys; from ray.scripts.scripts import main; sys.argv[0] = 'ray'; main()",
                             "start", "--head", "--node-ip-address", "127.0.0.1", "--port", String(port), "--num-cpus", "2",
                             "--include-dashboard=false", "--disable-usage-stats"])
        guard status == 0 else { throw RayUnavailable(status: status) }
        return RayHead(address: "127.0.0.1:\(port)")
    }

    func stop() {
        _ = Self.python(["-c", "import sys; from ray.scripts.scripts import main; sys.argv[0] = 'ray'; main()", "stop", "--force"])
    }

    struct RayUnavailable: Error { var status: Int32 }

    @discardableResult
    static func python(_ arguments: [String]) -> Int32 {
        let scratch = temporaryDirectory("ray")
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        guard let child = try? Child(argv: ["/usr/bin/env", "RAY_USAGE_STATS_ENABLED=0", "python3"] + arguments,
                                     stdout: scratch + "/out", stderr: nil) else { return -1 }
        return child.wait().code
    }
}

@Suite("--executor ray: the same files as the local executor, whatever dies", .serialized, .enabled(if: RayHead.wanted))
struct RayExecutorTests {
    @Test("A study and islands run through a Ray head give byte-identical champions to the local executor, with a task's process and a Ray worker killed mid-run")
    func rayEqualsLocal() throws {
        let head = try RayHead.start()
        defer { head.stop() }
        try withTemporaryDirectory("ray") { dir in
            let world = writeTinyWorld(in: dir)
            let study = ["study", world, "--seeds", "2", "--episodes", "4"]
            let local = try ntmlife(study + ["--out", dir + "/study-local"], in: nil)
            let ray = try ntmlife(study + ["--out", dir + "/study-ray", "--executor", "ray", "--ray-address", head.address], in: nil)
            #expect(local.status == 0 && ray.status == 0, "\(ray.stdout)\(ray.stderr)")
            #expect(ray.stderr.contains("4 of 4 runs to Ray"))
            let csv = { (d: String) in FileManager.default.contents(atPath: "\(dir)/\(d)/champions.csv") }
            #expect(csv("study-local") != nil && csv("study-local") == csv("study-ray"))

            let islands = ["islands", world] + IslandsCommandTests.islandArguments
            #expect(try ntmlife(islands + ["--out", dir + "/islands-local"], in: nil).status == 0)
            let reference = islandChampions(dir + "/islands-local", islands: 3)
            #expect(reference.allSatisfy { $0 != nil })

            let out = dir + "/islands-ray"
            let child = try Child(islands + ["--out", out, "--executor", "ray", "--ray-address", head.address],
                                  stdout: dir + "/ray.out", stderr: dir + "/ray.err")
            // Segment 2: the ntmlife process of a task; segment 3: the Ray worker running one
            // (its ntmlife dies with it). Ray retries both; each resumes from its checkpoint.
            let task = killFirstProcess(with: ["evolve", "--resume", out + "/island-1", "--generations 6"], within: 600)
            let worker = killFirstProcess(with: ["ray::run_task"], within: 600)
            let status = child.wait().code
            #expect(status == 0, "\((try? String(contentsOfFile: dir + "/ray.err", encoding: .utf8)) ?? "")")
            #expect(task && worker, "killed a task's process: \(task), a Ray worker: \(worker)")
            #expect(islandChampions(out, islands: 3) == reference)
        }
    }
}

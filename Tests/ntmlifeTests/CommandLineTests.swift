import Foundation
import Testing

@Suite("ntmlife command line (end to end)", .serialized)
struct CommandLineTests {
    @Test("--help lists the subcommands and exits 0")
    func help() throws {
        let r = try ntmlife("--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("bench"))
        #expect(r.stdout.contains("Walsh–Hadamard"))
    }

    @Test("every subcommand's help reads as prose: no stray line-continuation backslashes",
          arguments: ["evolve", "watch", "replay", "evaluate", "study", "plot", "worlds", "bench"])
    func subcommandHelp(_ command: String) throws {
        let r = try ntmlife(command, "--help")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("USAGE: ntmlife \(command)"))
        #expect(!r.stdout.contains("\\"), "\(r.stdout)")
    }

    @Test("bench --json prints one JSON record per figure, with the issue's keys")
    func benchJSON() throws {
        let r = try ntmlife("bench", "--json", "--quick")
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count >= 10)
        var seen = Set<String>()
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(Set(object.keys) == ["benchmark", "params", "metric", "value", "unit"])
            let params = try #require(object["params"] as? [String: Any])
            let value = try #require(object["value"] as? Double)
            let benchmark = object["benchmark"] as! String, metric = object["metric"] as! String
            // Times and rates are positive; an error of recall can be exactly 0.
            #expect(value.isFinite && (value > 0 || (benchmark.hasPrefix("memory-") && value == 0)), "\(line)")
            seen.insert("\(benchmark)/\(params["kernel"] ?? params["path"] ?? "")/\(metric)")
            if benchmark == "clock", metric == "adds_per_cycle", params["probe"] as? String == "bound" {
                // The bound is the measured add rate rounded to a power of two: at least one
                // 4-float register a cycle, and never a fraction.
                #expect(value >= 4 && value == exp2(log2(value).rounded()), "\(line)")
            }
        }
        for expected in ["wht/simd/throughput", "wht/scalar/throughput", "wht/simd/speedup_vs_scalar",
                         "wht/lanes8/time_per_transform", "brain/single/time_per_agent_step",
                         "brain/batched/time_per_agent_step", "wht/c-loop/time_per_transform",
                         "wht/simd/ratio_to_c_loop", "wht/lanes8/ratio_to_c_loop", "wht/simd/ratio_to_add_bound",
                         "wht/lanes8/ratio_to_add_bound", "brain/batched/ratio_to_arithmetic_bound", "clock//frequency",
                         "brain/batched/cost_vs_plain", "brain/batched/bank_reads_per_agent_step",
                         "brain/batched/cost_vs_plain_plus_bank_reads",
                         "clock//register_bits", "clock//adds_per_cycle",
                         "evolution//generations_per_second", "evolution//overlap_speedup"] {
            #expect(seen.contains(expected), "missing \(expected)")
        }
    }

    @Test("bench --only memory: capacity records in the issue's shape, measured beside theory, and a picture")
    func benchMemory() throws {
        let dir = temporaryDirectory("bench-memory")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try ntmlife(["bench", "--only", "memory", "--quick", "--json", "--plot", dir + "/memory.png"], in: dir)
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let records = try r.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        func find(_ benchmark: String, _ metric: String, _ params: [String: AnyHashable]) -> Double? {
            records.first { r in
                r["benchmark"] as? String == benchmark && r["metric"] as? String == metric
                    && params.allSatisfy { k, v in ((r["params"] as? [String: Any])?[k] as? AnyHashable) == v }
            }?["value"] as? Double
        }
        let point: [String: AnyHashable] = ["kind": "hashed", "key": 32, "density": 4, "value": 8, "items": 64, "writes": "one-shot"]
        let measured = try #require(find("memory-capacity", "recall_rmse", point))
        let theory = try #require(find("memory-capacity", "recall_rmse_theory", point))
        #expect(measured > 0.2 && abs(measured / theory - 1) < 0.3, "\(measured) vs \(theory)")
        for kind in ["hashed", "blocks", "decaying", "novelty-gated"] {
            #expect(find("memory-forgetting", "recall_rmse_a", ["kind": kind, "passes": 5]) != nil, "\(kind)")
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/memory.png"))
        let wrong = try ntmlife(["bench", "--only", "wht", "--plot", dir + "/x.png"], in: dir)
        #expect(wrong.status == 2 && wrong.stderr.contains("--only memory"))
    }

    @Test("bench without --json prints a table: each figure's parameters once, its metrics beneath")
    func benchTable() throws {
        let r = try ntmlife("bench", "--quick")
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("benchmark"))
        #expect(r.stdout.contains("GFLOP/s"))
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let heading = try #require(lines.firstIndex(of: "wht  kernel=simd n=64"), "\(r.stdout)")
        #expect(lines[heading + 1].hasPrefix("    time_per_transform"))
        // The long parameter lists stay on the headings: a metric's line is short.
        let metrics = lines.dropFirst(2).filter { $0.hasPrefix("    ") }
        #expect(metrics.count > 20)
        #expect(metrics.allSatisfy { $0.count <= 64 }, "\(metrics.max { $0.count < $1.count } ?? "")")
        #expect(lines.filter { $0.contains("controller=lsh-switched") }.allSatisfy { !$0.hasPrefix(" ") })
    }

    @Test("A bad argument exits 2 and names the argument")
    func badArgument() throws {
        let r = try ntmlife("bench", "--samples", "0")
        #expect(r.status == 2)
        #expect(r.stderr.contains("--samples"))
        #expect(!r.stderr.contains("Fatal error"))
        let unknown = try ntmlife("bench", "--frobnicate")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--frobnicate"))
        let notANumber = try ntmlife("bench", "--agents", "many")
        #expect(notANumber.status == 2)
        #expect(notANumber.stderr.contains("many"))
    }
}

import Foundation
import NTMBrain
import NTMEvolution
import NTMWorld

/// Setting up and describing a run directory: shared by `evolve` and `watch`, so a run
/// begun in either looks the same on disk and continues in the other.
struct RunSetup {
    var world: String?
    var population: Int?
    var generations: Int?
    var seed: UInt64?
    var memory: Ablation.Memory?
    var out: String?

    /// A new run: the world with overrides applied and a fresh run directory.
    func startRun() throws -> (WorldSpec, RunDirectory) {
        var spec = try WorldLocator.load(WorldLocator.path(for: world))
        if let population {
            spec.evolution.population = population
            // In an ecosystem the population is the arena's capacity.
            spec.ecosystem.capacity = population
            spec.ecosystem.initial = min(spec.ecosystem.initial, population)
            spec.ecosystem.minAgents = min(spec.ecosystem.minAgents, population)
        }
        if let generations { spec.evolution.generations = generations }
        if let seed { spec.evolution.seed = seed }
        if let memory { spec.brain.memory = memory }
        if spec.evolution.elites >= spec.evolution.population {
            spec.evolution.elites = max(0, min(spec.evolution.elites, spec.evolution.population - 1))
        }
        let runDir = RunDirectory(path: out ?? Self.freeRunDirectory("runs/\(spec.name)-seed\(spec.evolution.seed)"))
        if FileManager.default.fileExists(atPath: runDir.checkpointDirectory) {
            throw UsageError(description: "run directory '\(runDir.path)' already holds a run; continue it with --resume \(runDir.path), or choose another --out")
        }
        try Self.runFile { try runDir.create() }
        try Self.runFile { try RunDirectory.write(Data(spec.canonicalTOML.utf8), to: runDir.worldFile) }
        try Self.runFile { try runDir.writeStats([]) }
        try Self.runFile { try Self.writeManifest(runDir, spec, finished: false) }
        return (spec, runDir)
    }

    /// `base`, or `base-2`, `base-3`, … : the first that does not exist yet, so the default
    /// never collides with an earlier run (an explicit --out that exists is an error instead).
    static func freeRunDirectory(_ base: String) -> String {
        var candidate = base
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) {
            candidate = "\(base)-\(n)"
            n += 1
        }
        return candidate
    }

    /// An existing run: its own resolved world (the checkpoint is read by the runner).
    static func existingRun(_ path: String, generations: Int?) throws -> WorldSpec {
        let runDir = RunDirectory(path: path)
        guard FileManager.default.fileExists(atPath: runDir.worldFile) else {
            throw UsageError(description: "'\(path)' is not a run directory (no world.toml); give the RUN_DIR an earlier `ntmlife evolve` wrote")
        }
        var spec = try WorldLocator.load(runDir.worldFile)
        if let generations { spec.evolution.generations = generations }
        return spec
    }

    static func writeManifest(_ runDir: RunDirectory, _ spec: WorldSpec, finished: Bool) throws {
        var manifest: [String: Any] = [
            "tool": "ntmlife", "version": NTMLifeCommand.version, "git_revision": Self.gitRevision(),
            "command_line": CommandLine.arguments, "seed": String(spec.evolution.seed),
            "world": spec.name, "world_hash": spec.hash, "world_file": "world.toml",
            "generations": spec.evolution.generations, "population": spec.evolution.population,
            "algorithm": spec.evolution.algorithm.rawValue,
        ]
        let now = ISO8601DateFormatter().string(from: Date())
        let previous = (try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runDir.manifestFile)))) as? [String: Any]
        manifest["started"] = previous?["started"] ?? now
        if finished { manifest["finished"] = now }
        let data = try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys])
        try RunDirectory.write(data + Data("\n".utf8), to: runDir.manifestFile)
    }

    static func gitRevision() -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["git", "rev-parse", "HEAD"]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return "unknown" }
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let rev = String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return p.terminationStatus == 0 && !rev.isEmpty ? rev : "unknown"
    }

    /// File-system failures are runtime failures (exit status 1) with the path in the message.
    static func runFile(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as UsageError {
            throw e
        } catch {
            throw RuntimeFailure(description: "cannot write the run directory: \(error.localizedDescription)")
        }
    }
}

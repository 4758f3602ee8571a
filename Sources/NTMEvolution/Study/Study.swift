import Dispatch
import Foundation
import NTMBrain
import NTMWorld
import Synchronization

/// Many runs of one world, one per (condition, seed), each an ordinary run directory, and
/// each run's hall of fame judged on held-out episodes, intact and with its tape removed
/// where the world's decisions begin (``Lesion/studyLesion(for:)``).
///
///     STUDY_DIR/study.json                      what was asked (world, conditions, seeds, budget)
///     STUDY_DIR/world.toml                      the world and setup every run starts from
///     STUDY_DIR/runs/CONDITION-seedS/           an ordinary run directory (resumable with evolve)
///     STUDY_DIR/runs/CONDITION-seedS/held-out.json   its champion's held-out results
///     STUDY_DIR/champions.csv                   written by ``StudyReport``, with STUDY_DIR/report.md
///
/// Runs are independent jobs that idle workers take in turn, each on one thread; every run
/// is deterministic, so the results do not depend on the thread count or on who ran what. A
/// study stopped part-way is finished by running it again with `resume`: complete runs are
/// kept, interrupted ones continue from their newest checkpoint.
public final class Study {
    /// How a condition changes the world before evolution.
    public enum Condition: String, CaseIterable, Sendable {
        /// The world as it is: the tape on.
        case full
        /// No tape: reads are 0, nothing is written.
        case off
        /// The tape on, of this kind (``MemoryKind``): the world's own parameters if it
        /// already has that kind, else the kind's defaults.
        case hashed, blocks, decaying
        case noveltyGated = "novelty-gated"
        /// The world's tape with an LSH-switched controller (its banks, or 8).
        case lshSwitched = "lsh-switched"

        /// Whether agents of this condition have a tape at all.
        public var usesTape: Bool { self != .off }

        func apply(_ e: inout Experiment) {
            switch self {
            case .full: break
            case .off: e.world.brain.memory = .off
            case .lshSwitched: if e.world.brain.switchBanks == 1 { e.world.brain.switchBanks = WorldSpec.defaultSwitchBanks }
            case .hashed, .blocks, .decaying, .noveltyGated:
                if e.world.brain.memoryKind.name != rawValue, let kind = MemoryKind.named(rawValue) {
                    e.world.brain.memoryKind = kind
                }
            }
        }
    }

    public struct Plan: Sendable {
        public var experiment: Experiment
        public var conditions: [Condition]
        public var seeds: [UInt64]
        /// Held-out episodes per champion, and their seed.
        public var heldOutEpisodes: Int
        public var heldOutSeed: UInt64

        public init(experiment: Experiment, conditions: [Condition], seeds: [UInt64], heldOutEpisodes: Int = 50, heldOutSeed: UInt64 = 1) {
            (self.experiment, self.conditions, self.seeds) = (experiment, conditions, seeds)
            (self.heldOutEpisodes, self.heldOutSeed) = (heldOutEpisodes, heldOutSeed)
        }

        /// Every (condition, seed), conditions first.
        public var jobs: [(Condition, UInt64)] { conditions.flatMap { c in seeds.map { (c, $0) } } }
    }

    /// One run's outcome: what `champions.csv` holds per row.
    public struct Row: Hashable, Sendable, Codable {
        public var condition: String
        public var seed: UInt64
        public var generations: Int
        public var heldOutEpisodes: Int
        public var heldOutFitness: Double
        public var decisions: Int
        public var decisionAccuracy: Double?
        public var lesionedDecisionAccuracy: Double?
        public var chance: Double?
        /// Mean fitness per generation (for the picture).
        public var curve: [Double]

        public init(condition: String, seed: UInt64, generations: Int, heldOutEpisodes: Int, heldOutFitness: Double,
                    decisions: Int, decisionAccuracy: Double?, lesionedDecisionAccuracy: Double?, chance: Double?, curve: [Double]) {
            (self.condition, self.seed, self.generations, self.heldOutEpisodes, self.heldOutFitness) =
                (condition, seed, generations, heldOutEpisodes, heldOutFitness)
            (self.decisions, self.decisionAccuracy, self.lesionedDecisionAccuracy, self.chance, self.curve) =
                (decisions, decisionAccuracy, lesionedDecisionAccuracy, chance, curve)
        }
    }

    public let directory: String
    public let plan: Plan
    let provenance: RunProvenance

    public init(directory: String, plan: Plan, provenance: RunProvenance) {
        (self.directory, self.plan, self.provenance) = (directory, plan, provenance)
    }

    public var runsDirectory: String { directory + "/runs" }
    /// A job's run directory name, `CONDITION-seedS`.
    static func runName(_ c: Condition, _ seed: UInt64) -> String { "\(c.rawValue)-seed\(seed)" }
    public func runDirectory(_ c: Condition, _ seed: UInt64) -> RunDirectory { RunDirectory(path: runsDirectory + "/" + Self.runName(c, seed)) }
    func heldOutFile(_ c: Condition, _ seed: UInt64) -> String { runDirectory(c, seed).path + "/held-out.json" }

    /// Runs (or finishes) every job. `progress(done, total)` is called after each finished
    /// job; `stop()` is checked between generations (a stopped study is resumable).
    /// Returns the rows in plan order, or nil if stopped before all were done.
    public func run(threads: Int, stop: @escaping @Sendable () -> Bool = { false },
                    progress: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) throws(RunError) -> [Row]? {
        let jobs = plan.jobs
        let rows = Mutex([Row?](repeating: nil, count: jobs.count))
        let failure = Mutex<RunError?>(nil)
        let done = Atomic<Int>(0), next = Atomic<Int>(0)
        let workers = max(1, min(threads, jobs.count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while failure.withLock({ $0 == nil }) && !stop() {
                let j = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard j < jobs.count else { break }
                do throws(RunError) {
                    if let row = try runJob(jobs[j].0, jobs[j].1, stop: stop) {
                        rows.withLock { $0[j] = row }
                        progress(done.wrappingAdd(1, ordering: .relaxed).newValue, jobs.count)
                    }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let all = rows.withLock { $0 }
        return all.contains { $0 == nil } ? nil : all.map { $0! }
    }

    /// The name of each job's run directory, in plan order.
    public var runNames: [String] { plan.jobs.map { Self.runName($0.0, $0.1) } }

    /// The runs whose held-out results are not written yet.
    public var pendingRuns: [String] {
        zip(plan.jobs, runNames).filter { !FileManager.default.fileExists(atPath: heldOutFile($0.0.0, $0.0.1)) }.map(\.1)
    }

    /// Runs (or finishes) the one job named `CONDITION-seedS`: what an executor's task does.
    public func runOne(named name: String, stop: () -> Bool = { false }) throws(RunError) {
        guard let j = runNames.firstIndex(of: name) else {
            throw .input("study '\(directory)' has no run '\(name)'; its runs are \(runNames.prefix(4).joined(separator: ", "))\(runNames.count > 4 ? ", …" : "")")
        }
        _ = try runJob(plan.jobs[j].0, plan.jobs[j].1, stop: stop)
    }

    /// One (condition, seed): evolve (start, resume or skip), then judge its hall of fame.
    /// nil if stopped before it was done.
    func runJob(_ c: Condition, _ seed: UInt64, stop: () -> Bool) throws(RunError) -> Row? {
        let file = heldOutFile(c, seed)
        if let data = try? FileAccess.read(file), let row = try? JSONDecoder().decode(Row.self, from: data) {
            return row
        }
        let dir = runDirectory(c, seed)
        let run: EvolutionRun
        if dir.holdsRun {
            run = try EvolutionRun.resume(dir, generations: plan.experiment.setup.generations, provenance: provenance, threads: 1)
        } else {
            var e = plan.experiment
            e.setup.seed = seed
            c.apply(&e)
            run = try EvolutionRun.start(e, in: dir, provenance: provenance, threads: 1)
        }
        try run.run(clock: { Date().timeIntervalSinceReferenceDate }, stop: stop)
        guard run.isComplete else { return nil }
        guard let (champion, _) = run.hallOfFame else {
            throw .input("run '\(dir.path)' keeps no hall of fame (hall_of_fame_episodes = 0); a study needs one")
        }
        let world = run.world
        let intact = HeldOutEvaluation(world: world, genome: champion, episodes: plan.heldOutEpisodes, seed: plan.heldOutSeed).run()
        let lesioned = HeldOutEvaluation(world: world, genome: champion, episodes: plan.heldOutEpisodes, seed: plan.heldOutSeed,
                                         lesion: Lesion.studyLesion(for: world)).run()
        let row = Row(condition: c.rawValue, seed: seed, generations: run.completed, heldOutEpisodes: plan.heldOutEpisodes,
                      heldOutFitness: intact.meanFitness, decisions: intact.decisions.made,
                      decisionAccuracy: world.decisions == nil ? nil : intact.accuracy,
                      lesionedDecisionAccuracy: world.decisions == nil ? nil : lesioned.accuracy,
                      chance: world.decisions?.chance, curve: run.stats.map(\.mean))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try EvolutionRun.io(dir) { try RunDirectory.write(try encoder.encode(row), to: file) }
        return row
    }
}

extension Study {
    /// What `study.json` records: enough to finish the study with nothing but its directory.
    struct Manifest: Codable {
        var format = "ntmlife-study"
        var version = 1
        var world: String
        var conditions: [String]
        var seeds: [String]
        var generations: Int
        var heldOutEpisodes: Int
        var heldOutSeed: String
        var commandLine: [String]
    }

    var manifestFile: String { directory + "/study.json" }
    var worldFile: String { directory + "/world.toml" }

    /// A new study in `directory`, which must not hold one: writes `study.json` and `world.toml`.
    public static func create(_ directory: String, plan: Plan, provenance: RunProvenance) throws(RunError) -> Study {
        let study = Study(directory: directory, plan: plan, provenance: provenance)
        if FileManager.default.fileExists(atPath: study.manifestFile) {
            throw .input("'\(directory)' already holds a study; finish it with --resume, or choose another --out")
        }
        let manifest = Manifest(world: plan.experiment.world.name, conditions: plan.conditions.map(\.rawValue),
                                seeds: plan.seeds.map(String.init), generations: plan.experiment.setup.generations,
                                heldOutEpisodes: plan.heldOutEpisodes, heldOutSeed: String(plan.heldOutSeed),
                                commandLine: provenance.commandLine)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try EvolutionRun.io(RunDirectory(path: directory)) {
            try FileManager.default.createDirectory(atPath: study.runsDirectory, withIntermediateDirectories: true)
            try RunDirectory.write(Data(plan.experiment.canonicalTOML.utf8), to: study.worldFile)
            try RunDirectory.write(try encoder.encode(manifest), to: study.manifestFile)
        }
        return study
    }

    /// The study in `directory`, as it was set up.
    public static func open(_ directory: String, provenance: RunProvenance) throws(RunError) -> Study {
        let probe = Study(directory: directory, plan: Plan(experiment: Experiment(world: WorldSpec()), conditions: [], seeds: []), provenance: provenance)
        guard let data = try? FileAccess.read(probe.manifestFile) else {
            throw .input("'\(directory)' holds no study (no study.json) to resume")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        guard let m = try? decoder.decode(Manifest.self, from: data), m.format == "ntmlife-study", m.version == 1 else {
            throw .input("'\(probe.manifestFile)' is not a readable study manifest")
        }
        var experiment: Experiment
        do { experiment = try Experiment.load(path: probe.worldFile) } catch { throw .input(error.description) }
        experiment.setup.generations = m.generations
        let conditions = m.conditions.compactMap(Condition.init(rawValue:)), seeds = m.seeds.compactMap { UInt64($0) }
        guard conditions.count == m.conditions.count, seeds.count == m.seeds.count, let heldSeed = UInt64(m.heldOutSeed) else {
            throw .input("'\(probe.manifestFile)' names an unknown condition or a bad seed")
        }
        let plan = Plan(experiment: experiment, conditions: conditions, seeds: seeds, heldOutEpisodes: m.heldOutEpisodes, heldOutSeed: heldSeed)
        return Study(directory: directory, plan: plan, provenance: provenance)
    }
}

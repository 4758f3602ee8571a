import ArgumentParser
import Foundation
import NTMEvolution
import NTMViewer
import NTMWorld

/// `ntmlife study`: does the tape matter? Many runs, held-out judgement, statistics.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Run a world under several conditions and seeds, judge every champion on held-out episodes, and report.",
        discussion: """
            Every (condition, seed) is an ordinary run directory under STUDY_DIR/runs/. Each \
            run's hall of fame is evaluated on held-out episodes, intact and with its tape \
            removed where the world's decisions begin. Writes STUDY_DIR/champions.csv, \
            report.md (medians, Mann–Whitney U with an exact p, Cliff's delta with a bootstrap \
            interval, a verdict) and study.png. Ctrl-C stops between generations; --resume \
            finishes a stopped study without redoing finished runs. The same arguments give \
            the same champions.csv at any --threads.
            """
    )

    @Argument(help: "A world name (see `ntmlife worlds`) or a path to a .toml file.")
    var world: String?

    @Option(help: ArgumentHelp("Seeds: N (1…N), A-B, or a,b,c.", valueName: "SEEDS"))
    var seeds = "10"

    @Option(help: ArgumentHelp("Conditions, comma-separated: full (the world as it is), off (no tape), a tape kind (hashed, blocks, decaying, novelty-gated) or lsh-switched (its controller with 8 slope banks).", valueName: "LIST"))
    var conditions = "full,off"

    @Option(help: "Generations per run (default: the world's).")
    var generations: Int?

    @Option(help: "Held-out episodes per champion.")
    var episodes = 50

    @Option(help: "Study directory (default: studies/WORLD).")
    var out: String?

    @Option(help: "Worker threads: runs are spread over them (default: all cores). Does not change results.")
    var threads: Int?

    @Option(help: ArgumentHelp("Finish the study in this directory (its own world and plan).", valueName: "STUDY_DIR"))
    var resume: String?

    @Option(help: ArgumentHelp("With --resume: run (or finish) only this run, e.g. full-seed3, and write its held-out.json; no report. What an executor's task runs.", valueName: "RUN"))
    var only: String?

    @OptionGroup var executor: ExecutorOptions

    /// The seeds an argument names.
    static func parseSeeds(_ text: String) -> [UInt64]? {
        if let n = UInt64(text) { return n >= 1 && n <= 10_000 ? Array(1...n) : nil }
        let range = text.split(separator: "-")
        if range.count == 2, let a = UInt64(range[0]), let b = UInt64(range[1]), a <= b, b - a < 10_000 { return Array(a...b) }
        let list = text.split(separator: ",").map { UInt64($0) }
        guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else { return nil }
        let seeds = list.map { $0! }
        return Set(seeds).count == seeds.count ? seeds : nil
    }

    static func parseConditions(_ text: String) -> [Study.Condition]? {
        let list = text.split(separator: ",").map { Study.Condition(rawValue: String($0)) }
        guard !list.isEmpty, list.allSatisfy({ $0 != nil }) else { return nil }
        let c = list.map { $0! }
        return Set(c).count == c.count ? c : nil
    }

    func validate() throws {
        if Self.parseSeeds(seeds) == nil {
            throw ValidationError("--seeds '\(seeds)' is not understood; accepted: N (seeds 1…N, N ≤ 10000), A-B, or a comma-separated list of distinct seeds")
        }
        if Self.parseConditions(conditions) == nil {
            throw ValidationError("--conditions '\(conditions)' is not understood; accepted: a comma-separated list of distinct conditions from: " + Study.Condition.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if let generations, !EvolutionSetup.generationCounts.contains(generations) {
            throw ValidationError("--generations must be between 1 and \(EvolutionSetup.generationCounts.upperBound), got \(generations)")
        }
        if !(1...EvaluationRecord.maximumEpisodes).contains(episodes) {
            throw ValidationError("--episodes must be between 1 and \(EvaluationRecord.maximumEpisodes), got \(episodes)")
        }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024, got \(threads)") }
        if only != nil && resume == nil { throw ValidationError("--only runs one run of an existing study: give --resume STUDY_DIR") }
        if only != nil && executor.executor != .local { throw ValidationError("--only runs here; it cannot be combined with --executor ray") }
        if resume != nil && (world != nil || out != nil || generations != nil) {
            throw ValidationError("--resume finishes a study as it was set up; it cannot be combined with WORLD, --out or --generations")
        }
    }

    func run() throws {
        let interrupt = InterruptFlag()
        // The picture is drawn last; find its font first, not after an hour of runs.
        do { _ = try Font.standard(size: 14) } catch { throw RuntimeFailure(description: "study.png cannot be drawn: \(error)") }
        let study = try resume.map { dir in try RunError.bridge { () throws(RunError) in try Study.open(dir, provenance: .current) } } ?? start()
        if let only {
            try RunError.bridge { () throws(RunError) in try study.runOne(named: only, stop: { interrupt.isRaised }) }
            guard !interrupt.isRaised else { throw ExitCode(130) }
            print("done: \(only) in \(study.directory)")
            return
        }
        let started = Date()
        let total = study.plan.jobs.count
        if executor.executor == .ray {
            // The runs go to Ray, each a task `study --resume DIR --only RUN`; then the
            // report is made here from their held-out.json files, as the local path does.
            let tasks = study.pendingRuns.map { ExecutorTask(name: $0, arguments: ["study", "--resume", study.directory, "--only", $0, "--threads", "1"]) }
            FileHandle.standardError.write(Data("study of '\(study.plan.experiment.world.name)': \(tasks.count) of \(total) runs to Ray, in \(study.directory)\n".utf8))
            try executor.make(slots: 1).run(tasks) { done, n in
                let elapsed = Date().timeIntervalSince(started)
                FileHandle.standardError.write(Data("runs \(done)/\(n)  elapsed \(ProgressReporter.clock(elapsed))\n".utf8))
            }
        }
        FileHandle.standardError.write(Data("study of '\(study.plan.experiment.world.name)': \(total) runs in \(study.directory)\n".utf8))
        let rows = try RunError.bridge { () throws(RunError) in
            try study.run(threads: threads ?? ProcessInfo.processInfo.activeProcessorCount, stop: { interrupt.isRaised }) { done, total in
                let elapsed = Date().timeIntervalSince(started)
                let eta = Double(total - done) * elapsed / Double(max(done, 1))
                FileHandle.standardError.write(Data("runs \(done)/\(total)  elapsed \(ProgressReporter.clock(elapsed))  ETA \(ProgressReporter.clock(eta))\n".utf8))
            }
        }
        guard let rows else {
            print("stopped; every finished run is kept, and interrupted runs have checkpoints.")
            print("resume with: \(Invocation.command("study", "--resume", study.directory))")
            throw ExitCode(130)
        }
        let command = "ntmlife study \(study.plan.experiment.world.name) --seeds \(seeds) --conditions \(study.plan.conditions.map(\.rawValue).joined(separator: ",")) --generations \(study.plan.experiment.setup.generations) --episodes \(study.plan.heldOutEpisodes)"
        let report = StudyReport(plan: study.plan, rows: rows, command: command)
        do { try report.write(to: study.directory) } catch {
            throw RuntimeFailure(description: "cannot write the study's report in '\(study.directory)': \(error.localizedDescription)")
        }
        do {
            let picture = StudyPlot(rows: rows, conditions: study.plan.conditions.map(\.rawValue), chance: study.plan.experiment.world.decisions?.chance,
                                    title: "Does memory matter in '\(study.plan.experiment.world.name)'? \(study.plan.seeds.count) seeds per condition")
            try picture.render().savePNG(study.directory + "/study.png")
        } catch {
            throw RuntimeFailure(description: "cannot draw \(study.directory)/study.png (report.md and champions.csv are written): \(error.localizedDescription)")
        }
        print("done: \(rows.count) runs in \(study.directory) (\(ProgressReporter.clock(Date().timeIntervalSince(started))))")
        let verdictStart = report.reportMarkdown.range(of: "## Verdict\n\n")!.upperBound
        print(report.reportMarkdown[verdictStart...].prefix { $0 != "\n" })
        print("report: \(study.directory)/report.md, champions: \(study.directory)/champions.csv, picture: \(study.directory)/study.png")
    }

    func start() throws -> Study {
        var experiment = try WorldLocator.load(WorldLocator.path(for: world))
        if experiment.isOpenEnded { throw ValidationError("'\(experiment.world.name)' is open-ended (an ecosystem); a study compares champions of generational runs") }
        if let generations { experiment.setup.generations = generations }
        let plan = Study.Plan(experiment: experiment, conditions: Self.parseConditions(conditions)!, seeds: Self.parseSeeds(seeds)!,
                              heldOutEpisodes: episodes)
        let dir = out ?? RunOptions.freeRunDirectory("studies/\(experiment.world.name)")
        return try RunError.bridge { () throws(RunError) in try Study.create(dir, plan: plan, provenance: .current) }
    }
}

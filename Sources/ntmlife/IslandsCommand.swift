import ArgumentParser
import Foundation
import NTMEvolution
import NTMWorld

/// `ntmlife islands`: the island model over ordinary run directories (``IslandModel``).
struct IslandsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "islands",
        abstract: "Evolve K populations apart, with k migrants every M generations along a ring.",
        discussion: """
            Island I is a run directory DIR/island-I with seed S + I. Every M generations all \
            islands stop at a barrier; each sends its k best champions of the last M \
            generations (ranked on its fresh hall-of-fame episodes) to island I + 1 (mod K), \
            which takes them in place of its last children. The champions depend on the \
            arguments alone, not on the executor or on timing. DIR/islands.json records the \
            arguments and progress: --resume DIR finishes a stopped or killed run. Each step is \
            an `ntmlife evolve --resume … --immigrants … --emigrants …` command, so any \
            scheduler can run the same plan (README: Running on a cluster).
            """
    )

    @Argument(help: "A world name (see `ntmlife worlds`) or a path to a .toml file (a generational world using ga).")
    var world: String?

    @Option(help: "K, the number of islands.")
    var islands = 4

    @Option(name: .customLong("migrate-every"), help: ArgumentHelp("M: generations between migrations.", valueName: "M"))
    var migrateEvery = 10

    @Option(help: ArgumentHelp("k: champions each island sends per migration (at most M).", valueName: "k"))
    var migrants = 2

    @Option(help: "Generations per island (default: the world's).")
    var generations: Int?

    @Option(help: "Seed S: island I runs with seed S + I (default: the world's).")
    var seed: UInt64?

    @Option(help: "Directory of the islands (default: islands/WORLD).")
    var out: String?

    @Option(help: ArgumentHelp("Finish the islands in this directory, as they were set up.", valueName: "DIR"))
    var resume: String?

    @Option(help: "Islands run at once by the local executor (default: all cores). Does not change results.")
    var threads: Int?

    @Option(name: .customLong("checkpoint-every"), help: "Each island checkpoints every N generations (and at every segment's end). Does not change results; fewer checkpoints spare a shared file system.")
    var checkpointEvery = 1

    @Flag(help: "Set the islands up (or read them) and print the commands still to run, one line per island and segment, 'SEGMENT ISLAND COMMAND…', instead of running them: for another scheduler (README: Running on a cluster). Run each segment's lines after the previous segment's have all finished; then --resume DIR records the champions.")
    var plan = false

    @OptionGroup var executor: ExecutorOptions

    func validate() throws {
        if resume != nil && world != nil { throw ValidationError("--resume finishes islands as they were set up; it cannot be combined with WORLD") }
        if checkpointEvery < 1 { throw ValidationError("--checkpoint-every must be at least 1, got \(checkpointEvery)") }
        if let threads, !(1...1024).contains(threads) { throw ValidationError("--threads must be between 1 and 1024, got \(threads)") }
    }

    func run() throws {
        // Ctrl-C reaches the islands' processes too: each checkpoints and stops; then this
        // one says how to go on instead of failing.
        let interrupt = InterruptFlag()
        let (dir, model, experiment) = try resume.map(open) ?? create()
        var manifest = try readManifest(dir)
        let segments = model.segments
        if plan {
            for s in manifest.segmentsDone..<segments.count {
                for i in 0..<model.islands {
                    print("\(s) \(i) " + Invocation.command(model.arguments(island: i, segment: s, in: dir)))
                }
            }
            return
        }
        let runner = executor.make(slots: threads ?? ProcessInfo.processInfo.activeProcessorCount)
        FileHandle.standardError.write(Data("islands of '\(experiment.world.name)': \(model.islands) islands, \(segments.count) segments of \(model.migrateEvery) generations, \(runner.name) executor\n".utf8))
        for s in manifest.segmentsDone..<segments.count {
            // An island that already finished this segment (run by another scheduler from
            // --plan, or before a kill) is not run again.
            let tasks = (0..<model.islands).filter { !finished(island: $0, segment: s, model, dir) }.map { i in
                ExecutorTask(name: "island-\(i) generations \(segments[s].lowerBound)..<\(segments[s].upperBound)",
                             arguments: model.arguments(island: i, segment: s, in: dir))
            }
            do { try runner.run(tasks) { _, _ in } } catch where interrupt.isRaised {
                print("stopped in segment \(s + 1); every island keeps its checkpoints.")
                print("resume with: \(Invocation.command("islands", "--resume", dir))")
                throw ExitCode(130)
            }
            manifest.segmentsDone = s + 1
            try write(manifest, in: dir)
            FileHandle.standardError.write(Data("segment \(s + 1)/\(segments.count): generations \(segments[s].upperBound) of \(model.generations) on every island\n".utf8))
        }
        manifest.champions = try (0..<model.islands).map { i in
            let file = model.islandDirectory(dir, i) + "/hall-of-fame.genome.json"
            let genome = try Genome.load(from: file)
            return .init(island: i, file: "island-\(i)/hall-of-fame.genome.json", id: genome.id, fitness: genome.evaluation?.fitness ?? .nan)
        }
        try write(manifest, in: dir)
        print("done: \(model.islands) islands × \(model.generations) generations in \(dir)")
        for c in manifest.champions {
            print(String(format: "island %d: champion %@ (fitness %.2f on fresh episodes)", c.island, c.id, c.fitness))
        }
    }

    /// Whether island i stands at or past segment s's end, with its emigrants written.
    func finished(island i: Int, segment s: Int, _ model: IslandModel, _ dir: String) -> Bool {
        let end = model.segments[s].upperBound
        let run = RunDirectory(path: model.islandDirectory(dir, i))
        let at = run.checkpointGenerations().last ?? 0
        if at != end || s == model.segments.count - 1 { return at >= end }
        return (1...model.migrants).allSatisfy { FileManager.default.fileExists(atPath: run.emigrantFile(end, rank: $0)) }
    }

    /// A new islands directory: world.toml, islands.json and every island at generation 0.
    func create() throws -> (String, IslandModel, Experiment) {
        var experiment = try WorldLocator.load(WorldLocator.path(for: world))
        if experiment.isOpenEnded { throw ValidationError("'\(experiment.world.name)' is open-ended (an ecosystem); islands evolve generational runs") }
        if experiment.setup.algorithm != "ga" { throw ValidationError("islands need the ga algorithm; '\(experiment.world.name)' uses \(experiment.setup.algorithm)") }
        if experiment.setup.hallOfFameEpisodes == 0 { throw ValidationError("islands rank migrants on the hall of fame's episodes; '\(experiment.world.name)' has hall_of_fame_episodes = 0") }
        if let generations { experiment.setup.generations = generations }
        if let seed { experiment.setup.seed = seed }
        let model = IslandModel(islands: islands, migrateEvery: migrateEvery, migrants: migrants,
                                generations: experiment.setup.generations, seed: experiment.setup.seed, checkpointEvery: checkpointEvery)
        if let problem = model.problem(population: experiment.setup.population) { throw ValidationError(problem) }
        let dir = out ?? RunOptions.freeRunDirectory("islands/\(experiment.world.name)")
        if FileManager.default.fileExists(atPath: dir + "/islands.json") {
            throw ValidationError("'\(dir)' already holds islands; finish them with --resume \(dir), or choose another --out")
        }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileAccess.write(Data(experiment.canonicalTOML.utf8), to: dir + "/world.toml")
        for i in 0..<model.islands { try startIsland(i, model, experiment, dir) }
        try write(model.manifest(world: experiment.world, segmentsDone: 0, champions: [], commandLine: CommandLine.arguments), in: dir)
        return (dir, model, experiment)
    }

    /// Island i at generation 0, unless a killed start already made it.
    func startIsland(_ i: Int, _ model: IslandModel, _ experiment: Experiment, _ dir: String) throws {
        let run = RunDirectory(path: model.islandDirectory(dir, i))
        if run.holdsRun { return }
        var e = experiment
        e.setup.seed = model.seed(ofIsland: i)
        _ = try RunError.bridge { () throws(RunError) in
            try EvolutionRun.start(e, in: run, provenance: .current, threads: 1)
        }
    }

    func open(_ dir: String) throws -> (String, IslandModel, Experiment) {
        let m = try readManifest(dir)
        guard let model = IslandModel(m) else { throw ValidationError("'\(dir)/islands.json' is not a readable islands manifest") }
        let experiment: Experiment
        do { experiment = try Experiment.load(path: dir + "/world.toml") } catch { throw RuntimeFailure(description: error.description) }
        for i in 0..<model.islands { try startIsland(i, model, experiment, dir) }
        return (dir, model, experiment)
    }

    func readManifest(_ dir: String) throws -> IslandModel.Manifest {
        guard let data = try? FileAccess.read(dir + "/islands.json") else { throw ValidationError("'\(dir)' holds no islands (no islands.json)") }
        guard let m = IslandModel.decode(data) else { throw ValidationError("'\(dir)/islands.json' is not a readable islands manifest") }
        return m
    }

    func write(_ m: IslandModel.Manifest, in dir: String) throws {
        try FileAccess.write(IslandModel.encode(m), to: dir + "/islands.json")
    }
}

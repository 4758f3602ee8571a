import Foundation
import NTMBrain
import NTMWorld

/// One run in its run directory: the only code that starts, resumes, records, checkpoints
/// and finishes a run. `evolve` drives it headless, `watch` from the window (at its own pace,
/// generations computed on a background thread), `study` many at once; all three therefore
/// write the same files, bit for bit, and each can continue the others' runs.
///
/// A run is either generational (an ``Evolver`` moving an ``EvolutionState`` on, one
/// generation at a time) or open-ended (an ``Ecosystem`` living epoch after epoch), as its
/// world says. After each generation or epoch it writes the champion and the stats, and a
/// checkpoint every ``checkpointEvery`` units and at the target; ``finish()`` always writes
/// the newest state and the manifest, so an interrupted run resumes where it stopped.
public final class EvolutionRun {
    public private(set) var directory: RunDirectory
    /// The run directory's lock, held for as long as this run is (see ``RunDirectory/stage()``).
    var lock: RunLock?
    public private(set) var experiment: Experiment
    public var world: WorldSpec { experiment.world }
    public var setup: EvolutionSetup { experiment.setup }
    let provenance: RunProvenance
    /// Checkpoint every this many generations (the target always gets one).
    public var checkpointEvery = 1

    public enum Engine {
        case generations(Evolver)
        case ecosystem(Ecosystem)
    }
    public let engine: Engine
    /// The search state entering the next generation (generational runs).
    public internal(set) var state: EvolutionState
    /// Statistics of the epochs so far (open-ended runs; a generational run's are in `state`).
    var epochStats: [GenerationStats] = []
    /// The newest champion file written.
    public private(set) var lastChampion: String?
    /// The run's best champion by re-evaluation on fresh episodes, and where it is.
    public var hallOfFame: (genome: Genome, file: String)? {
        state.hallOfFame.map { ($0, directory.hallOfFameFile) }
    }

    init(directory: RunDirectory, experiment: Experiment, provenance: RunProvenance, engine: Engine, state: EvolutionState) {
        (self.directory, self.experiment, self.provenance, self.engine, self.state) = (directory, experiment, provenance, engine, state)
    }

    /// The evolver of a generational run.
    public var evolver: Evolver? { if case .generations(let e) = engine { return e } else { return nil } }
    /// The living world of an open-ended run.
    public var ecosystem: Ecosystem? { if case .ecosystem(let e) = engine { return e } else { return nil } }

    /// "generation" or "epoch".
    public var unit: String { ecosystem == nil ? "generation" : "epoch" }
    /// Generations (or epochs) completed.
    public var completed: Int { ecosystem?.epoch ?? state.generation }
    /// Generations (or epochs) the run is set to reach.
    public var target: Int { setup.generations }
    public var isComplete: Bool { completed >= target }
    /// One row per completed generation or epoch.
    public var stats: [GenerationStats] { ecosystem == nil ? state.stats : epochStats }

    // MARK: Starting and resuming

    /// A new run of `experiment` in `directory`, which must not hold one already. The run
    /// is set up and checkpointed beside it and then moved in, in one rename (see
    /// ``RunDirectory/stage()``), so an interrupted start leaves nothing to clear up.
    public static func start(_ experiment: Experiment, in directory: RunDirectory, provenance: RunProvenance,
                             threads: Int) throws(RunError) -> EvolutionRun {
        FaultPoint.reach("start")
        try MemoryBudget.check(experiment, threads: threads)
        let (staging, lock) = try directory.stage()
        let run: EvolutionRun
        do {
            run = try begin(experiment, in: staging, provenance: provenance, threads: threads)
            try staging.publish(as: directory)
        } catch {
            staging.discard()
            throw error
        }
        FaultPoint.reach("published")
        run.directory = directory
        run.lock = lock
        return run
    }

    /// Generation 0 of `experiment` written into `directory`: its files and first checkpoint.
    private static func begin(_ experiment: Experiment, in directory: RunDirectory, provenance: RunProvenance,
                              threads: Int) throws(RunError) -> EvolutionRun {
        try io(directory) {
            try directory.create()
            try RunDirectory.write(Data(experiment.canonicalTOML.utf8), to: directory.worldFile)
            try directory.writeStats([])
            try directory.writeManifest(experiment, provenance: provenance, finished: false)
        }
        FaultPoint.reach("staged")
        let run: EvolutionRun
        if experiment.isOpenEnded {
            run = EvolutionRun(directory: directory, experiment: experiment, provenance: provenance,
                               engine: .ecosystem(Ecosystem(spec: experiment.world, setup: experiment.setup)),
                               state: EvolutionState(generation: 0, population: [], stats: []))
        } else {
            let evolver = Evolver(world: experiment.world, setup: experiment.setup, threads: threads)
            run = EvolutionRun(directory: directory, experiment: experiment, provenance: provenance,
                               engine: .generations(evolver), state: evolver.initialState())
        }
        try run.writeCheckpoint()
        return run
    }

    /// The run in `directory`, continued from `checkpoint` (a file; default: the newest),
    /// set to reach `generations` if given. Its world and setup are its own `world.toml`;
    /// the checkpoint must belong to them.
    public static func resume(_ directory: RunDirectory, generations: Int? = nil, checkpoint: String? = nil,
                              provenance: RunProvenance, threads: Int) throws(RunError) -> EvolutionRun {
        guard FileManager.default.fileExists(atPath: directory.worldFile) else {
            throw .input("'\(directory.path)' is not a run directory (no world.toml); give the RUN_DIR an earlier `ntmlife evolve` wrote")
        }
        let lock = try directory.lock()
        directory.removeStaleTemporaries()
        var experiment: Experiment
        do { experiment = try Experiment.load(path: directory.worldFile) } catch { throw .input(error.description) }
        if let generations { experiment.setup.generations = generations }
        let file: String
        if let checkpoint {
            file = checkpoint
        } else if let g = directory.checkpointGenerations().last {
            file = directory.checkpointFile(g)
        } else {
            // Stopped before its first checkpoint: the run is its world.toml, so begin it again.
            try MemoryBudget.check(experiment, threads: threads)
            let run = try begin(experiment, in: directory, provenance: provenance, threads: threads)
            run.lock = lock
            return run
        }
        try MemoryBudget.check(experiment, threads: threads)
        let run = try continueRun(experiment, from: file, in: directory, provenance: provenance, threads: threads)
        if let generations, generations < run.completed {
            throw .input("run '\(directory.path)' has completed \(run.completed) \(run.unit)s; --generations \(generations) would end it before that (give \(run.completed) or more)")
        }
        run.lock = lock
        return run
    }

    /// The run in `directory` from the checkpoint `file`, after every check that it is this
    /// run's.
    private static func continueRun(_ experiment: Experiment, from file: String, in directory: RunDirectory,
                                     provenance: RunProvenance, threads: Int) throws(RunError) -> EvolutionRun {
        if experiment.isOpenEnded {
            let (eco, stats): (Ecosystem, [GenerationStats])
            do { (eco, stats) = try EcosystemCheckpoint.load(from: file, spec: experiment.world, setup: experiment.setup) } catch {
                throw .input(error.description)
            }
            let run = EvolutionRun(directory: directory, experiment: experiment, provenance: provenance, engine: .ecosystem(eco),
                                   state: EvolutionState(generation: 0, population: [], stats: []))
            run.epochStats = stats
            return run
        }
        let loaded: Checkpoint
        do { loaded = try Checkpoint.load(from: file) } catch { throw .input(error.description) }
        guard loaded.belongs(to: experiment.world, experiment.setup) else {
            throw .input("checkpoint '\(file)' belongs to another world or evolution setup (\(loaded.worldHash)) than '\(directory.worldFile)'; was world.toml changed?")
        }
        if let i = loaded.state.population.firstIndex(where: { $0.architecture != experiment.world.architecture }) {
            throw .input("checkpoint '\(file)': genome \(i) has another brain architecture than the world's")
        }
        if let hall = loaded.state.hallOfFame, hall.architecture != experiment.world.architecture {
            throw .input("checkpoint '\(file)': its hall of fame has another brain architecture than the world's")
        }
        let evolver = Evolver(world: experiment.world, setup: experiment.setup, threads: threads)
        // The search state must have the shape this setup's algorithm gives it.
        let fresh = evolver.initialState()
        guard loaded.state.population.count == fresh.population.count,
              loaded.state.auxiliary.map(\.count) == fresh.auxiliary.map(\.count) else {
            throw .input("checkpoint '\(file)' holds \(loaded.state.population.count) genomes and \(loaded.state.auxiliary.count) auxiliary vectors; the setup's \(experiment.setup.algorithm) needs \(fresh.population.count) and \(fresh.auxiliary.count) of lengths \(fresh.auxiliary.map(\.count))")
        }
        return EvolutionRun(directory: directory, experiment: experiment, provenance: provenance,
                            engine: .generations(evolver), state: loaded.state)
    }

    // MARK: Moving on

    /// Computes the next generation without recording it: what a background thread runs
    /// (``commit(_:)`` then records it). `clock` is for the throughput figure only.
    public func evaluate(clock: () -> Double) -> Evolver.Outcome {
        evolver!.step(state, clock: clock)
    }

    /// Records a generation computed by ``evaluate(clock:)`` from the current state: its
    /// champion, the stats, and the checkpoint when one is due. Returns the champion's file.
    @discardableResult
    public func commit(_ outcome: Evolver.Outcome) throws(RunError) -> String {
        let write = stage(outcome)
        try write()
        return lastChampion!
    }

    /// Takes a generation in (the state moves on) and returns the writes that record it,
    /// to run now (``commit(_:)``) or beside the next generation's evaluation
    /// (``run(clock:stop:progress:)``). The writes hold copies of what they record, so the
    /// run may go on while they happen.
    func stage(_ outcome: Evolver.Outcome) -> @Sendable () throws(RunError) -> Void {
        precondition(outcome.next.generation == state.generation + 1, "an outcome of another generation")
        let file = directory.championFile(state.generation)
        let hall = outcome.next.hallOfFame != state.hallOfFame ? outcome.next.hallOfFame : nil
        let (directory, champion, next) = (self.directory, outcome.champion, outcome.next)
        let checkpoint = checkpointDue(after: next.generation) ? (world: world, setup: setup) : nil
        state = next
        lastChampion = file
        return { () throws(RunError) in
            try Self.io(directory) {
                try champion.save(to: file)
                if let hall { try hall.save(to: directory.hallOfFameFile) }
                try directory.writeStats(next.stats)
            }
            FaultPoint.reach("committed")
            if let checkpoint { try Self.writeCheckpoint(next, world: checkpoint.world, setup: checkpoint.setup, in: directory) }
        }
    }

    /// Ends the ecosystem's current epoch (its ticks all run) and records it: the champion
    /// (if anyone lives), the stats, the checkpoint when due. Every epoch is recorded, for as
    /// long as the world lives, past the target too.
    @discardableResult
    public func closeEpoch(seconds: Double) throws(RunError) -> Ecosystem.EpochOutcome {
        let eco = ecosystem!
        let e = eco.epoch
        let outcome = eco.closeEpoch(seconds: seconds)
        epochStats.append(outcome.stats)
        try Self.io(directory) {
            if let c = outcome.champion {
                try c.save(to: directory.championFile(e))
                lastChampion = directory.championFile(e)
            }
            try directory.writeStats(epochStats)
        }
        if checkpointDue { try writeCheckpoint() }
        return outcome
    }

    /// One generation or epoch, headless; returns its statistics.
    @discardableResult
    public func advance(clock: () -> Double) throws(RunError) -> GenerationStats {
        if let eco = ecosystem {
            let started = clock()
            while !eco.epochIsComplete { eco.advance() }
            return try closeEpoch(seconds: clock() - started).stats
        }
        let outcome = evaluate(clock: clock)
        try commit(outcome)
        return outcome.stats
    }

    /// Runs headless until the target is reached or `stop()` says so (checked between
    /// generations), then ``finish()``es. `progress` sees each generation's statistics.
    ///
    /// A generational run writes each generation's files (``stage(_:)``) on a
    /// ``RecordWriter`` while it evaluates the next one; the files and their order are
    /// those of ``advance(clock:)``, one generation after another.
    public func run(clock: () -> Double, stop: () -> Bool = { false },
                    progress: (GenerationStats) -> Void = { _ in }) throws(RunError) {
        guard ecosystem == nil else {
            while !isComplete && !stop() { progress(try advance(clock: clock)) }
            try finish()
            return
        }
        let writer = RecordWriter()
        while !isComplete && !stop() {
            let outcome = evaluate(clock: clock)
            try writer.wait()
            writer.start(stage(outcome))
            progress(outcome.stats)
        }
        try writer.wait()
        try finish()
    }

    /// Writes the newest state and the manifest (finished once the target is reached). A
    /// living world stopped between epochs (in the window) keeps its checkpoint of the last
    /// whole epoch: a checkpoint is always an epoch boundary.
    public func finish() throws(RunError) {
        if ecosystem.map({ $0.ticksIntoEpoch == 0 }) ?? true { try writeCheckpoint() }
        try Self.io(directory) { try directory.writeManifest(experiment, provenance: provenance, finished: isComplete) }
    }

    var checkpointDue: Bool { checkpointDue(after: completed) }

    /// Whether the state after `completed` units gets a checkpoint: every
    /// ``checkpointEvery``, and at the target.
    func checkpointDue(after completed: Int) -> Bool { completed % max(checkpointEvery, 1) == 0 || completed == target }

    func writeCheckpoint() throws(RunError) {
        guard let eco = ecosystem else {
            return try Self.writeCheckpoint(state, world: world, setup: setup, in: directory)
        }
        try Self.io(directory) {
            try directory.writeCheckpoint(EcosystemCheckpoint.fileData(eco, stats: epochStats), generation: eco.epoch)
        }
    }

    /// A generational run's checkpoint of `state`, named by its generation: the one way one
    /// is written, inline or on the ``RecordWriter``.
    static func writeCheckpoint(_ state: EvolutionState, world: WorldSpec, setup: EvolutionSetup,
                                in directory: RunDirectory) throws(RunError) {
        try io(directory) {
            try directory.writeCheckpoint(Checkpoint(state: state, world: world, setup: setup).fileData(), generation: state.generation)
        }
    }

    /// File-system failures are runtime failures, with the run directory in the message.
    static func io(_ directory: RunDirectory, _ body: () throws -> Void) throws(RunError) {
        do { try body() } catch {
            let why = (error as? GenomeFileError)?.description ?? error.localizedDescription
            throw .runtime("cannot write the run directory '\(directory.path)': \(why)")
        }
    }
}

/// Why a run cannot go on: bad input (a file, an argument) or a failure at run time.
public enum RunError: Error, CustomStringConvertible, Equatable {
    case input(String)
    case runtime(String)

    public var description: String {
        switch self {
        case .input(let m), .runtime(let m): return m
        }
    }
}

import Foundation
import NTMEvolution
import NTMWorld

/// A generational run (any search algorithm) evolving live.
///
/// Each generation is computed by ``EvolutionRun/evaluate(clock:)`` on a background thread
/// and recorded by ``EvolutionRun/commit(_:)`` on the window's: the very run `evolve` drives,
/// so a run watched in the window produces the same files, bit for bit, as one run headless,
/// and either can resume the other's checkpoints. What the window shows is a *replica*:
/// the arena of the generation's first `agents_per_arena` genomes (after selection, the
/// elites) on episode 0's layout, then episode 1's and so on, stepped at the viewer's pace.
/// Interventions (a live lesion) touch only the replica, never the evolution.
public final class GenerationSession: LiveSession {
    public let run: EvolutionRun
    public var spec: WorldSpec { run.world }
    public private(set) var arena: Arena
    public private(set) var tints: [RGBA]
    public private(set) var failure: String?
    var episode = 0
    var messages: [String] = []
    let pending = PendingOutcome()

    public init(run: EvolutionRun) {
        self.run = run
        (arena, tints) = Self.replica(run, episode: 0)
        startEvaluation()
    }

    static func replica(_ run: EvolutionRun, episode: Int) -> (Arena, [RGBA]) {
        let members = Array(run.state.population.prefix(run.world.episode.agentsPerArena))
        let arena = Arena(spec: run.world, genomes: members.map(\.parameters),
                          layoutSeed: PopulationEvaluator.layoutSeed(seed: run.setup.seed, generation: run.state.generation, episode: episode))
        return (arena, members.map { LineageTint.color(of: $0.parameters) })
    }

    public var state: EvolutionState { run.state }
    public var isEvolving: Bool { !run.isComplete }
    public var isFinished: Bool { !isEvolving }
    public var title: String { "\(spec.name) · evolving (\(run.setup.algorithm))" }
    public var status: String {
        let episodes = run.setup.episodes
        let g = isEvolving ? "generation \(state.generation) of \(run.target)" : "done: \(run.target) generations"
        let waiting = isEvolving && arena.tick >= spec.episode.ticks && episode == episodes - 1 ? " · evaluating…" : ""
        return "\(g) · tick \(arena.tick) of \(spec.episode.ticks) · episode \(episode + 1) of \(episodes)\(waiting)"
    }
    public var stats: [GenerationStats] { state.stats }

    func startEvaluation() {
        guard isEvolving, let evolver = run.evolver else { return }
        let (state, pending) = (run.state, self.pending)
        pending.start()
        Thread.detachNewThread {
            let outcome = evolver.step(state) { Date().timeIntervalSinceReferenceDate }
            pending.finish(outcome)
        }
    }

    /// Takes a finished generation, if there is one: records it and moves on.
    @discardableResult
    func collect() -> Bool {
        guard let outcome = pending.take() else { return false }
        let g = state.generation
        do {
            try run.commit(outcome)
            messages.append(String(format: "generation %d: best %.2f, mean %.2f (saved)", g, outcome.stats.best, outcome.stats.mean))
        } catch {
            failure = error.description
        }
        episode = 0
        (arena, tints) = Self.replica(run, episode: 0)
        startEvaluation()
        return true
    }

    public func advance() -> Bool {
        if failure != nil { return false }
        if arena.tick < spec.episode.ticks {
            arena.step()
            return true
        }
        if episode + 1 < run.setup.episodes {
            episode += 1
            (arena, tints) = Self.replica(run, episode: episode)
            return true
        }
        if isEvolving { return collect() }
        // Done evolving: the last population lives on, episode 0 again.
        episode = 0
        (arena, tints) = Self.replica(run, episode: 0)
        return true
    }

    /// The fastest speed: no replica ticks at all, just generations as fast as they come.
    public func fastForward(budgetSeconds: Double, clock: () -> Double) {
        guard isEvolving else {
            let start = clock()
            while clock() - start < budgetSeconds { _ = advance() }
            return
        }
        let start = clock()
        while failure == nil && clock() - start < budgetSeconds {
            if !collect() { usleep(1000) }
        }
    }

    public func genome(slot: Int) -> Genome? {
        slot < arena.agentCount ? state.population[slot] : nil
    }

    /// With the record `evolve` gives champions (clones protocol on this generation's layouts).
    public func genomeForSaving(slot: Int) -> Genome? {
        genome(slot: slot).flatMap { g in run.evolver.map { $0.record(g, generation: state.generation) } }
    }

    public func wipeMemory(slot: Int) { arena.brains.wipeMemory(agent: slot) }

    public func takeMessages() -> [String] {
        defer { messages = [] }
        return messages
    }

    /// Waits for a generation in flight to finish (so quitting never abandons a thread
    /// half-way through writing nothing, and tests see a settled state).
    public func settle() { pending.wait() }
}

/// The hand-over between the background evaluation and the window thread.
final class PendingOutcome: @unchecked Sendable {
    let condition = NSCondition()
    var running = false
    var outcome: Evolver.Outcome?

    func start() {
        condition.lock(); running = true; condition.unlock()
    }

    func finish(_ o: Evolver.Outcome) {
        condition.lock()
        outcome = o
        running = false
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Evolver.Outcome? {
        condition.lock(); defer { condition.unlock() }
        defer { outcome = nil }
        return outcome
    }

    func wait() {
        condition.lock()
        while running { condition.wait() }
        condition.unlock()
    }
}

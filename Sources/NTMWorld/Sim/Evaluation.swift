import Dispatch
import NTMBrain
import Synchronization

/// Scores a population in a world: every genome lives `episodes` lifetimes, in arenas of
/// `agents_per_arena` (genomes in population order), and its fitness is the mean.
///
/// Episode e of generation g uses the layout seed `(seed, g, e)` for *every* arena: each
/// genome meets the same world (common random numbers), so differences in fitness come from
/// the genomes, not the luck of the draw. Arenas are independent jobs (chunks of one arena)
/// that idle threads take in turn; each result lands in its own slot and sums are taken in
/// job order, so the result does not depend on the thread count or on who ran what.
public struct PopulationEvaluator: Sendable {
    public let spec: WorldSpec
    /// Lifetimes per genome per evaluation.
    public let episodes: Int
    public let threads: Int

    public init(spec: WorldSpec, episodes: Int, threads: Int) {
        self.spec = spec
        self.episodes = max(1, episodes)
        self.threads = max(1, threads)
    }

    /// The layout seed of one episode of one generation.
    public static func layoutSeed(seed: UInt64, generation: Int, episode: Int) -> UInt64 {
        RandomStream.derivedSeed(seed, .episode, UInt64(generation), UInt64(episode))
    }

    public struct Result: Sendable {
        /// Mean fitness over episodes, per genome.
        public var fitness: [Double]
        /// Agent-steps simulated (for throughput figures).
        public var agentSteps: Int
        /// Mean write gate and mean |read| over all live agent-steps of the last tick of each
        /// lifetime (a cheap signal of tape use).
        public var meanGate: Double
        public var meanReadNorm: Double
        /// Every agent's hidden-information decisions, summed (a world without decisions: zero).
        public var decisions: DecisionCount
    }

    public func evaluate(_ genomes: [[Float]], seed: UInt64, generation: Int) -> Result {
        let perArena = spec.episode.agentsPerArena
        let arenasPerEpisode = (genomes.count + perArena - 1) / perArena
        let jobs = arenasPerEpisode * episodes
        let scores = JobSlots<([Double], Int, Double, Double, DecisionCount)>(count: jobs)
        let workers = min(threads, jobs)
        // Each worker takes the next job until none is left, so a worker that drew cheap
        // arenas (agents that died early) does not idle while another finishes. Which worker
        // ran a job changes nothing: its result has its own slot, and the sums below run
        // in job order.
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let job = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard job < jobs else { break }
                let episode = job / arenasPerEpisode, a = job % arenasPerEpisode
                let members = Array(genomes[(a * perArena)..<min((a + 1) * perArena, genomes.count)])
                let arena = Arena(spec: spec, genomes: members,
                                  layoutSeed: Self.layoutSeed(seed: seed, generation: generation, episode: episode))
                arena.run()
                var gate = 0.0, read = 0.0
                var decisions = DecisionCount()
                for i in 0..<arena.agentCount {
                    gate += Double(arena.brains.lastGate(agent: i))
                    read += Double(arena.brains.lastRead(agent: i).reduce(0) { $0 + abs($1) })
                    decisions = decisions + arena.decisions(of: i)
                }
                scores[job] = (arena.fitness(), arena.tick * arena.agentCount, gate, read, decisions)
            }
        }
        var fitness = [Double](repeating: 0, count: genomes.count)
        var steps = 0, gate = 0.0, read = 0.0
        var decisions = DecisionCount()
        for job in 0..<jobs {
            let (f, s, g, r, d) = scores[job]!
            let a = job % arenasPerEpisode
            for (k, v) in f.enumerated() { fitness[a * perArena + k] += v }
            steps += s; gate += g; read += r
            decisions = decisions + d
        }
        let count = Double(episodes)
        return Result(fitness: fitness.map { $0 / count }, agentSteps: steps,
                      meanGate: gate / Double(genomes.count) / count,
                      meanReadNorm: read / Double(genomes.count) / count, decisions: decisions)
    }
}

/// Write-once result slots shared by worker threads; each index is written by one job.
/// Distinct indices may be written concurrently: the storage is a fixed allocation, so no
/// write touches any other slot or any shared header.
final class JobSlots<T>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: max(count, 1))
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    subscript(i: Int) -> T? {
        get { slots[i] }
        set { slots[i] = newValue }
    }
}

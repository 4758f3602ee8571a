import Dispatch
import Synchronization
import NTMBrain
import NTMWorld

/// A genome judged on fresh episodes: layouts no run ever selected on.
///
/// Episode e is laid out from (derived seed, generation 0, e), where the derived seed is
/// (seed, HELD): a stream no run's selection episodes (seed, EPIS, g, e) and no hall of
/// fame's (seed, HALL) can coincide with. Each episode is one replay of the genome in its
/// recorded arrangement (an arena of clones, or alone), with an optional lesion; the
/// genome's fitness and its decisions are slot 0's. Episodes are split over threads in
/// contiguous chunks and joined in order, so the result is the same at any thread count.
public struct HeldOutEvaluation: Sendable {
    public var world: WorldSpec
    public var genome: Genome
    public var episodes: Int
    public var seed: UInt64
    public var lesion: Lesion?

    public init(world: WorldSpec, genome: Genome, episodes: Int, seed: UInt64, lesion: Lesion? = nil) {
        (self.world, self.genome, self.episodes, self.seed, self.lesion) = (world, genome, max(1, episodes), seed, lesion)
    }

    /// The run seed whose generation-0 layouts are the held-out episodes of `seed`.
    public static func layoutRunSeed(_ seed: UInt64) -> UInt64 { RandomStream.derivedSeed(seed, .heldOut) }

    public struct Result: Sendable {
        public var episodeFitness: [Double]
        public var decisions: DecisionCount
        public var meanFitness: Double { Statistics.mean(episodeFitness) }
        public var fitnessInterval: (low: Double, high: Double) { Statistics.meanInterval(episodeFitness) }
        /// Right / informed decisions (nil when there were none).
        public var accuracy: Double? { decisions.made > 0 ? Double(decisions.right) / Double(decisions.made) : nil }
        public var accuracyInterval: (low: Double, high: Double) { Statistics.wilson(decisions.right, decisions.made) }
    }

    public func run(threads: Int = 1) -> Result {
        let chunks = max(1, min(threads, episodes))
        let slots = ResultSlots<Replay.Result>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let first = c * episodes / chunks, last = (c + 1) * episodes / chunks
            var replay = Replay(spec: world, genome: genome)
            replay.seed = Self.layoutRunSeed(seed)
            replay.generation = 0
            replay.firstEpisode = first
            replay.episodes = last - first
            replay.lesion = lesion
            slots[c] = replay.run()
        }
        var fitness: [Double] = [], decisions = DecisionCount()
        for c in 0..<chunks {
            fitness += slots[c]!.episodeFitness
            decisions = decisions + slots[c]!.episodeDecisions.reduce(DecisionCount(), +)
        }
        return Result(episodeFitness: fitness, decisions: decisions)
    }
}

/// Result slots for worker threads; each index is written by one worker.
final class ResultSlots<T: Sendable>: Sendable {
    private let slots: Mutex<[T?]>
    init(count: Int) { slots = Mutex([T?](repeating: nil, count: count)) }
    subscript(i: Int) -> T? {
        get { slots.withLock { $0[i] } }
        set { slots.withLock { $0[i] = newValue } }
    }
}

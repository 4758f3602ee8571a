import NTMBrain
import NTMWorld

/// Re-runs the evaluation a genome file records (NTMBrain.docc/Algorithms.md §6: a saved genome replayed
/// on the same world and seed reproduces its fitness bit for bit).
///
/// The protocol is the one ``Evolver/record(_:generation:)`` used: for each of the recorded
/// episodes, an arena built from that generation's layout seed and filled with clones of the
/// genome (or the genome alone, in a solo world); the fitness is slot 0's, summed over
/// episodes in order and divided by their number: the same arithmetic as the evaluator.
public struct Replay {
    /// Interventions on a replayed brain (NTMBrain.docc/Algorithms.md §5).
    public enum Lesion: Equatable, Sendable, CustomStringConvertible {
        /// From tick T on, every tape is zeroed at the start of each tick: whatever an agent
        /// writes can be read back within the same step, but nothing survives to the next.
        case wipe(from: Int)
        /// Every read uses a random key (standard normal entries, drawn from a stream keyed
        /// by (seed, episode, tick, agent)) instead of the controller's own: the tape is
        /// written as usual, but what comes back is unrelated to what the agent asked for.
        case shuffleKeys

        /// Parses `wipe@T` or `shuffle-keys`.
        public init?(argument: String) {
            if argument == "shuffle-keys" { self = .shuffleKeys; return }
            guard argument.hasPrefix("wipe@"), let t = Int(argument.dropFirst(5)), t >= 0 else { return nil }
            self = .wipe(from: t)
        }

        public var description: String {
            switch self {
            case .wipe(let t): return "wipe@\(t)"
            case .shuffleKeys: return "shuffle-keys"
            }
        }

        /// The random read key of one agent at one tick (for `shuffle-keys`).
        static func randomKey(seed: UInt64, episode: Int, tick: Int, agent: Int, width: Int) -> [Float] {
            var rng = RandomStream.generator(seed, .shuffle, UInt64(episode), UInt64(tick), UInt64(agent))
            return (0..<width).map { _ in Float(rng.nextGaussian()) }
        }
    }

    public let spec: WorldSpec
    public let genome: Genome
    public var seed: UInt64
    public var generation: Int
    public var episodes: Int
    public var lesion: Lesion?

    /// A replay of `genome`'s recorded evaluation in `spec` (seed, generation and episodes
    /// from the record, else from `defaults`, unless overridden afterwards).
    public init(spec: WorldSpec, genome: Genome, defaults: EvolutionSetup = EvolutionSetup()) {
        self.spec = spec
        self.genome = genome
        seed = genome.evaluation?.seed ?? defaults.seed
        generation = genome.evaluation?.generation ?? 0
        episodes = genome.evaluation.map { max($0.episodes, 1) } ?? defaults.episodes
    }

    /// One row of a trace: one agent at the end of one tick.
    public struct TraceRow {
        public var episode: Int, tick: Int, agent: Int
        public var x: Float, y: Float, hx: Float, hy: Float, energy: Float, alive: Bool
        public var sensors: [Float], outputs: [Float], read: [Float], gate: Float
    }

    public struct Result: Sendable {
        public var fitness: Double
        /// FNV-1a over every agent's position, heading and energy at every tick.
        public var trajectoryHash: String
    }

    /// Runs the replay; `trace`, if given, receives a row per agent per tick, and `frame`
    /// the arena after each tick (episode, arena), e.g. to draw it.
    public func run(trace: ((TraceRow) -> Void)? = nil, frame: ((Int, Arena) -> Void)? = nil) -> Result {
        let runner = Runner(self, trace: trace)
        while runner.step() { frame?(runner.episode, runner.arena) }
        return runner.result!
    }

    /// A replay taken one tick at a time (the window's pace); ``Replay/run(trace:frame:)``
    /// is this in a loop, so a replay watched in a window gives the same result as one run
    /// headless.
    public final class Runner {
        public let replay: Replay
        public private(set) var episode = 0
        /// The arena of the current episode (after the last, the last one's final state).
        public private(set) var arena: Arena
        /// Set once every episode has run.
        public private(set) var result: Result?
        let trace: ((TraceRow) -> Void)?
        var total = 0.0
        var hash = StateHash()

        public init(_ replay: Replay, trace: ((TraceRow) -> Void)? = nil) {
            self.replay = replay
            self.trace = trace
            arena = Self.makeArena(replay, episode: 0, recordsOutputs: trace != nil)
        }

        static func makeArena(_ r: Replay, episode e: Int, recordsOutputs: Bool) -> Arena {
            let count = r.spec.episode.agentsPerArena
            let clones = [[Float]](repeating: r.genome.parameters, count: count)
            let arena = Arena(spec: r.spec, genomes: clones,
                              layoutSeed: PopulationEvaluator.layoutSeed(seed: r.seed, generation: r.generation, episode: e))
            arena.brains.recordsOutputs = recordsOutputs
            if r.lesion == .shuffleKeys {
                let (s, width) = (r.seed, r.spec.architecture.keyWidth)
                arena.brains.readKeyOverride = { [unowned arena] agent in
                    Lesion.randomKey(seed: s, episode: e, tick: arena.tick, agent: agent, width: width)
                }
            }
            return arena
        }

        /// Runs one tick (starting the next episode when one ends); `false` once the replay
        /// is over, when ``result`` is set.
        @discardableResult
        public func step() -> Bool {
            guard result == nil else { return false }
            let spec = replay.spec, count = spec.episode.agentsPerArena
            if arena.tick >= spec.episode.ticks {
                total += arena.fitness()[0]
                episode += 1
                guard episode < replay.episodes else {
                    result = Result(fitness: total / Double(replay.episodes), trajectoryHash: hash.hex)
                    return false
                }
                arena = Self.makeArena(replay, episode: episode, recordsOutputs: trace != nil)
            }
            if case .wipe(let from)? = replay.lesion, arena.tick >= from {
                for i in 0..<count { arena.brains.wipeMemory(agent: i) }
            }
            arena.step()
            let (x, y, hx, hy, energy, alive) = (arena.x, arena.y, arena.hx, arena.hy, arena.energy, arena.alive)
            for i in 0..<count {
                hash.combine(x[i]); hash.combine(y[i]); hash.combine(hx[i]); hash.combine(hy[i]); hash.combine(energy[i])
                trace?(TraceRow(episode: episode, tick: arena.tick - 1, agent: i, x: x[i], y: y[i], hx: hx[i], hy: hy[i],
                                energy: energy[i], alive: alive[i], sensors: arena.lastSensors(of: i),
                                outputs: arena.brains.lastOutputs(agent: i), read: arena.brains.lastRead(agent: i),
                                gate: arena.brains.lastGate(agent: i)))
            }
            return true
        }
    }
}

import NTMBrain
import NTMWorld

/// Re-runs the evaluation a genome file records (NTMBrain.docc/Algorithms.md §6: a saved
/// genome replayed on the same world and seed reproduces its fitness bit for bit), or, with
/// another seed or a lesion, runs an experiment on the genome.
///
/// The protocol is the one ``Evolver/record(_:generation:)`` used: for each of the recorded
/// episodes, an arena built from that generation's layout seed and filled with clones of the
/// genome (or the genome alone, in a solo world); the fitness is slot 0's, summed over
/// episodes in order and divided by their number: the same arithmetic as the evaluator.
public struct Replay {
    public let spec: WorldSpec
    public let genome: Genome
    public var seed: UInt64
    public var generation: Int
    /// The episodes run: `firstEpisode ..< firstEpisode + episodes` of the generation's layouts.
    public var firstEpisode = 0
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

    /// One row of a trace: one agent at the end of one tick, with the world's hidden truth.
    public struct TraceRow {
        public var episode: Int, tick: Int, agent: Int
        public var x: Float, y: Float, hx: Float, hy: Float, energy: Float, alive: Bool
        public var sensors: [Float], outputs: [Float], read: [Float], gate: Float
        /// The trial and its phase (worlds of trials), the goal that is right now, the food types
        /// nourishing now (as indices), the type offered, and the agent's decisions so far.
        public var trial: Int?, phase: TrialPhase?, cue: Int?, goodFood: [Int], offer: Int?, decisions: DecisionCount
    }

    public struct Result: Sendable {
        public var fitness: Double
        /// FNV-1a over every agent's position, heading and energy at every tick.
        public var trajectoryHash: String
        /// Slot 0's fitness in each episode, in order (summed, then divided: the evaluator's
        /// arithmetic, so a recorded fitness is reproduced bit for bit).
        public var episodeFitness: [Double]
        /// Slot 0's decisions in each episode.
        public var episodeDecisions: [DecisionCount]
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
        var fitness: [Double] = []
        var decisions: [DecisionCount] = []
        var hash = StateHash()

        public init(_ replay: Replay, trace: ((TraceRow) -> Void)? = nil) {
            self.replay = replay
            self.trace = trace
            episode = replay.firstEpisode
            arena = Self.makeArena(replay, episode: episode, recordsOutputs: trace != nil)
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
                fitness.append(arena.fitness()[0])
                decisions.append(arena.decisions(of: 0))
                episode += 1
                guard episode < replay.firstEpisode + replay.episodes else {
                    // Summed in episode order, then divided: the evaluator's arithmetic.
                    let total = fitness.reduce(0, +)
                    result = Result(fitness: total / Double(replay.episodes), trajectoryHash: hash.hex,
                                    episodeFitness: fitness, episodeDecisions: decisions)
                    return false
                }
                arena = Self.makeArena(replay, episode: episode, recordsOutputs: trace != nil)
            }
            replay.lesion?.apply(to: arena)
            let position = arena.trialPosition, offer = arena.currentOffer
            arena.step()
            let (x, y, hx, hy, energy, alive) = (arena.x, arena.y, arena.hx, arena.hy, arena.energy, arena.alive)
            for i in 0..<count {
                hash.combine(x[i]); hash.combine(y[i]); hash.combine(hx[i]); hash.combine(hy[i]); hash.combine(energy[i])
                trace?(TraceRow(episode: episode, tick: arena.tick - 1, agent: i, x: x[i], y: y[i], hx: hx[i], hy: hy[i],
                                energy: energy[i], alive: alive[i], sensors: arena.lastSensors(of: i),
                                outputs: arena.brains.lastOutputs(agent: i), read: arena.brains.lastRead(agent: i),
                                gate: arena.brains.lastGate(agent: i), trial: position?.trial, phase: position?.phase,
                                cue: arena.rightGoal(of: i),
                                goodFood: spec.food.indices.filter { spec.food[$0].hiddenValue && arena.foodSign[$0] > 0 },
                                offer: offer, decisions: arena.decisions(of: i)))
            }
            return true
        }
    }
}

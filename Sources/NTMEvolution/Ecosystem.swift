import NTMBrain
import NTMWorld

/// Open-ended evolution: one arena that never resets (see ``WorldSpec/Ecosystem``).
///
/// There are no generations. Selection is reproduction itself: an agent that gathers
/// `reproduce_energy` gives birth to a mutated copy of itself. Time is cut into epochs of
/// `epoch_ticks` only for statistics, champions and checkpoints.
///
/// Every random draw is keyed by what it is for: (seed, tick, slot) for a birth, (seed,
/// tick, k) for the k-th immigrant of a tick. The state is therefore just the arena and the
/// slots' genomes, and a run restored from a checkpoint continues bit for bit.
public final class Ecosystem {
    public let spec: WorldSpec
    public let setup: EvolutionSetup
    /// The open-ended part of the world (`spec.ecosystem`, which an ecosystem requires).
    public let rules: WorldSpec.Ecosystem
    public let arena: Arena
    /// The genome of each slot's current occupant (nil: never occupied).
    public private(set) var genomes: [Genome?]
    /// Children born to each slot's current occupant.
    public private(set) var offspring: [Int]
    /// Epochs completed.
    public private(set) var epoch: Int
    public var seed: UInt64 { setup.seed }
    var mutation: MutationSettings { setup.mutation }
    /// Agent-steps in the current epoch (for the throughput figure).
    var epochAgentSteps = 0

    public static func layoutSeed(_ setup: EvolutionSetup) -> UInt64 {
        RandomStream.derivedSeed(setup.seed, .ecosystem)
    }

    /// A new world: `initial` random founders in the first slots, the rest empty.
    ///
    /// - Precondition: `spec.ecosystem` is set (an open-ended world).
    public convenience init(spec: WorldSpec, setup: EvolutionSetup) {
        let e = spec.ecosystem!
        let founders = (0..<e.initial).map { i -> Genome in
            var rng = RandomStream.generator(setup.seed, .founder, UInt64(i))
            return Genome.random(spec.architecture, using: &rng)
        }
        let slots = founders.map(Optional.some) + [Genome?](repeating: nil, count: e.capacity - e.initial)
        self.init(spec: spec, setup: setup, genomes: slots, offspring: [Int](repeating: 0, count: e.capacity), epoch: 0, snapshot: nil)
    }

    /// A world restored from its parts (see ``EcosystemCheckpoint``).
    public init(spec: WorldSpec, setup: EvolutionSetup, genomes: [Genome?], offspring: [Int], epoch: Int, snapshot: ArenaSnapshot?) {
        self.spec = spec
        self.setup = setup
        rules = spec.ecosystem!
        let zeros = [Float](repeating: 0, count: spec.architecture.parameterCount)
        arena = Arena(spec: spec, genomes: genomes.map { $0?.parameters ?? zeros }, layoutSeed: Self.layoutSeed(setup))
        self.genomes = genomes
        self.offspring = offspring
        self.epoch = epoch
        if let snapshot {
            arena.restore(snapshot)
        } else {
            for i in genomes.indices where genomes[i] == nil { arena.kill(i) }
        }
    }

    /// Live agents (a count, not a list: it is asked every tick).
    public var aliveCount: Int {
        var n = 0
        for i in 0..<arena.agentCount where arena.isAlive(i) { n += 1 }
        return n
    }

    /// What an epoch produced.
    public struct EpochOutcome {
        public var stats: GenerationStats
        /// The living agent with the most children this life (ties: higher score, lower slot).
        public var champion: Genome?
    }

    /// Runs one epoch. `clock` is for the throughput figure only.
    public func runEpoch(clock: () -> Double) -> EpochOutcome {
        let started = clock()
        while !epochIsComplete { advance() }
        return closeEpoch(seconds: clock() - started)
    }

    /// Ticks run in the current epoch so far (0 ..< epoch_ticks; the arena's clock never resets).
    public var ticksIntoEpoch: Int { arena.tick - epoch * rules.epochTicks }

    /// Whether the current epoch has run all its ticks (then ``closeEpoch(seconds:)``).
    public var epochIsComplete: Bool { ticksIntoEpoch >= rules.epochTicks }

    /// One tick of life: the arena steps, then old age, births and immigrants. The window
    /// calls this at its own pace; ``runEpoch(clock:)`` calls it `epoch_ticks` times.
    public func advance() {
        epochAgentSteps += aliveCount
        arena.step()
        lifeAndDeath()
    }

    /// Ends the epoch: statistics over the living, and the champion. `seconds` is the wall
    /// time the epoch took (for the throughput figure only).
    public func closeEpoch(seconds: Double) -> EpochOutcome {
        let agentSteps = epochAgentSteps
        epochAgentSteps = 0
        let living = (0..<arena.agentCount).filter(arena.isAlive)
        let scores = living.map(arena.score(of:))
        var stats = GenerationStats(generation: epoch, best: 0, mean: 0, median: 0, diversity: 0, meanGate: 0,
                                    meanReadNorm: 0, agentStepsPerSecond: Double(agentSteps) / max(seconds, 1e-9),
                                    population: living.count)
        var champion: Genome?
        if !living.isEmpty {
            let s = GenerationStats.summarize(generation: epoch, fitness: scores, genomes: living.map { genomes[$0]! })
            (stats.best, stats.mean, stats.median, stats.diversity) = (s.best, s.mean, s.median, s.diversity)
            stats.meanGate = living.reduce(0.0) { $0 + Double(arena.brains.lastGate(agent: $1)) } / Double(living.count)
            stats.meanReadNorm = living.reduce(0.0) { $0 + Double(arena.brains.lastRead(agent: $1).reduce(0) { $0 + abs($1) }) } / Double(living.count)
            let best = living.max { a, b in
                (offspring[a], arena.score(of: a), -a) < (offspring[b], arena.score(of: b), -b)
            }!
            champion = genomeForSaving(slot: best)
        }
        epoch += 1
        return EpochOutcome(stats: stats, champion: champion)
    }

    /// The genome of `slot`'s occupant with the record of where it lived: this world at
    /// this epoch, and its lifetime score so far (which depends on the whole population, so
    /// it is kept for the record and not replayed).
    public func genomeForSaving(slot: Int) -> Genome? {
        guard slot < genomes.count, var g = genomes[slot] else { return nil }
        g.evaluation = EvaluationRecord(worldHash: spec.hash, seed: seed, generation: epoch, episodes: 0,
                                        arrangement: .ecosystem, fitness: arena.score(of: slot))
        return g
    }

    /// After each tick, in slot order: old age, births into the lowest free slots, and
    /// immigrants while fewer than `min_agents` live.
    func lifeAndDeath() {
        let e = rules
        let tick = UInt64(arena.tick)
        for i in 0..<arena.agentCount where arena.isAlive(i) && e.maxAge > 0 && arena.age(of: i) >= e.maxAge {
            arena.kill(i)
        }
        for i in 0..<arena.agentCount where arena.isAlive(i) && arena.energy(of: i) >= e.reproduceEnergy {
            guard let slot = (0..<arena.agentCount).first(where: { !arena.isAlive($0) }), let parent = genomes[i] else { break }
            var rng = RandomStream.generator(seed, .birth, tick, UInt64(i))
            let child = parent.child(generation: epoch, mutation, using: &rng)
            let (px, py) = arena.position(of: i)
            let angle = Double(rng.nextFloat(in: -.pi, .pi))
            let r = 3 * spec.body.radius
            arena.spawn(slot: slot, parameters: child.parameters, x: px + r * Float(DeterministicMath.cos(angle)),
                        y: py + r * Float(DeterministicMath.sin(angle)), heading: angle, energy: e.offspringEnergy)
            arena.setEnergy(arena.energy(of: i) - e.offspringEnergy, of: i)
            genomes[slot] = child
            offspring[slot] = 0
            offspring[i] += 1
        }
        var k: UInt64 = 0
        while aliveCount < e.minAgents, let slot = (0..<arena.agentCount).first(where: { !arena.isAlive($0) }) {
            var rng = RandomStream.generator(seed, .immigrant, tick, k)
            let living = (0..<arena.agentCount).filter(arena.isAlive)
            let genome = living.isEmpty
                ? Genome.random(spec.architecture, using: &rng)
                : genomes[living[rng.nextInt(below: living.count)]]!.child(generation: epoch, mutation, using: &rng)
            arena.spawn(slot: slot, parameters: genome.parameters,
                        x: rng.nextFloat(in: 0, spec.arena.width), y: rng.nextFloat(in: 0, spec.arena.height),
                        heading: Double(rng.nextFloat(in: -.pi, .pi)), energy: spec.metabolism.initialEnergy)
            genomes[slot] = genome
            offspring[slot] = 0
            k += 1
        }
    }

    /// A fingerprint of the whole living world: genomes, bodies, tapes, food.
    public var stateHash: String {
        Self.stateHash(snapshot: arena.snapshot(), epoch: epoch, genomes: genomes, offspring: offspring)
    }

    /// The fingerprint of an ecosystem made of these parts, computed without building one
    /// (so a checkpoint's checksum is checked before anything is built from its content).
    static func stateHash(snapshot: ArenaSnapshot, epoch: Int, genomes: [Genome?], offspring: [Int]) -> String {
        var h = snapshot.hash
        h.combine(UInt64(bitPattern: Int64(epoch)))
        for (g, n) in zip(genomes, offspring) {
            h.combine(floats: g?.parameters ?? [])
            h.combine(UInt64(bitPattern: Int64(n)))
        }
        return h.hex
    }
}

import NTMBrain

/// One arena for one lifetime: the agents that share it, the things in it, and the clock.
///
/// State is struct-of-arrays: agents and things are indices into flat arrays, and their
/// brains are one ``BrainBatch``. Everything random about the lifetime (layout, starting
/// places, which colours are poisonous, which goal the cue names) is drawn at construction
/// from the stream named by `layoutSeed`, so two arenas built with the same seed are the
/// same world, whichever genomes live in them: common random numbers.
public final class Arena {
    public let spec: WorldSpec
    /// What each agent's sensor vector holds (the world's ``SensorLayout``).
    public let sensorLayout: SensorLayout
    public let brains: BrainBatch
    public var agentCount: Int { brains.count }
    /// Owns the memory of every column below; it goes when the arena does.
    let storage = ColumnStorage()
    @exclusivity(unchecked) public internal(set) var tick = 0

    // The few stored `var`s below are read in every tick's inner loops. A class's `var` is
    // checked for exclusive access at run time on each access (a call into the runtime),
    // which showed up as 2% of a forage run; they are `@exclusivity(unchecked)`. They are
    // reassigned only while the arena is built (and by the testing helpers), never while a
    // tick is reading them, and a `Column` is a pointer: writes through it are not
    // accesses to the property.

    // Agents (columns; see `Column` for why not arrays).
    let agentX: Column<Float>, agentY: Column<Float>
    /// Heading as a unit vector (no angle is stored, so no drift through trigonometry).
    let headingX: Column<Float>, headingY: Column<Float>
    let agentSpeed: Column<Float>, agentEnergy: Column<Float>, agentAlive: Column<Bool>
    let agentTicks: Column<Int>
    /// What the body senses of itself beyond position, energy and speed (taste, pain, …).
    let senses: BodySenses
    let agentFood: Column<Float>, agentDamage: Column<Float>, agentGoal: Column<Float>

    // Food items and hazards.
    @exclusivity(unchecked) var foodPX: Column<Float>, foodPY: Column<Float>, foodKind: Column<Int>
    @exclusivity(unchecked) var foodPresent: Column<Bool>, foodRegrowAt: Column<Int>
    @exclusivity(unchecked) var hazardPX: Column<Float>, hazardPY: Column<Float>, hazardKind: Column<Int>
    /// Per food type: +1 nourishing, −1 poisonous (hidden-value types change sign at the flip).
    let typeSign: Column<Float>
    let typeEnergy: Column<Float>, typeRegrow: Column<Int>
    @exclusivity(unchecked) var hazardDamage: Column<Float>
    /// The goal the cue names now (cue worlds only): drawn once per lifetime, or once per
    /// trial in a world of trials.
    @exclusivity(unchecked) public internal(set) var cueIndex: Int

    // Trials (worlds of trials only; see Arena+Trials.swift).
    let trialPlan: TrialPlan?
    /// The trial and phase of the tick about to run.
    @exclusivity(unchecked) var trialNow: (trial: Int, phase: TrialPhase)?
    /// The goals' centres and radius, and the approach reward, read out of the spec once.
    let goalCentres: [(Float, Float)], goalRadius: Float, approachReward: Float
    /// How far a trial's start is from a goal's edge: what `[cue] approach` measures against.
    let startDistanceToGoal: Float
    /// Per food type, the food item a trial offers of it (−1: none).
    @exclusivity(unchecked) var offerItems: [Int] = []
    /// Per food type: whether this season has shown its value yet.
    @exclusivity(unchecked) var revealedThisSeason: [Bool] = []
    /// Per agent: decided in this trial; decisions counted (informed), right, all.
    let agentDecided: Column<Bool>
    let agentDecisions: Column<Int>, agentRightDecisions: Column<Int>, agentAllDecisions: Column<Int>
    /// Per agent: the goal reached in the trial before (−1: none); what alternation remembers.
    let agentLastGoal: Column<Int>
    /// How agent i's decision in the current trial went: 0 none yet, 1 right, −1 wrong (for
    /// the viewer; nothing in the simulation reads it).
    let agentOutcome: Column<Int>
    /// Per agent: the closest this trial has come to a goal's edge (for `[cue] approach`).
    let agentClosest: Column<Float>

    // Sensing.
    @exclusivity(unchecked) var things: Things
    /// What rays can see of each thing, in the thing grid's slot order (a cell's things are
    /// adjacent, so sensing reads them as a stream), with x = +∞ while the thing cannot be
    /// seen (a hidden hazard, eaten food). Kept in step with `foodPresent` by
    /// ``refreshSeen(_:)``.
    @exclusivity(unchecked) var seen: CircleTable
    /// Every thing's circle, seen or not, in slot order: what bodies can touch
    /// (``forEachThing(touching:_:radius:_:)``).
    @exclusivity(unchecked) var solid: CircleTable
    /// What rays can see of the agents' bodies (by agent index, x = +∞ for the dead; or by
    /// agent grid slot), and agent j's slot; brought up to date at the start of each tick by
    /// ``prepareSensing()``.
    let bodies: CircleTable, slotOfAgent: Column<Int32>
    /// Forces sensing's first pass to one strategy (tests run both); nil: by table size
    /// (``candidateSearch``).
    @exclusivity(unchecked) package var candidateSearchOverride: CandidateSearch?
    /// Thing j's slot in the thing grid.
    @exclusivity(unchecked) var slotOfThing: Column<Int32>
    @exclusivity(unchecked) var thingGrid: SpatialGrid
    let agentGrid: SpatialGrid
    /// Ray angles' cosines and sines, eight rays to a group (padding lanes 0).
    let rayCos: Column<SIMD8<Float>>, raySin: Column<SIMD8<Float>>
    /// Sensing's candidate buffer: room for every thing and every agent, so one query can
    /// never overflow it (each object sits in one grid cell and is visited at most once).
    @exclusivity(unchecked) var senseCandidates: Column<SIMD4<Float>>, senseTags: Column<Int32>
    @exclusivity(unchecked) var motors: [Float]
    /// This tick's turn of each agent as a rotation (cos, sin) (``prepareTurns()``).
    let turnCos: Column<Float>, turnSin: Column<Float>
    let maxThingRadius: Float

    public var x: [Float] { agentX.array }
    public var y: [Float] { agentY.array }
    public var hx: [Float] { headingX.array }
    public var hy: [Float] { headingY.array }
    public var speed: [Float] { agentSpeed.array }
    public var energy: [Float] { agentEnergy.array }
    public var alive: [Bool] { agentAlive.array }
    public var ticksAlive: [Int] { agentTicks.array }
    public var foodEnergy: [Float] { agentFood.array }
    public var damageTaken: [Float] { agentDamage.array }
    public var goalReward: [Float] { agentGoal.array }
    public var foodX: [Float] { foodPX.array }
    public var foodY: [Float] { foodPY.array }
    public var foodType: [Int] { foodKind.array }
    public var foodAlive: [Bool] { foodPresent.array }
    public var hazardX: [Float] { hazardPX.array }
    public var hazardY: [Float] { hazardPY.array }
    public var hazardType: [Int] { hazardKind.array }
    public var foodSign: [Float] { typeSign.array }

    /// Builds the lifetime's world for `genomes` (one agent each, in order).
    public init(spec: WorldSpec, genomes: [[Float]], layoutSeed: UInt64) {
        self.spec = spec
        sensorLayout = spec.body.sensorLayout
        let n = genomes.count
        brains = BrainBatch(architecture: spec.architecture, parameters: genomes,
                            ablation: Ablation(memory: spec.brain.memory))
        var rng = RandomStream.generator(layoutSeed, .layout)
        let a = spec.arena

        // Food, type by type; patches first, then items.
        var (foodX, foodY, foodType) = ([Float](), [Float](), [Int]())
        for (t, f) in spec.food.enumerated() {
            let centres = (0..<max(f.patches, 1)).map { _ in
                (rng.nextFloat(in: f.patchRadius, max(f.patchRadius, a.width - f.patchRadius)),
                 rng.nextFloat(in: f.patchRadius, max(f.patchRadius, a.height - f.patchRadius)))
            }
            for _ in 0..<f.count {
                var px: Float, py: Float
                if f.patches == 0 {
                    px = rng.nextFloat(in: f.radius, a.width - f.radius)
                    py = rng.nextFloat(in: f.radius, a.height - f.radius)
                } else {
                    let c = centres[rng.nextInt(below: centres.count)]
                    let (dx, dy) = Self.pointInDisc(&rng)
                    px = min(max(c.0 + dx * f.patchRadius, f.radius), a.width - f.radius)
                    py = min(max(c.1 + dy * f.patchRadius, f.radius), a.height - f.radius)
                }
                foodX.append(px); foodY.append(py); foodType.append(t)
            }
        }
        // A world of offers lays out one item of each hidden-value type straight ahead of
        // the start; a trial shows only the one it offers.
        if let t = spec.trials, t.offerDistance > 0, let start = a.start, let heading = a.startHeading {
            let angle = Double(heading / 180) * .pi
            let (ox, oy) = (start.x + t.offerDistance * Float(DeterministicMath.cos(angle)),
                            start.y + t.offerDistance * Float(DeterministicMath.sin(angle)))
            offerItems = spec.food.indices.map { type in
                guard spec.food[type].hiddenValue else { return -1 }
                foodX.append(ox); foodY.append(oy); foodType.append(type)
                return foodX.count - 1
            }
        }
        foodPX = storage.make(foodX); foodPY = storage.make(foodY); foodKind = storage.make(foodType)
        foodPresent = storage.make(repeating: true, count: foodX.count)
        foodRegrowAt = storage.make(repeating: 0, count: foodX.count)

        var (hazardX, hazardY, hazardType) = ([Float](), [Float](), [Int]())
        for (t, h) in spec.hazards.enumerated() {
            for _ in 0..<h.count {
                hazardX.append(rng.nextFloat(in: h.radius, a.width - h.radius))
                hazardY.append(rng.nextFloat(in: h.radius, a.height - h.radius))
                hazardType.append(t)
            }
        }

        hazardPX = storage.make(hazardX); hazardPY = storage.make(hazardY); hazardKind = storage.make(hazardType)
        hazardDamage = storage.make(hazardType.map { spec.hazards[$0].damage })
        typeEnergy = storage.make(spec.food.map(\.energy))
        typeRegrow = storage.make(spec.food.map(\.regrow))

        // Hidden values: a random half of the hidden-value types nourish, the rest poison.
        var foodSign = [Float](repeating: 1, count: spec.food.count)
        var hidden = spec.food.indices.filter { spec.food[$0].hiddenValue }
        for i in stride(from: hidden.count - 1, to: 0, by: -1) { hidden.swapAt(i, rng.nextInt(below: i + 1)) }
        for (k, t) in hidden.enumerated() where k % 2 == 1 { foodSign[t] = -1 }
        typeSign = storage.make(foodSign)
        cueIndex = spec.cue == nil ? 0 : rng.nextInt(below: 2)
        trialPlan = spec.trials.map { TrialPlan(spec, $0, layoutSeed: layoutSeed) }
        goalCentres = spec.cue?.goals.map { ($0[0], $0[1]) } ?? []
        goalRadius = spec.cue?.goalRadius ?? 0
        approachReward = spec.trials != nil ? spec.cue?.approach ?? 0 : 0
        let (centres, radius) = (goalCentres, goalRadius)
        startDistanceToGoal = spec.arena.start.map { Arena.distanceToGoal($0.x, $0.y, centres: centres, radius: radius) } ?? .infinity
        revealedThisSeason = [Bool](repeating: false, count: spec.food.count)

        // Agents: starting places and headings, slot by slot.
        var (x, y, hx, hy) = ([Float](), [Float](), [Float](), [Float]())
        for _ in 0..<n {
            let (px, py): (Float, Float)
            if let s = a.start {
                let (dx, dy) = Self.pointInDisc(&rng)
                (px, py) = (s.x + dx * s.radius, s.y + dy * s.radius)
            } else {
                let r = spec.body.radius
                (px, py) = (rng.nextFloat(in: r, a.width - r), rng.nextFloat(in: r, a.height - r))
            }
            let angle = Double(a.startHeading.map { $0 / 180 * .pi } ?? rng.nextFloat(in: -.pi, .pi))
            x.append(px); y.append(py)
            hx.append(Float(DeterministicMath.cos(angle))); hy.append(Float(DeterministicMath.sin(angle)))
        }
        agentX = storage.make(x); agentY = storage.make(y); headingX = storage.make(hx); headingY = storage.make(hy)
        agentSpeed = storage.make(repeating: 0, count: n)
        agentEnergy = storage.make(repeating: spec.metabolism.initialEnergy, count: n)
        agentAlive = storage.make(repeating: true, count: n)
        senses = BodySenses(count: n, storage: storage)
        agentTicks = storage.make(repeating: 0, count: n)
        agentFood = storage.make(repeating: 0, count: n)
        agentDamage = storage.make(repeating: 0, count: n)
        agentGoal = storage.make(repeating: 0, count: n)
        agentDecided = storage.make(repeating: false, count: n)
        agentDecisions = storage.make(repeating: 0, count: n)
        agentRightDecisions = storage.make(repeating: 0, count: n)
        agentAllDecisions = storage.make(repeating: 0, count: n)
        agentLastGoal = storage.make(repeating: -1, count: n)
        agentOutcome = storage.make(repeating: 0, count: n)
        agentClosest = storage.make(repeating: .infinity, count: n)

        // Rays spread evenly over the field of view, centred on the heading.
        let rays = spec.body.rays
        let fov = Double(spec.body.fieldOfView) / 180 * .pi
        let angles = (0..<rays).map { rays == 1 ? 0 : -fov / 2 + fov * Double($0) / Double(rays - 1) }
        let storage = self.storage
        func lanes(_ f: (Double) -> Double) -> Column<SIMD8<Float>> {
            storage.make((0..<(rays + 7) / 8).map { q in
                SIMD8<Float>((0..<8).map { lane -> Float in
                    let k = 8 * q + lane
                    return k < rays ? Float(f(angles[k])) : 0
                })
            })
        }
        rayCos = lanes(DeterministicMath.cos)
        raySin = lanes(DeterministicMath.sin)
        maxThingRadius = max(spec.food.map(\.radius).max() ?? 0, spec.hazards.map(\.radius).max() ?? 0,
                             spec.cue.map { max($0.radius, $0.goalRadius) } ?? 0, spec.nest?.radius ?? 0, spec.body.radius)
        let cell = max(spec.body.range, 2 * maxThingRadius, 1)
        things = Things(Things.Builder(), foodCount: 0, hazardCount: 0, beacon: -1, firstGoal: -1, storage: storage)
        seen = CircleTable(count: 0, storage: storage)
        solid = CircleTable(count: 0, storage: storage)
        bodies = CircleTable(count: n, storage: storage)
        slotOfAgent = storage.make(repeating: 0, count: n)
        slotOfThing = storage.make([])
        senseCandidates = storage.make(repeating: .zero, count: 0)
        senseTags = storage.make(repeating: 0, count: 0)
        thingGrid = SpatialGrid(width: a.width, height: a.height, cellSize: cell, capacity: 0, storage: storage)
        agentGrid = SpatialGrid(width: a.width, height: a.height, cellSize: cell, capacity: n, storage: storage)
        motors = [Float](repeating: 0, count: n * WorldSpec.Body.motorCount)
        turnCos = storage.make(repeating: 1, count: n); turnSin = storage.make(repeating: 0, count: n)
        rebuildThingGrid()
        prepareTrial()
    }

    /// A point uniform in the unit disc (rejection sampling).
    static func pointInDisc(_ rng: inout Xoshiro256StarStar) -> (Float, Float) {
        while true {
            let dx = rng.nextFloat(in: -1, 1), dy = rng.nextFloat(in: -1, 1)
            if dx * dx + dy * dy <= 1 { return (dx, dy) }
        }
    }

    /// Runs the rest of the lifetime.
    public func run() {
        while tick < spec.episode.ticks { step() }
    }

    /// Each agent's lifetime score (see ``WorldSpec/Fitness``).
    public func fitness() -> [Double] {
        let f = spec.fitness
        return (0..<agentCount).map { i in
            Double(f.eat * agentFood[i]) + Double(f.goal * agentGoal[i])
                - Double(f.damage * agentDamage[i]) + Double(f.survival) * Double(agentTicks[i])
        }
    }
}

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
    public let brains: BrainBatch
    public var agentCount: Int { brains.count }
    public internal(set) var tick = 0

    // Agents.
    public internal(set) var x: [Float], y: [Float]
    /// Heading as a unit vector (no angle is stored, so no drift through trigonometry).
    public internal(set) var hx: [Float], hy: [Float]
    public internal(set) var speed: [Float]
    public internal(set) var energy: [Float]
    public internal(set) var alive: [Bool]
    var taste: [Float], pain: [Float]
    public internal(set) var ticksAlive: [Int]
    public internal(set) var foodEnergy: [Float], damageTaken: [Float], goalReward: [Float]

    // Things: food items, hazards, and the beacon/goal markers of a cue world.
    public internal(set) var foodX: [Float], foodY: [Float], foodType: [Int], foodAlive: [Bool]
    var foodRegrowAt: [Int]
    public internal(set) var hazardX: [Float], hazardY: [Float], hazardType: [Int]
    /// For each food type: +1 nourishing, −1 poisonous (hidden-value types change sign at the flip).
    public internal(set) var foodSign: [Float]
    /// The goal the cue named this lifetime (cue worlds only).
    public let cueIndex: Int

    // Sensing.
    var things = Things()
    var thingGrid: SpatialGrid
    var agentGrid: SpatialGrid
    let rayCos: [Float], raySin: [Float]
    var sensors: [Float]
    var motors: [Float]
    let maxThingRadius: Float

    /// Builds the lifetime's world for `genomes` (one agent each, in order).
    public init(spec: WorldSpec, genomes: [[Float]], layoutSeed: UInt64) {
        self.spec = spec
        let n = genomes.count
        brains = BrainBatch(architecture: spec.architecture, parameters: genomes,
                            ablation: Ablation(memory: spec.brain.memory))
        var rng = RandomStream.generator(layoutSeed, 0x4C41_594F)      // "LAYO"
        let a = spec.arena

        // Food, type by type; patches first, then items.
        (foodX, foodY, foodType) = ([], [], [])
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
        foodAlive = [Bool](repeating: true, count: foodX.count)
        foodRegrowAt = [Int](repeating: 0, count: foodX.count)

        (hazardX, hazardY, hazardType) = ([], [], [])
        for (t, h) in spec.hazards.enumerated() {
            for _ in 0..<h.count {
                hazardX.append(rng.nextFloat(in: h.radius, a.width - h.radius))
                hazardY.append(rng.nextFloat(in: h.radius, a.height - h.radius))
                hazardType.append(t)
            }
        }

        // Hidden values: a random half of the hidden-value types nourish, the rest poison.
        foodSign = [Float](repeating: 1, count: spec.food.count)
        var hidden = spec.food.indices.filter { spec.food[$0].hiddenValue }
        for i in stride(from: hidden.count - 1, to: 0, by: -1) { hidden.swapAt(i, rng.nextInt(below: i + 1)) }
        for (k, t) in hidden.enumerated() where k % 2 == 1 { foodSign[t] = -1 }
        cueIndex = spec.cue == nil ? 0 : rng.nextInt(below: 2)

        // Agents: starting places and headings, slot by slot.
        (x, y, hx, hy) = ([], [], [], [])
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
        speed = [Float](repeating: 0, count: n)
        energy = [Float](repeating: spec.metabolism.initialEnergy, count: n)
        alive = [Bool](repeating: true, count: n)
        taste = [Float](repeating: 0, count: n)
        pain = [Float](repeating: 0, count: n)
        ticksAlive = [Int](repeating: 0, count: n)
        foodEnergy = [Float](repeating: 0, count: n)
        damageTaken = [Float](repeating: 0, count: n)
        goalReward = [Float](repeating: 0, count: n)

        // Rays spread evenly over the field of view, centred on the heading.
        let rays = spec.body.rays
        let fov = Double(spec.body.fieldOfView) / 180 * .pi
        let angles = (0..<rays).map { rays == 1 ? 0 : -fov / 2 + fov * Double($0) / Double(rays - 1) }
        rayCos = angles.map { Float(DeterministicMath.cos($0)) }
        raySin = angles.map { Float(DeterministicMath.sin($0)) }
        maxThingRadius = max(spec.food.map(\.radius).max() ?? 0, spec.hazards.map(\.radius).max() ?? 0,
                             spec.cue.map { max($0.radius, $0.goalRadius) } ?? 0, spec.body.radius)
        let cell = max(spec.body.range / 2, 2 * maxThingRadius, 1)
        thingGrid = SpatialGrid(width: a.width, height: a.height, cellSize: cell)
        agentGrid = SpatialGrid(width: a.width, height: a.height, cellSize: cell)
        sensors = [Float](repeating: 0, count: n * spec.body.sensorCount)
        motors = [Float](repeating: 0, count: n * WorldSpec.Body.motorCount)
        rebuildThingGrid()
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
            Double(f.eat * foodEnergy[i]) + Double(f.goal * goalReward[i])
                - Double(f.damage * damageTaken[i]) + Double(f.survival) * Double(ticksAlive[i])
        }
    }
}

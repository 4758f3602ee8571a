import NTMBrain

/// A fully resolved world: every key of a world file with its value (given or default).
///
/// What decides an episode's outcome for a given genome: the arena and what is in it, the
/// agents' bodies and brains, how agents are grouped, how long they live and how they are
/// scored. How a population *evolves* in it (algorithm, population, seed, episodes per
/// evaluation) is not part of the world: that is `EvolutionSetup`, in NTMEvolution, which a
/// world file may carry in its `[evolution]` table. ``hash`` is the world's identity.
/// `WorldSpec+TOML.swift` reads it from a file; the defaults here are the documented
/// defaults of every key (see `Worlds/README.md`).
public struct WorldSpec: Hashable, Sendable {
    public var name = "world"
    public var description = ""

    public var arena = Arena()
    public var body = Body()
    public var metabolism = Metabolism()
    public var brain = Brain()
    public var episode = Episode()
    public var fitness = Fitness()
    public var food: [FoodType] = []
    public var hazards: [HazardType] = []
    public var seasons = Seasons()
    public var cue: Cue?
    /// Present in a world of repeated trials (see ``Trials``); nil otherwise.
    public var trials: Trials?
    public var nest: Nest?
    /// Present in an open-ended world (one arena that never resets); nil in a world of
    /// episodes.
    public var ecosystem: Ecosystem?

    public init() {}

    /// A colour as three channels in [0, 1]; what a sensor ray reports of what it hits.
    public struct Color: Hashable, Sendable {
        public var r: Float, g: Float, b: Float
        public init(_ r: Float, _ g: Float, _ b: Float) { (self.r, self.g, self.b) = (r, g, b) }
        public static let black = Color(0, 0, 0)
    }

    /// An axis-aligned solid rectangle inside the arena.
    public struct Wall: Hashable, Sendable {
        public var x: Float, y: Float, width: Float, height: Float
        public init(x: Float, y: Float, width: Float, height: Float) {
            (self.x, self.y, self.width, self.height) = (x, y, width, height)
        }
    }

    public struct Arena: Hashable, Sendable {
        public init() {}
        /// The arena is [0, width] × [0, height], enclosed by solid walls.
        public var width: Float = 120
        public var height: Float = 120
        /// Interior walls.
        public var walls: [Wall] = []
        /// Where agents are born: a disc [x, y, radius] (default: anywhere clear).
        public var start: Spot? = nil
        /// Born facing this way in degrees (default: a random heading).
        public var startHeading: Float? = nil
    }

    /// A disc in the arena.
    public struct Spot: Hashable, Sendable {
        public var x: Float, y: Float, radius: Float
        public init(x: Float, y: Float, radius: Float) { (self.x, self.y, self.radius) = (x, y, radius) }
    }

    public struct Body: Hashable, Sendable {
        public init() {}
        public var radius: Float = 1
        /// Sensor rays, spread evenly across the field of view.
        public var rays = 8
        public var range: Float = 24
        /// Field of view in degrees.
        public var fieldOfView: Float = 140
        /// Distance per tick at full thrust.
        public var maxSpeed: Float = 0.8
        /// Degrees per tick at full turn.
        public var maxTurn: Float = 20
        /// What the body senses of itself, after the rays (see ``SensorLayout``).
        public var senses: [SensorLayout.BodyChannel] = SensorLayout.defaultBody
        public var sensorLayout: SensorLayout { SensorLayout(rays: rays, body: senses) }
        public var sensorCount: Int { sensorLayout.count }
        /// Motors, in the controller's first output slots: turn and thrust.
        public static let motorNames = ["turn", "thrust"]
        public static let motorCount = motorNames.count
    }

    public struct Metabolism: Hashable, Sendable {
        public init() {}
        public var initialEnergy: Float = 100
        public var maxEnergy: Float = 200
        /// Energy spent every tick, alive or idle.
        public var costPerTick: Float = 0.1
        /// Extra energy per tick at full thrust (scaled by |thrust|).
        public var costPerThrust: Float = 0.1
    }

    public struct Brain: Hashable, Sendable {
        public init() {}
        public var controllerWidth = 128
        public var controllerLayers = 4
        public var gain: Float = 1.7
        public var keyWidth = 32
        public var density = 4
        public var valueWidth = 8
        public var readClamp: Float = 2
        public var recurrentWidth = 0
        public var memory: Ablation.Memory = .full
        /// `memory_kind` and its parameters: which tape (``MemoryKind``).
        public var memoryKind: MemoryKind = .hashed
        /// `controller_kind = "lsh-switched"` with `switch_banks = M`: M slope banks per
        /// layer, chosen by a hash of the layer's input; 1 is the plain controller.
        public var switchBanks = 1
        public var signSeed: UInt64 = BrainArchitecture.defaultSignSeed
    }

    public struct Episode: Hashable, Sendable {
        public init() {}
        /// Ticks in one lifetime.
        public var ticks = 400
        /// Agents sharing one arena: 1 for solo trials.
        public var agentsPerArena = 8
        /// Agents in one arena neither see nor touch each other: each lives as if alone, so
        /// an arena of n isolated agents is n solo lives stepped together (which fills the
        /// brains' eight SIMD lanes). A world of trials must be solo or isolated.
        public var isolated = false
    }

    /// fitness = eat·(energy from food) + goal·(goal rewards) − damage·(damage taken)
    ///         + survival·(ticks alive), summed over a lifetime.
    public struct Fitness: Hashable, Sendable {
        public init() {}
        public var eat: Float = 1
        public var goal: Float = 1
        public var damage: Float = 1
        public var survival: Float = 0
    }

    public struct FoodType: Hashable, Sendable {
        public init() {}
        public var name = "food"
        public var color = Color(0.2, 0.9, 0.2)
        /// Energy gained per bite (lost, when a hidden value makes it poisonous).
        public var energy: Float = 10
        public var count = 40
        public var radius: Float = 0.8
        /// Ticks until an eaten item grows back (0: never).
        public var regrow = 0
        /// Number of patch centres (0: spread uniformly).
        public var patches = 0
        public var patchRadius: Float = 12
        /// When true, whether this type nourishes or poisons is drawn at birth and hidden
        /// from every sensor but taste (see ``Seasons``).
        public var hiddenValue = false
    }

    public struct HazardType: Hashable, Sendable {
        public init() {}
        public var name = "hazard"
        public var color = Color(0.9, 0.1, 0.1)
        public var radius: Float = 2
        public var count = 6
        /// Damage per tick of contact.
        public var damage: Float = 2
        /// Hidden hazards are invisible to rays; only pain reveals them.
        public var visible = true
    }

    /// For food with hidden values: at birth a random half of those types is good, and at
    /// `flipAt` (a fraction of the lifetime; in a world of trials, of the trials) good and
    /// bad swap.
    public struct Seasons: Hashable, Sendable {
        public init() {}
        public var flipAt: Float = 0.5
        /// In a world of trials: swap every this many trials instead (0: once, at `flipAt`).
        public var trialsPerSeason = 0
        /// A poisonous bite costs this fraction of the type's energy (a good one gains all of it).
        public var poisonFactor: Float = 1
    }

    /// A home: a visible disc where resting is cheaper and (optionally) rewarded. Inside it,
    /// the per-tick cost of living is multiplied by `rest`, and every tick there adds
    /// `reward` to the agent's goal score (weighted by `fitness.goal`).
    public struct Nest: Hashable, Sendable {
        public init() {}
        public var x: Float = 60, y: Float = 60, radius: Float = 8
        public var color = Color(0.55, 0.35, 0.15)
        public var rest: Float = 0.5
        public var reward: Float = 0
    }

    /// Open-ended life (a world with an `[ecosystem]` table): one arena that never resets.
    /// An agent whose energy reaches `reproduceEnergy` gives birth: the child, a mutated copy
    /// with an empty tape, takes `offspringEnergy` from its parent and the lowest free slot.
    /// Agents die of hunger or at `maxAge`; if fewer than `minAgents` live, immigrants
    /// (mutated copies of the longest-lived genomes seen, or random ones) arrive.
    public struct Ecosystem: Hashable, Sendable {
        public init() {}
        /// Slots: the most agents alive at once.
        public var capacity = 96
        /// Agents at the start.
        public var initial = 48
        public var reproduceEnergy: Float = 150
        public var offspringEnergy: Float = 60
        /// Ticks of life at most (0: no limit).
        public var maxAge = 3000
        public var minAgents = 8
        /// Ticks per epoch: the unit of statistics, champions and checkpoints.
        public var epochTicks = 500
    }

    /// The brain every agent of this world carries.
    public var architecture: BrainArchitecture {
        BrainArchitecture(sensorCount: body.sensorCount, motorCount: Body.motorCount,
                          controllerWidth: brain.controllerWidth, controllerLayers: brain.controllerLayers,
                          gain: brain.gain, keyWidth: brain.keyWidth, density: brain.density,
                          valueWidth: brain.valueWidth, readClamp: brain.readClamp,
                          recurrentWidth: brain.recurrentWidth, signSeed: brain.signSeed, memoryKind: brain.memoryKind,
                          switchBanks: brain.switchBanks)
    }
}

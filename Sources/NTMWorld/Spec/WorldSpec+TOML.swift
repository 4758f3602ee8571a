import Foundation
import NTMBrain
import TOMLKit

extension WorldSpec {
    /// Reads a world file. Every problem is a ``WorldFileError`` naming the file, the line
    /// and the key, and saying what would be accepted. An `[evolution]` table is left to
    /// NTMEvolution (`ExperimentFile` reads the world and its evolution setup together).
    public static func load(path: String) throws(WorldFileError) -> WorldSpec {
        var spec = try parse(try text(of: path), file: path) { root throws(WorldFileError) in root.ignore("evolution") }
        spec.takeName(fromFile: path)
        return spec
    }

    /// A world left unnamed takes its file's base name, made a valid name: every character
    /// the rule does not allow becomes `-` (a file `my world.toml` gives the world `my-world`).
    package mutating func takeName(fromFile path: String) {
        guard name == "world" else { return }
        let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var made = String(base.unicodeScalars.prefix(Self.maximumNameLength).map { Self.isNameCharacter($0) ? Character($0) : "-" })
        while made.hasPrefix(".") { made.removeFirst() }
        if Self.isValidName(made) { name = made }
    }

    /// 1 to 64 of `A–Z a–z 0–9 - _ .`, not starting with `.`: a name that is safe as a path
    /// component (no `/`, no `..`, nothing hidden) and in a TOML file, a CSV cell and a shell.
    public static func isValidName(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        return (1...maximumNameLength).contains(scalars.count) && scalars.first != "." && scalars.allSatisfy(isNameCharacter)
    }

    static let maximumNameLength = 64
    static let nameRule = "1 to 64 letters, digits, '-', '_' or '.', not starting with '.'"

    static func isNameCharacter(_ c: Unicode.Scalar) -> Bool {
        c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" || c == ".")
    }

    /// Parses world-file text; `file` is used in error messages.
    public static func parse(_ text: String, file: String) throws(WorldFileError) -> WorldSpec {
        try parse(text, file: file) { root throws(WorldFileError) in root.ignore("evolution") }
    }

    /// The text of a world file, or an error naming it.
    package static func text(of path: String) throws(WorldFileError) -> String {
        do {
            return try FileAccess.readText(path, limit: 1 << 22)
        } catch {
            throw WorldFileError(file: path, message: "\(error.message); give the path of a world file, or a name from `ntmlife worlds`")
        }
    }

    /// Parses world-file text. The world's own tables are read here; `others` then reads
    /// the top-level tables that belong to someone else (the evolution setup) from the
    /// same root, and any key nobody read is an error. A world left unnamed takes the file's
    /// base name.
    package static func parse(_ text: String, file: String,
                              others: (TOMLSection) throws(WorldFileError) -> Void) throws(WorldFileError) -> WorldSpec {
        if let (line, message) = TOMLPreflight.problem(in: text) {
            throw WorldFileError(file: file, line: line, message: "not accepted: the text \(message)")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let e as TOMLParseError {
            throw WorldFileError(file: file, line: e.source.begin.line, message: "TOML syntax error: \(e.description)")
        } catch {
            throw WorldFileError(file: file, message: "TOML syntax error: \(error)")
        }
        let root = TOMLSection(table: table, path: "", file: file, lines: TOMLLineIndex(text))
        var spec = WorldSpec()
        try spec.read(root)
        try others(root)
        try root.finish()
        try spec.validate(root)
        return spec
    }

    private mutating func read(_ root: TOMLSection) throws(WorldFileError) {
        if let s = try root.section("world") {
            name = try s.string("name", name)
            guard Self.isValidName(name) else {
                throw s.error("name", "is \"\(name)\"; a world's name labels its runs and their directories: \(Self.nameRule)")
            }
            description = try s.string("description", description)
            try s.finish()
        }
        if let s = try root.section("arena") {
            arena.width = try s.float("width", arena.width, 10...10_000)
            arena.height = try s.float("height", arena.height, 10...10_000)
            if let start = try s.floats("start", count: 3, 0...10_000) {
                arena.start = Spot(x: start[0], y: start[1], radius: start[2])
            }
            if let heading = try s.floats("start_heading", count: 1, -360...360) { arena.startHeading = heading[0] }
            for wall in try s.sections("wall") {
                arena.walls.append(Wall(x: try wall.float("x", 0, 0...10_000), y: try wall.float("y", 0, 0...10_000),
                                        width: try wall.float("width", 1, 0.1...10_000), height: try wall.float("height", 1, 0.1...10_000)))
                try wall.finish()
            }
            try s.finish()
        }
        if let s = try root.section("body") {
            body.radius = try s.float("radius", body.radius, 0.1...50)
            body.rays = try s.int("rays", body.rays, 1...64)
            body.range = try s.float("range", body.range, 1...1000)
            body.fieldOfView = try s.float("field_of_view", body.fieldOfView, 1...360)
            body.maxSpeed = try s.float("max_speed", body.maxSpeed, 0...100)
            body.maxTurn = try s.float("max_turn", body.maxTurn, 0...180)
            if let senses = try s.choices("senses", of: SensorLayout.BodyChannel.self) {
                guard Set(senses).count == senses.count else { throw s.error("senses", "names a channel twice") }
                body.senses = senses
            }
            try s.finish()
        }
        if let s = try root.section("metabolism") {
            metabolism.initialEnergy = try s.float("initial_energy", metabolism.initialEnergy, 0.001...1e6)
            metabolism.maxEnergy = try s.float("max_energy", metabolism.maxEnergy, 0.001...1e6)
            metabolism.costPerTick = try s.float("cost_per_tick", metabolism.costPerTick, 0...1e6)
            metabolism.costPerThrust = try s.float("cost_per_thrust", metabolism.costPerThrust, 0...1e6)
            try s.finish()
        }
        if let s = try root.section("brain") {
            brain.controllerWidth = try s.int("controller_width", brain.controllerWidth, 8...4096, powerOfTwo: true)
            brain.controllerLayers = try s.int("controller_layers", brain.controllerLayers, 1...64)
            brain.gain = try s.float("gain", brain.gain, 0.001...100)
            brain.keyWidth = try s.int("key_width", brain.keyWidth, 2...1024, powerOfTwo: true)
            brain.density = try s.int("density", brain.density, 1...64)
            brain.valueWidth = try s.int("value_width", brain.valueWidth, 1...256)
            brain.readClamp = try s.float("read_clamp", brain.readClamp, 0.001...1e6)
            brain.recurrentWidth = try s.int("recurrent_width", brain.recurrentWidth, 0...256)
            switch try s.string("memory", brain.memory.rawValue) {
            case "full": brain.memory = .full
            case "off": brain.memory = .off
            case "frozen":
                throw s.error("memory", "is \"frozen\", which from birth is the same as \"off\" (the tape starts empty); accepted: \"full\", \"off\" (to stop learning part-way through a life, use the lesion freeze@T at replay or evaluate)")
            case let other:
                throw s.error("memory", "is \"\(other)\"; accepted: \"full\", \"off\"")
            }
            brain.memoryKind = try Self.memoryKind(s)
            switch try s.string("controller_kind", "plain") {
            case "plain":
                if s.has("switch_banks") { throw s.error("switch_banks", "applies only to controller_kind = \"lsh-switched\"") }
            case "lsh-switched":
                brain.switchBanks = try s.int("switch_banks", Self.defaultSwitchBanks, 2...64, powerOfTwo: true)
            case let other:
                throw s.error("controller_kind", "is \"\(other)\"; accepted: \"plain\", \"lsh-switched\"")
            }
            brain.signSeed = try s.seed("sign_seed", brain.signSeed)
            try s.finish()
        }
        if let s = try root.section("episode") {
            episode.ticks = try s.int("ticks", episode.ticks, 1...1_000_000)
            if s.has("count") {
                throw s.error("count", "has moved: episodes per evaluation are part of how a population evolves, not of the world; write `episodes = N` in [evolution]")
            }
            episode.agentsPerArena = try s.int("agents_per_arena", episode.agentsPerArena, 1...100_000)
            episode.isolated = try s.bool("isolated", episode.isolated)
            try s.finish()
        }
        if let s = try root.section("fitness") {
            fitness.eat = try s.float("eat", fitness.eat, -1e6...1e6)
            fitness.goal = try s.float("goal", fitness.goal, -1e6...1e6)
            fitness.damage = try s.float("damage", fitness.damage, -1e6...1e6)
            fitness.survival = try s.float("survival", fitness.survival, -1e6...1e6)
            try s.finish()
        }
        for s in try root.sections("food") {
            var f = FoodType()
            f.name = try s.string("name", "food\(food.count)")
            f.color = try s.color("color", f.color)
            f.energy = try s.float("energy", f.energy, 0...1e6)
            f.count = try s.int("count", f.count, 0...1_000_000)
            f.radius = try s.float("radius", f.radius, 0.05...100)
            f.regrow = try s.int("regrow", f.regrow, 0...1_000_000)
            f.patches = try s.int("patches", f.patches, 0...10_000)
            f.patchRadius = try s.float("patch_radius", f.patchRadius, 0.1...10_000)
            f.hiddenValue = try s.bool("hidden_value", f.hiddenValue)
            try s.finish()
            food.append(f)
        }
        for s in try root.sections("hazard") {
            var h = HazardType()
            h.name = try s.string("name", "hazard\(hazards.count)")
            h.color = try s.color("color", h.color)
            h.radius = try s.float("radius", h.radius, 0.05...1000)
            h.count = try s.int("count", h.count, 0...1_000_000)
            h.damage = try s.float("damage", h.damage, 0...1e6)
            h.visible = try s.bool("visible", h.visible)
            try s.finish()
            hazards.append(h)
        }
        if let s = try root.section("seasons") {
            seasons.flipAt = try s.float("flip_at", seasons.flipAt, 0...1)
            seasons.poisonFactor = try s.float("poison_factor", seasons.poisonFactor, 0...100)
            seasons.trialsPerSeason = try s.int("trials_per_season", seasons.trialsPerSeason, 0...1_000_000)
            try s.finish()
        }
        if let s = try root.section("trials") {
            var t = Trials()
            t.count = try s.int("count", t.count, 1...100_000)
            t.cueTicks = try s.int("cue_ticks", t.cueTicks, 0...1_000_000)
            t.delayTicks = try s.int("delay_ticks", t.delayTicks, 0...1_000_000)
            t.actTicks = try s.int("act_ticks", t.actTicks, 1...1_000_000)
            t.feedbackTicks = try s.int("feedback_ticks", t.feedbackTicks, 0...1_000_000)
            t.offerDistance = try s.float("offer_distance", t.offerDistance, 0...10_000)
            if s.has("ticks") { throw s.error("ticks", "is not a key of [trials]; a trial world's episode lasts count × (cue_ticks + delay_ticks + act_ticks + feedback_ticks)") }
            try s.finish()
            trials = t
        }
        if let s = try root.section("cue") {
            var c = Cue()
            if let p = try s.floats("position", count: 2, 0...10_000) { (c.x, c.y) = (p[0], p[1]) }
            c.radius = try s.float("radius", c.radius, 0.1...1000)
            c.colors = [try s.color("color_a", c.colors[0]), try s.color("color_b", c.colors[1])]
            c.showTicks = try s.int("show_ticks", c.showTicks, 0...1_000_000)
            if let a = try s.floats("goal_a", count: 2, 0...10_000) { c.goals[0] = a }
            if let b = try s.floats("goal_b", count: 2, 0...10_000) { c.goals[1] = b }
            c.goalRadius = try s.float("goal_radius", c.goalRadius, 0.1...10_000)
            c.goalColor = try s.color("goal_color", c.goalColor)
            c.reward = try s.float("reward", c.reward, -1e6...1e6)
            c.penalty = try s.float("penalty", c.penalty, -1e6...1e6)
            c.rule = try s.choice("rule", c.rule)
            c.approach = try s.float("approach", c.approach, 0...1e6)
            try s.finish()
            cue = c
        }
        if let s = try root.section("nest") {
            var n = Nest()
            if let p = try s.floats("position", count: 2, 0...10_000) { (n.x, n.y) = (p[0], p[1]) }
            n.radius = try s.float("radius", n.radius, 0.1...10_000)
            n.color = try s.color("color", n.color)
            n.rest = try s.float("rest", n.rest, 0...1)
            n.reward = try s.float("reward", n.reward, -1e6...1e6)
            try s.finish()
            nest = n
        }
        if let s = try root.section("ecosystem") {
            var ecosystem = Ecosystem()
            ecosystem.capacity = try s.int("capacity", ecosystem.capacity, 1...100_000)
            ecosystem.initial = try s.int("initial", ecosystem.initial, 1...100_000)
            ecosystem.reproduceEnergy = try s.float("reproduce_energy", ecosystem.reproduceEnergy, 0.001...1e6)
            ecosystem.offspringEnergy = try s.float("offspring_energy", ecosystem.offspringEnergy, 0.001...1e6)
            ecosystem.maxAge = try s.int("max_age", ecosystem.maxAge, 0...100_000_000)
            ecosystem.minAgents = try s.int("min_agents", ecosystem.minAgents, 0...100_000)
            ecosystem.epochTicks = try s.int("epoch_ticks", ecosystem.epochTicks, 1...10_000_000)
            try s.finish()
            self.ecosystem = ecosystem
        }
    }

    /// Constraints between keys.
    /// Slope banks an LSH-switched controller has unless `switch_banks` says otherwise.
    public static let defaultSwitchBanks = 8

    /// `memory_kind` and the keys of the kind it names. A key of another kind is refused, so
    /// a parameter cannot be set and silently ignored.
    static func memoryKind(_ s: TOMLSection) throws(WorldFileError) -> MemoryKind {
        let name = try s.string("memory_kind", "hashed")
        guard let kind = MemoryKind.named(name) else {
            throw s.error("memory_kind", "is \"\(name)\"; accepted: " + MemoryKind.names.map { "\"\($0)\"" }.joined(separator: ", "))
        }
        let owners = ["memory_blocks": "blocks", "memory_decay": "decaying", "novelty_bits": "novelty-gated", "novelty_visits": "novelty-gated"]
        for (key, owner) in owners.sorted(by: { $0.key < $1.key }) where owner != name && s.has(key) {
            throw s.error(key, "applies only to memory_kind = \"\(owner)\" (this brain's memory_kind is \"\(name)\")")
        }
        switch kind {
        case .hashed: return .hashed
        case .blocks: return .blocks(bits: try s.int("memory_blocks", MemoryKind.defaultBlockBits, 1...8))
        case .decaying:
            let rate = try s.float("memory_decay", MemoryKind.defaultDecay, 0...1)
            guard rate > 0, rate < 1 else { throw s.error("memory_decay", "is \(rate); accepted: a number between 0 and 1, exclusive (the fraction of the tape lost per step)") }
            return .decaying(rate: rate)
        case .noveltyGated:
            return .noveltyGated(bucketBits: try s.int("novelty_bits", MemoryKind.defaultBucketBits, 1...12),
                                 halfVisits: try s.float("novelty_visits", MemoryKind.defaultHalfVisits, 0.001...1e6))
        }
    }

    private mutating func validate(_ root: TOMLSection) throws(WorldFileError) {
        if let t = trials {
            if episode.agentsPerArena != 1 && !episode.isolated {
                throw root.error("episode.agents_per_arena", "is \(episode.agentsPerArena); a world of trials is solo (1) or isolated ([episode] isolated = true)")
            }
            if arena.start == nil || arena.startHeading == nil {
                throw root.error("arena.start", "a world of trials puts the body back at [arena] start facing start_heading every trial; give both")
            }
            if ecosystem != nil { throw root.error("ecosystem", "an open-ended world cannot also be a world of trials") }
            if cue?.rule == .alternate && t.cueTicks > 0 {
                throw root.error("trials.cue_ticks", "is \(t.cueTicks); in a world of alternation the beacon shows nothing (set 0)")
            }
            if t.offerDistance > 0 && !food.contains(where: \.hiddenValue) {
                throw root.error("trials.offer_distance", "offers are drawn from the hidden-value food types, and there are none")
            }
            if root.has("episode"), let s = try root.section("episode"), s.has("ticks") {
                throw root.error("episode.ticks", "is set by [trials]: count × (cue_ticks + delay_ticks + act_ticks + feedback_ticks) = \(t.count * t.length)")
            }
            guard t.count * t.length <= 1_000_000 else {
                throw root.error("trials.count", "is \(t.count); with trials of \(t.length) ticks a life would last \(t.count * t.length) ticks, more than the 1000000 an episode may")
            }
            episode.ticks = t.count * t.length
        } else if cue?.rule == .alternate {
            throw root.error("cue.rule", "\"alternate\" needs a world of trials ([trials])")
        } else if seasons.trialsPerSeason > 0 {
            throw root.error("seasons.trials_per_season", "counts trials, and this world has no [trials]; use flip_at")
        }
        if metabolism.initialEnergy > metabolism.maxEnergy {
            throw root.error("metabolism.initial_energy", "is \(metabolism.initialEnergy), above max_energy \(metabolism.maxEnergy)")
        }
        if let (key, message) = geometryProblem { throw root.error(key, message) }
        do {
            try architecture.validate()
        } catch {
            throw root.error("brain", "\(error) (the body has \(body.sensorCount) sensors: \(body.rays) rays × \(SensorLayout.perRay) + \(body.senses.count))")
        }
        guard let ecosystem else { return }
        if ecosystem.initial > ecosystem.capacity {
            throw root.error("ecosystem.initial", "is \(ecosystem.initial), above capacity \(ecosystem.capacity)")
        }
        if ecosystem.minAgents > ecosystem.capacity {
            throw root.error("ecosystem.min_agents", "is \(ecosystem.minAgents), above capacity \(ecosystem.capacity)")
        }
        if ecosystem.offspringEnergy >= ecosystem.reproduceEnergy {
            throw root.error("ecosystem.offspring_energy", "is \(ecosystem.offspringEnergy); must be below reproduce_energy (\(ecosystem.reproduceEnergy)) so that a parent survives giving birth")
        }
    }
}

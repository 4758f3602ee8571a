import NTMBrain

extension WorldSpec {
    /// The fully resolved world as TOML, every key written out in a fixed order. It is what
    /// a run directory stores (so a run can be resumed or replayed even if the original file
    /// changes); parsing it gives this spec back.
    public var canonicalTOML: String {
        var out = "# Fully resolved world, written by ntmlife.\n"
        out += TOMLWriter.section("world", [("name", TOMLWriter.quoted(name)), ("description", TOMLWriter.quoted(description))])
        return out + identityTOML
    }

    /// Every table of ``canonicalTOML`` but `[world]`: exactly what decides an episode's
    /// outcome for a given genome. The name and description label a world; they do not
    /// change what happens in it.
    var identityTOML: String {
        var out = ""
        func section(_ name: String, _ pairs: [(String, String)]) { out += TOMLWriter.section(name, pairs) }
        let q = TOMLWriter.quoted
        func f(_ v: Float) -> String { "\(v)" }
        // Written only for a tape other than the default, so every existing world keeps its hash.
        let memoryKindPairs: [(String, String)]
        switch brain.memoryKind {
        case .hashed: memoryKindPairs = []
        case .blocks(let bits): memoryKindPairs = [("memory_kind", q("blocks")), ("memory_blocks", "\(bits)")]
        case .decaying(let rate): memoryKindPairs = [("memory_kind", q("decaying")), ("memory_decay", f(rate))]
        case .noveltyGated(let bits, let visits):
            memoryKindPairs = [("memory_kind", q("novelty-gated")), ("novelty_bits", "\(bits)"), ("novelty_visits", f(visits))]
        }
        func c(_ v: Color) -> String { "[\(v.r), \(v.g), \(v.b)]" }
        var arenaPairs = [("width", f(arena.width)), ("height", f(arena.height))]
        if let s = arena.start { arenaPairs.append(("start", "[\(s.x), \(s.y), \(s.radius)]")) }
        if let h = arena.startHeading { arenaPairs.append(("start_heading", "[\(h)]")) }
        section("arena", arenaPairs)
        for w in arena.walls {
            out += "\n[[arena.wall]]\nx = \(w.x)\ny = \(w.y)\nwidth = \(w.width)\nheight = \(w.height)\n"
        }
        section("body", [("radius", f(body.radius)), ("rays", "\(body.rays)"), ("range", f(body.range)),
                         ("field_of_view", f(body.fieldOfView)), ("max_speed", f(body.maxSpeed)), ("max_turn", f(body.maxTurn)),
                         ("senses", "[" + body.senses.map { q($0.rawValue) }.joined(separator: ", ") + "]")])
        section("metabolism", [("initial_energy", f(metabolism.initialEnergy)), ("max_energy", f(metabolism.maxEnergy)),
                               ("cost_per_tick", f(metabolism.costPerTick)), ("cost_per_thrust", f(metabolism.costPerThrust))])
        section("brain", [("controller_width", "\(brain.controllerWidth)"), ("controller_layers", "\(brain.controllerLayers)"),
                          ("gain", f(brain.gain)), ("key_width", "\(brain.keyWidth)"), ("density", "\(brain.density)"),
                          ("value_width", "\(brain.valueWidth)"), ("read_clamp", f(brain.readClamp)),
                          ("recurrent_width", "\(brain.recurrentWidth)"), ("memory", q(brain.memory.rawValue))]
                + memoryKindPairs
                + (brain.switchBanks > 1 ? [("controller_kind", q("lsh-switched")), ("switch_banks", "\(brain.switchBanks)")] : [])
                + [("sign_seed", q("0x" + String(brain.signSeed, radix: 16)))])
        section("episode", (trials == nil ? [("ticks", "\(episode.ticks)")] : []) + [("agents_per_arena", "\(episode.agentsPerArena)")]
                + (episode.isolated ? [("isolated", "true")] : []))
        section("fitness", [("eat", f(fitness.eat)), ("goal", f(fitness.goal)), ("damage", f(fitness.damage)),
                            ("survival", f(fitness.survival))])
        for t in food {
            out += "\n[[food]]\nname = \(q(t.name))\ncolor = \(c(t.color))\nenergy = \(f(t.energy))\ncount = \(t.count)\n"
            out += "radius = \(f(t.radius))\nregrow = \(t.regrow)\npatches = \(t.patches)\npatch_radius = \(f(t.patchRadius))\n"
            out += "hidden_value = \(t.hiddenValue)\n"
        }
        for h in hazards {
            out += "\n[[hazard]]\nname = \(q(h.name))\ncolor = \(c(h.color))\nradius = \(f(h.radius))\ncount = \(h.count)\n"
            out += "damage = \(f(h.damage))\nvisible = \(h.visible)\n"
        }
        section("seasons", [("flip_at", f(seasons.flipAt)), ("poison_factor", f(seasons.poisonFactor))]
                + (seasons.trialsPerSeason > 0 ? [("trials_per_season", "\(seasons.trialsPerSeason)")] : []))
        if let t = trials {
            section("trials", [("count", "\(t.count)"), ("cue_ticks", "\(t.cueTicks)"), ("delay_ticks", "\(t.delayTicks)"),
                               ("act_ticks", "\(t.actTicks)"), ("feedback_ticks", "\(t.feedbackTicks)"),
                               ("offer_distance", f(t.offerDistance))])
        }
        if let cue {
            section("cue", [("position", "[\(cue.x), \(cue.y)]"), ("radius", f(cue.radius)),
                            ("color_a", c(cue.colors[0])), ("color_b", c(cue.colors[1])), ("show_ticks", "\(cue.showTicks)"),
                            ("goal_a", "[\(cue.goals[0][0]), \(cue.goals[0][1])]"), ("goal_b", "[\(cue.goals[1][0]), \(cue.goals[1][1])]"),
                            ("goal_radius", f(cue.goalRadius)), ("goal_color", c(cue.goalColor)),
                            ("reward", f(cue.reward)), ("penalty", f(cue.penalty))]
                            + (cue.rule == .match ? [] : [("rule", q(cue.rule.rawValue))])
                            + (cue.approach == 0 ? [] : [("approach", f(cue.approach))]))
        }
        if let n = nest {
            section("nest", [("position", "[\(n.x), \(n.y)]"), ("radius", f(n.radius)), ("color", c(n.color)),
                             ("rest", f(n.rest)), ("reward", f(n.reward))])
        }
        if let e = ecosystem {
            section("ecosystem", [("capacity", "\(e.capacity)"), ("initial", "\(e.initial)"),
                                  ("reproduce_energy", f(e.reproduceEnergy)), ("offspring_energy", f(e.offspringEnergy)),
                                  ("max_age", "\(e.maxAge)"), ("min_agents", "\(e.minAgents)"), ("epoch_ticks", "\(e.epochTicks)")])
        }
        return out
    }

    /// The identity of the world a result was obtained in: FNV-1a over ``identityTOML``,
    /// labelled with the name (see ``WorldHash``).
    public var hash: WorldHash {
        var h = StateHash()
        h.combine(bytes: identityTOML.utf8)
        return WorldHash(name: name, digest: h.value)
    }
}

/// The few rules by which canonical TOML is written (shared by the world and the evolution
/// setup, so that one file holding both reads as one document).
package enum TOMLWriter {
    /// `[name]` and one `key = value` line per pair, after a blank line.
    package static func section(_ name: String, _ pairs: [(String, String)]) -> String {
        "\n[\(name)]\n" + pairs.map { "\($0.0) = \($0.1)\n" }.joined()
    }

    /// A TOML basic string: `"` and `\` escaped, and every control character (which TOML
    /// forbids raw in a basic string) written as an escape, so that whatever string a world
    /// holds, its canonical file reads back to the same string.
    package static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

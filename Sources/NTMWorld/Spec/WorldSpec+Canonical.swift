import NTMBrain

extension WorldSpec {
    /// The fully resolved world as TOML, every key written out in a fixed order. It is what
    /// a run directory stores (so a run can be resumed or replayed even if the original file
    /// changes) and what ``hash`` is computed over; parsing it gives this spec back.
    public var canonicalTOML: String {
        var out = "# Fully resolved world, written by ntmlife.\n"
        func section(_ name: String, _ pairs: [(String, String)]) {
            out += "\n[\(name)]\n"
            for (k, v) in pairs { out += "\(k) = \(v)\n" }
        }
        func q(_ s: String) -> String {
            "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        func f(_ v: Float) -> String { "\(v)" }
        func c(_ v: Color) -> String { "[\(v.r), \(v.g), \(v.b)]" }
        section("world", [("name", q(name)), ("description", q(description))])
        var arenaPairs = [("width", f(arena.width)), ("height", f(arena.height))]
        if let s = arena.start { arenaPairs.append(("start", "[\(s.x), \(s.y), \(s.radius)]")) }
        if let h = arena.startHeading { arenaPairs.append(("start_heading", "[\(h)]")) }
        section("arena", arenaPairs)
        for w in arena.walls {
            out += "\n[[arena.wall]]\nx = \(w.x)\ny = \(w.y)\nwidth = \(w.width)\nheight = \(w.height)\n"
        }
        section("body", [("radius", f(body.radius)), ("rays", "\(body.rays)"), ("range", f(body.range)),
                         ("field_of_view", f(body.fieldOfView)), ("max_speed", f(body.maxSpeed)), ("max_turn", f(body.maxTurn))])
        section("metabolism", [("initial_energy", f(metabolism.initialEnergy)), ("max_energy", f(metabolism.maxEnergy)),
                               ("cost_per_tick", f(metabolism.costPerTick)), ("cost_per_thrust", f(metabolism.costPerThrust))])
        section("brain", [("controller_width", "\(brain.controllerWidth)"), ("controller_layers", "\(brain.controllerLayers)"),
                          ("gain", f(brain.gain)), ("key_width", "\(brain.keyWidth)"), ("density", "\(brain.density)"),
                          ("value_width", "\(brain.valueWidth)"), ("read_clamp", f(brain.readClamp)),
                          ("recurrent_width", "\(brain.recurrentWidth)"), ("memory", q(brain.memory.rawValue)),
                          ("sign_seed", q("0x" + String(brain.signSeed, radix: 16)))])
        section("episode", [("ticks", "\(episode.ticks)"), ("count", "\(episode.count)"),
                            ("agents_per_arena", "\(episode.agentsPerArena)")])
        section("fitness", [("eat", f(fitness.eat)), ("goal", f(fitness.goal)), ("damage", f(fitness.damage)),
                            ("survival", f(fitness.survival))])
        section("evolution", [("algorithm", q(evolution.algorithm.rawValue)), ("population", "\(evolution.population)"),
                              ("generations", "\(evolution.generations)"), ("elites", "\(evolution.elites)"),
                              ("tournament", "\(evolution.tournament)"), ("mutation_count", "\(evolution.mutationCount)"),
                              ("mutation_precision", "\(Float(evolution.mutationPrecision))"),
                              ("seed", q(String(evolution.seed)))])
        for t in food {
            out += "\n[[food]]\nname = \(q(t.name))\ncolor = \(c(t.color))\nenergy = \(f(t.energy))\ncount = \(t.count)\n"
            out += "radius = \(f(t.radius))\nregrow = \(t.regrow)\npatches = \(t.patches)\npatch_radius = \(f(t.patchRadius))\n"
            out += "hidden_value = \(t.hiddenValue)\n"
        }
        for h in hazards {
            out += "\n[[hazard]]\nname = \(q(h.name))\ncolor = \(c(h.color))\nradius = \(f(h.radius))\ncount = \(h.count)\n"
            out += "damage = \(f(h.damage))\nvisible = \(h.visible)\n"
        }
        section("seasons", [("flip_at", f(seasons.flipAt))])
        if let cue {
            section("cue", [("position", "[\(cue.x), \(cue.y)]"), ("radius", f(cue.radius)),
                            ("color_a", c(cue.colors[0])), ("color_b", c(cue.colors[1])), ("show_ticks", "\(cue.showTicks)"),
                            ("goal_a", "[\(cue.goals[0][0]), \(cue.goals[0][1])]"), ("goal_b", "[\(cue.goals[1][0]), \(cue.goals[1][1])]"),
                            ("goal_radius", f(cue.goalRadius)), ("goal_color", c(cue.goalColor)),
                            ("reward", f(cue.reward)), ("penalty", f(cue.penalty))])
        }
        if let n = nest {
            section("nest", [("position", "[\(n.x), \(n.y)]"), ("radius", f(n.radius)), ("color", c(n.color)),
                             ("rest", f(n.rest)), ("reward", f(n.reward))])
        }
        let e = ecosystem
        section("ecosystem", [("capacity", "\(e.capacity)"), ("initial", "\(e.initial)"),
                              ("reproduce_energy", f(e.reproduceEnergy)), ("offspring_energy", f(e.offspringEnergy)),
                              ("max_age", "\(e.maxAge)"), ("min_agents", "\(e.minAgents)"), ("epoch_ticks", "\(e.epochTicks)")])
        return out
    }

    /// `name:` + 16 hex digits of FNV-1a over ``canonicalTOML``: the identity of the world a
    /// result was obtained in. `evolution.generations` is left out: it says how long a run
    /// lasts, not what the world is, and a run resumed with more generations is the same run.
    public var hash: String {
        var identity = self
        identity.evolution.generations = 0
        var h = StateHash()
        h.combine(bytes: identity.canonicalTOML.utf8)
        return "\(name):\(h.hex)"
    }
}

import Foundation

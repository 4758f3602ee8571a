import NTMBrain

extension Arena {
    public func isAlive(_ i: Int) -> Bool { agentAlive[i] }
    public func energy(of i: Int) -> Float { agentEnergy[i] }
    /// Ticks lived by the slot's current occupant.
    public func age(of i: Int) -> Int { agentTicks[i] }
    public func position(of i: Int) -> (x: Float, y: Float) { (agentX[i], agentY[i]) }
    /// The lifetime score so far of the slot's occupant (see ``WorldSpec/Fitness``).
    public func score(of i: Int) -> Double {
        let f = spec.fitness
        return Double(f.eat * agentFood[i]) + Double(f.goal * agentGoal[i])
            - Double(f.damage * agentDamage[i]) + Double(f.survival) * Double(agentTicks[i])
    }

    public func setEnergy(_ e: Float, of i: Int) { agentEnergy[i] = min(e, spec.metabolism.maxEnergy) }

    /// Ends the slot's occupant's life; the slot is free for a birth.
    public func kill(_ i: Int) { agentAlive[i] = false }

    /// A birth (or an immigrant) in slot i: new genome, empty tape, a fresh body.
    public func spawn(slot i: Int, parameters: [Float], x px: Float, y py: Float, heading angle: Double, energy e: Float) {
        brains.setParameters(parameters, forAgent: i)
        brains.reset(agent: i)
        let r = spec.body.radius
        agentX[i] = min(max(px, r), spec.arena.width - r)
        agentY[i] = min(max(py, r), spec.arena.height - r)
        headingX[i] = Float(DeterministicMath.cos(angle)); headingY[i] = Float(DeterministicMath.sin(angle))
        agentSpeed[i] = 0; agentEnergy[i] = min(e, spec.metabolism.maxEnergy); agentAlive[i] = true
        senses.born(i); agentTicks[i] = 0
        agentFood[i] = 0; agentDamage[i] = 0; agentGoal[i] = 0
    }
}

/// Every mutable part of an arena, for checkpoints of a world that never resets. The fixed
/// layout (where food grows, where hazards are) is rebuilt from the layout seed instead.
public struct ArenaSnapshot: Hashable, Sendable {
    public var tick: Int
    public var x: [Float], y: [Float], hx: [Float], hy: [Float], speed: [Float], energy: [Float]
    public var alive: [Bool], ticks: [Int]
    /// The body's sense columns (taste, pain, …), by name, in the arena's fixed order.
    public var senses: [String: [Float]]
    public var food: [Float], damage: [Float], goal: [Float]
    public var foodPresent: [Bool], foodRegrowAt: [Int], typeSign: [Float]
    public var brains: [BrainBatch.AgentState]

    public init(tick: Int, x: [Float], y: [Float], hx: [Float], hy: [Float], speed: [Float], energy: [Float],
                alive: [Bool], senses: [String: [Float]], ticks: [Int], food: [Float], damage: [Float],
                goal: [Float], foodPresent: [Bool], foodRegrowAt: [Int], typeSign: [Float], brains: [BrainBatch.AgentState]) {
        (self.tick, self.x, self.y, self.hx, self.hy, self.speed, self.energy) = (tick, x, y, hx, hy, speed, energy)
        (self.alive, self.senses, self.ticks) = (alive, senses, ticks)
        (self.food, self.damage, self.goal) = (food, damage, goal)
        (self.foodPresent, self.foodRegrowAt, self.typeSign, self.brains) = (foodPresent, foodRegrowAt, typeSign, brains)
    }

    /// A fingerprint of the whole state.
    public var hash: StateHash {
        var h = StateHash()
        h.combine(UInt64(bitPattern: Int64(tick)))
        for column in [x, y, hx, hy, speed, energy] { h.combine(floats: column) }
        for name in senses.keys.sorted() { h.combine(floats: senses[name]!) }
        for column in [food, damage, goal, typeSign] { h.combine(floats: column) }
        for column in [ticks, foodRegrowAt] { for v in column { h.combine(UInt64(bitPattern: Int64(v))) } }
        for column in [alive, foodPresent] { for v in column { h.combine(byte: v ? 1 : 0) } }
        for b in brains {
            h.combine(floats: b.weights); h.combine(floats: b.read); h.combine(floats: b.recurrent)
            h.combine(b.gate); h.combine(UInt64(bitPattern: Int64(b.nonFinite)))
        }
        return h
    }
}

extension Arena {
    public func snapshot() -> ArenaSnapshot {
        ArenaSnapshot(tick: tick, x: x, y: y, hx: hx, hy: hy, speed: speed, energy: energy, alive: alive,
                      senses: Dictionary(uniqueKeysWithValues: senses.columns.map { ($0.name, $0.column.array) }),
                      ticks: ticksAlive, food: foodEnergy,
                      damage: damageTaken, goal: goalReward, foodPresent: foodAlive, foodRegrowAt: foodRegrowAt.array,
                      typeSign: foodSign, brains: (0..<agentCount).map { brains.state(agent: $0) })
    }

    /// The names of the body's sense columns a snapshot of this arena holds.
    public var senseColumnNames: [String] { senses.columns.map(\.name) }

    /// Restores a snapshot taken from an arena of the same spec, layout seed and size.
    public func restore(_ s: ArenaSnapshot) {
        precondition(s.x.count == agentCount && s.foodPresent.count == foodPresent.count, "snapshot does not fit this arena")
        precondition(senses.columns.allSatisfy { s.senses[$0.name]?.count == agentCount }, "snapshot lacks a sense column")
        tick = s.tick
        for i in 0..<agentCount {
            agentX[i] = s.x[i]; agentY[i] = s.y[i]; headingX[i] = s.hx[i]; headingY[i] = s.hy[i]
            agentSpeed[i] = s.speed[i]; agentEnergy[i] = s.energy[i]; agentAlive[i] = s.alive[i]
            for c in senses.columns { c.column[i] = s.senses[c.name]![i] }
            agentTicks[i] = s.ticks[i]
            agentFood[i] = s.food[i]; agentDamage[i] = s.damage[i]; agentGoal[i] = s.goal[i]
            brains.setState(s.brains[i], agent: i)
        }
        for j in 0..<foodPresent.count {
            foodPresent[j] = s.foodPresent[j]; foodRegrowAt[j] = s.foodRegrowAt[j]
            refreshSeen(j)
        }
        for t in 0..<typeSign.count { typeSign[t] = s.typeSign[t] }
    }
}

extension ArenaSnapshot {
    /// Why this state could not have come from an arena of `spec`, or nil. A checkpoint's
    /// checksum proves it undamaged, not that its numbers make sense; this is the second
    /// check, so that no crafted file puts a body at NaN or outside the walls (where the
    /// spatial grid has no cell for it).
    public func implausibility(in spec: WorldSpec) -> String? {
        let columns: [(String, [Float])] = [("x", x), ("y", y), ("hx", hx), ("hy", hy), ("speed", speed),
                                            ("energy", energy), ("food", food), ("damage", damage), ("goal", goal),
                                            ("type_sign", typeSign)]
            + senses.keys.sorted().map { ("senses.\($0)", senses[$0]!) }
        for (name, column) in columns {
            if let i = column.firstIndex(where: { !$0.isFinite }) { return "has a non-finite '\(name)' at index \(i)" }
        }
        for i in x.indices where !(0...spec.arena.width).contains(x[i]) || !(0...spec.arena.height).contains(y[i]) {
            return "puts agent \(i) at (\(x[i]), \(y[i])), outside the \(spec.arena.width) × \(spec.arena.height) arena"
        }
        if let i = typeSign.firstIndex(where: { $0 != 1 && $0 != -1 }) { return "has a food type sign of \(typeSign[i]) (accepted: 1 or -1)" }
        if tick < 0 || ticks.contains(where: { $0 < 0 }) || foodRegrowAt.contains(where: { $0 < 0 }) {
            return "has a negative tick, age or regrowth time"
        }
        // A tape may hold whatever its steps wrote; only the body's numbers index anything.
        if let i = brains.firstIndex(where: { $0.nonFinite < 0 }) { return "brains[\(i)] has a negative non-finite count" }
        return nil
    }
}

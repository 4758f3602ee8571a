import NTMBrain

extension Arena {
    /// How fast taste fades: each tick it keeps this fraction of itself.
    static let tasteRetention: Float = 0.8

    /// One tick: every live agent senses, all brains step together, then agents act in
    /// index order (so who eats a contested item first is deterministic), the world's
    /// clocks advance (regrowth, the season flip), and the agent grid is rebuilt.
    public func step() {
        let S = spec.body.sensorCount
        agentGrid.rebuild(count: agentCount, xs: x, ys: y) { alive[$0] }
        sensors.withUnsafeMutableBufferPointer { all in
            for i in 0..<agentCount {
                sense(i, into: UnsafeMutableBufferPointer(rebasing: all[(i * S)..<((i + 1) * S)]))
            }
        }
        brains.step(sensors: sensors, motors: &motors)
        for i in 0..<agentCount where alive[i] { act(i) }

        for j in foodAlive.indices where !foodAlive[j] {
            let regrow = spec.food[foodType[j]].regrow
            if regrow > 0 && tick >= foodRegrowAt[j] { foodAlive[j] = true }
        }
        tick += 1
        if tick == Int((spec.seasons.flipAt * Float(spec.episode.ticks)).rounded(.down)) {
            for t in spec.food.indices where spec.food[t].hiddenValue { foodSign[t] = -foodSign[t] }
        }
    }

    /// Turn, thrust, move, pay for it, then eat, get hurt, or reach a goal.
    func act(_ i: Int) {
        let body = spec.body, meta = spec.metabolism
        let turn = motors[2 * i], thrust = motors[2 * i + 1]

        let angle = Double(turn * body.maxTurn / 180) * Double.pi
        let c = Float(DeterministicMath.cos(angle)), s = Float(DeterministicMath.sin(angle))
        var nx = hx[i] * c - hy[i] * s, ny = hx[i] * s + hy[i] * c
        let norm = (nx * nx + ny * ny).squareRoot()
        nx /= norm; ny /= norm
        hx[i] = nx; hy[i] = ny

        speed[i] = thrust * body.maxSpeed
        let r = body.radius
        let ox = x[i], oy = y[i]
        var px = min(max(ox + nx * speed[i], r), spec.arena.width - r)
        var py = min(max(oy + ny * speed[i], r), spec.arena.height - r)
        for w in spec.arena.walls where Self.touches(px, py, r, w) {
            (px, py) = (ox, oy)
            speed[i] = 0
            break
        }
        x[i] = px; y[i] = py

        energy[i] -= meta.costPerTick + meta.costPerThrust * abs(thrust)
        taste[i] *= Self.tasteRetention
        var hurt: Float = 0
        let t = things
        thingGrid.forEach(near: px, py, reach: r + maxThingRadius) { j in
            let vx = t.x[j] - px, vy = t.y[j] - py
            let reach = r + t.radius[j]
            guard vx * vx + vy * vy <= reach * reach, alive[i] else { return }
            if j < t.foodCount {
                guard foodAlive[j] else { return }
                foodAlive[j] = false
                let type = foodType[j]
                foodRegrowAt[j] = tick + spec.food[type].regrow
                let gain = foodSign[type] * spec.food[type].energy
                energy[i] = min(energy[i] + gain, meta.maxEnergy)
                foodEnergy[i] += gain
                taste[i] = foodSign[type]
            } else if j < t.foodCount + t.hazardCount {
                hurt += spec.hazards[hazardType[j - t.foodCount]].damage
            } else if let goal = t.goals.firstIndex(of: j), let cue = spec.cue {
                goalReward[i] += goal == cueIndex ? cue.reward : cue.penalty
                alive[i] = false          // the trial is over for this agent
            }
        }
        energy[i] -= hurt
        damageTaken[i] += hurt
        pain[i] = min(1, hurt)
        if energy[i] <= 0 { alive[i] = false }
        if alive[i] { ticksAlive[i] += 1 }
    }

    /// Whether a disc of radius r at (px, py) overlaps the wall.
    @inline(__always)
    static func touches(_ px: Float, _ py: Float, _ r: Float, _ w: WorldSpec.Wall) -> Bool {
        let cx = min(max(px, w.x), w.x + w.width), cy = min(max(py, w.y), w.y + w.height)
        let dx = px - cx, dy = py - cy
        return dx * dx + dy * dy < r * r
    }
}

import NTMBrain

extension Arena {
    /// One tick: every live agent senses, all brains step together, then agents act in
    /// index order (so who eats a contested item first is deterministic), a trial's act
    /// phase may end, and the world's clocks advance (regrowth, the season flip, the next
    /// trial's start).
    public func step() {
        let S = spec.body.sensorCount
        prepareSensing()
        // Each agent writes only its own sensors, so the order cannot change a value. Where
        // sensing walks the grid, live agents sense in its slot order, so consecutive agents
        // look at the same cells while they are in cache; the dead are not in the grid, and
        // sense gives them zeros.
        brains.withSensorInputs { lanes in
            @inline(__always) func slot(_ i: Int) -> UnsafeMutablePointer<Float> {
                lanes + 8 * S * (i / 8) + i % 8          // sensor 0 of agent i; sensor s is 8·s further
            }
            guard candidateSearch == .grid else {
                for i in 0..<agentCount { sense(i, into: slot(i), stride: 8) }
                return
            }
            for i in 0..<agentCount where !agentAlive[i] { sense(i, into: slot(i), stride: 8) }
            for k in 0..<agentGrid.filed {
                let i = agentGrid.object(inSlot: k)
                sense(i, into: slot(i), stride: 8)
            }
        }
        // Groups of eight with no live agent are skipped: a dead agent's outputs are never
        // used, and a slot's brain is reset when it is next occupied.
        let n = agentCount
        brains.stepFromSensorInputs(motors: &motors) { g in
            (8 * g..<min(8 * g + 8, n)).contains { agentAlive[$0] }
        }
        prepareTurns()
        for i in 0..<agentCount where agentAlive[i] { act(i) }
        endTrialTick()

        // Offered items (laid out after the ordinary food) come and go with the trials.
        let ordinary = offerItems.first { $0 >= 0 } ?? foodPresent.count
        for j in 0..<ordinary where !foodPresent[j] {
            if typeRegrow[foodKind[j]] > 0 && tick >= foodRegrowAt[j] {
                foodPresent[j] = true
                refreshSeen(j)
            }
        }
        tick += 1
        if trialPlan == nil && tick == Int((spec.seasons.flipAt * Float(spec.episode.ticks)).rounded(.down)) {
            for t in spec.food.indices where spec.food[t].hiddenValue { typeSign[t] = -typeSign[t] }
        }
        prepareTrial()
    }

    /// Every agent's turn this tick as a rotation: with angle = turn · max_turn/180 · π (the
    /// product in Float, then in Double), (cos, sin) by ``DeterministicMath/sinCos(_:)-(SIMD8<Double>)``,
    /// eight agents at a time, each the bits the scalar call gives; rounded to Float.
    func prepareTurns() {
        let maxTurn = spec.body.maxTurn
        for q in 0..<(agentCount + 7) / 8 {
            let lanes = min(8, agentCount - 8 * q)
            var turn = SIMD8<Float>.zero
            for l in 0..<lanes { turn[l] = motors[2 * (8 * q + l)] }
            let (sine, cosine) = DeterministicMath.sinCos(SIMD8<Double>(turn * maxTurn / 180) * Double.pi)
            for l in 0..<lanes { turnCos[8 * q + l] = Float(cosine[l]); turnSin[8 * q + l] = Float(sine[l]) }
        }
    }

    /// Turn, thrust, move, pay for it, then eat, get hurt, or reach a goal. A body a trial
    /// holds does none of it: its motors move nothing and cost nothing, and it touches
    /// nothing; it only pays the cost of living.
    func act(_ i: Int) {
        let body = spec.body, meta = spec.metabolism
        if isHeld(i) {
            agentSpeed[i] = 0
            agentEnergy[i] -= meta.costPerTick
            senses.tickBegins(i)
            senses.hurt(i, 0)
            if agentEnergy[i] <= 0 { agentAlive[i] = false }
            if agentAlive[i] { agentTicks[i] += 1 }
            return
        }
        let thrust = motors[2 * i + 1]
        let c = turnCos[i], s = turnSin[i]
        var nx = headingX[i] * c - headingY[i] * s, ny = headingX[i] * s + headingY[i] * c
        let norm = (nx * nx + ny * ny).squareRoot()
        nx /= norm; ny /= norm
        headingX[i] = nx; headingY[i] = ny

        let v = thrust * body.maxSpeed
        agentSpeed[i] = v
        let r = body.radius
        let ox = agentX[i], oy = agentY[i]
        var px = min(max(ox + nx * v, r), spec.arena.width - r)
        var py = min(max(oy + ny * v, r), spec.arena.height - r)
        for w in spec.arena.walls where Self.touches(px, py, r, w) {
            (px, py) = (ox, oy)
            agentSpeed[i] = 0
            break
        }
        agentX[i] = px; agentY[i] = py
        trackApproach(i)

        var living = meta.costPerTick
        if let nest = spec.nest {
            let dx = px - nest.x, dy = py - nest.y
            if dx * dx + dy * dy <= nest.radius * nest.radius {
                living *= nest.rest
                agentGoal[i] += nest.reward
            }
        }
        agentEnergy[i] -= living + meta.costPerThrust * abs(thrust)
        senses.tickBegins(i)
        var hurt: Float = 0
        var finished = false
        let t = things
        forEachThing(touching: px, py, radius: r) { j in
            guard !finished else { return }
            if j < t.foodCount {
                guard foodPresent[j] else { return }
                let type = foodKind[j]
                if let offer = currentOffer {
                    // The offer stays in view through the feedback; eating it decides the trial.
                    guard type == offer else { return }
                    decide(i, right: typeSign[type] > 0)
                    finished = true
                } else {
                    foodPresent[j] = false
                    refreshSeen(j)
                    foodRegrowAt[j] = tick + typeRegrow[type]
                }
                let gain = typeSign[type] > 0 ? typeEnergy[type] : -spec.seasons.poisonFactor * typeEnergy[type]
                agentEnergy[i] = min(agentEnergy[i] + gain, meta.maxEnergy)
                agentFood[i] += gain
                senses.ate(i, sign: typeSign[type])
            } else if j < t.foodCount + t.hazardCount {
                hurt += hazardDamage[j - t.foodCount]
            } else if t.firstGoal >= 0 && j >= t.firstGoal && j < t.firstGoal + 2, let cue = spec.cue {
                let goal = j - t.firstGoal
                let right = goal == rightGoal(of: i)
                agentGoal[i] += right ? cue.reward : cue.penalty
                if trialPlan != nil { reachedGoal(i, goal, right: right) }
                finished = true            // the trial (in a world without trials: the life) is over for this agent
            }
        }
        agentEnergy[i] -= hurt
        agentDamage[i] += hurt
        senses.hurt(i, hurt)
        // In a world of trials a decision holds the body until the next trial; elsewhere
        // reaching a goal ends the life.
        if (finished && trialPlan == nil) || agentEnergy[i] <= 0 { agentAlive[i] = false }
        if agentAlive[i] { agentTicks[i] += 1 }
    }

    /// Whether a disc of radius r at (px, py) overlaps the wall.
    @inline(__always)
    static func touches(_ px: Float, _ py: Float, _ r: Float, _ w: WorldSpec.Wall) -> Bool {
        let cx = min(max(px, w.x), w.x + w.width), cy = min(max(py, w.y), w.y + w.height)
        let dx = px - cx, dy = py - cy
        return dx * dx + dy * dy < r * r
    }
}

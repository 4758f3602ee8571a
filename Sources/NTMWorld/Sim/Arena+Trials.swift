import NTMBrain

/// The schedule and the hidden draws of a world of trials (``WorldSpec/Trials``), all fixed
/// when the arena is built: every trial's cue and every trial's offer come from the stream
/// (layout seed, TRIA), never from what the agent does, so two agents in the same episode
/// face the same trials (common random numbers). A class: the tick reads it often, and a
/// reference costs nothing to pass around.
final class TrialPlan {
    let trials: WorldSpec.Trials
    /// The goal each trial's cue names (0 or 1): cue worlds.
    let cues: [Int]
    /// The food type each trial offers: offer worlds.
    let offers: [Int]
    /// Whether hidden values swap as trial t starts: every `trials_per_season` trials, or
    /// once, at `flip_at` of the trials.
    let flips: [Bool]

    init(_ spec: WorldSpec, _ trials: WorldSpec.Trials, layoutSeed: UInt64) {
        self.trials = trials
        var rng = RandomStream.generator(layoutSeed, .trials)
        let hidden = spec.food.indices.filter { spec.food[$0].hiddenValue }
        var cues: [Int] = [], offers: [Int] = []
        for _ in 0..<trials.count {
            cues.append(rng.nextInt(below: 2))
            offers.append(hidden.isEmpty ? -1 : hidden[rng.nextInt(below: hidden.count)])
        }
        (self.cues, self.offers) = (cues, offers)
        let every = spec.seasons.trialsPerSeason
        let once = Int((spec.seasons.flipAt * Float(trials.count)).rounded(.down))
        flips = (0..<trials.count).map { t in t > 0 && (every > 0 ? t % every == 0 : t == once) }
    }

    /// The trial a tick belongs to and the tick's place in it.
    func locate(_ tick: Int) -> (trial: Int, offset: Int) {
        let (t, k) = tick.quotientAndRemainder(dividingBy: trials.length)
        return (t, k)
    }

    func phase(atOffset k: Int) -> TrialPhase {
        if k < trials.cueTicks { return .cue }
        if k < trials.actStart { return .delay }
        if k < trials.actStart + trials.actTicks { return .act }
        return .feedback
    }
}

/// Where in a trial a tick falls.
public enum TrialPhase: String, Sendable {
    case cue, delay, act, feedback
}

/// Per agent: what it decided, counted as the world's ``WorldSpec/Decisions`` says.
public struct DecisionCount: Hashable, Sendable {
    /// Hidden-information decisions (the informed ones).
    public var made = 0
    /// Of those, the right ones.
    public var right = 0
    /// Every decision, informed or not (an offer of a colour not yet shown this season).
    public var all = 0

    public init(made: Int = 0, right: Int = 0, all: Int = 0) { (self.made, self.right, self.all) = (made, right, all) }

    public static func + (a: DecisionCount, b: DecisionCount) -> DecisionCount {
        DecisionCount(made: a.made + b.made, right: a.right + b.right, all: a.all + b.all)
    }
}

extension Arena {
    /// The trial and phase of the tick about to run (nil in a world without trials, or
    /// once the episode is over); kept up to date by ``prepareTrial()``.
    public var trialPosition: (trial: Int, phase: TrialPhase)? { trialNow }

    /// The food type the current trial offers (offer worlds), or nil.
    public var currentOffer: Int? {
        guard let plan = trialPlan, let (t, _) = trialPosition, plan.trials.offerDistance > 0 else { return nil }
        return plan.offers[t]
    }

    /// Whether the cue's beacon shows its colour now: during a trial's cue phase, or (in a
    /// world without trials) for the first `show_ticks` ticks.
    public var beaconLit: Bool {
        guard let cue = spec.cue else { return false }
        guard trialPlan != nil else { return tick < cue.showTicks }
        return trialPosition?.phase == .cue
    }

    /// The goal that is right for agent i now: the one the cue names, or (alternation) the
    /// one it did not reach in the trial before; nil when nothing is right yet.
    public func rightGoal(of i: Int) -> Int? {
        guard let cue = spec.cue else { return nil }
        guard cue.rule == .alternate else { return cueIndex }
        return agentLastGoal[i] >= 0 ? 1 - agentLastGoal[i] : nil
    }

    /// How agent i decided in the current trial: nil before it has, else whether rightly.
    public func trialOutcome(of i: Int) -> Bool? {
        agentOutcome[i] == 0 ? nil : agentOutcome[i] > 0
    }

    /// Agent i's decisions so far.
    public func decisions(of i: Int) -> DecisionCount {
        DecisionCount(made: agentDecisions[i], right: agentRightDecisions[i], all: agentAllDecisions[i])
    }

    /// Whether a trial holds agent i still this tick: during the cue, the delay and the
    /// feedback, and for the rest of the act phase once it has decided.
    @inline(__always)
    func isHeld(_ i: Int) -> Bool {
        guard let (_, phase) = trialNow else { return false }
        return phase != .act || agentDecided[i]
    }

    /// When the tick about to run begins a trial: seasons turn, the cue is redrawn, the offer
    /// laid out and bodies put back at the start. Called as the arena is built and at the end
    /// of every tick, so that between ticks the arena always shows the world the next tick
    /// will sense (what the window and the inspector read).
    func prepareTrial() {
        guard let plan = trialPlan, tick < spec.episode.ticks else { trialNow = nil; return }
        let (t, k) = plan.locate(tick)
        trialNow = (t, plan.phase(atOffset: k))
        guard k == 0 else { return }
        if plan.flips[t] {
            for f in spec.food.indices where spec.food[f].hiddenValue { typeSign[f] = -typeSign[f] }
            revealedThisSeason = [Bool](repeating: false, count: spec.food.count)
        }
        cueIndex = plan.cues[t]
        for (type, item) in offerItems.enumerated() where item >= 0 {
            foodPresent[item] = plan.trials.offerDistance > 0 && type == plan.offers[t]
            refreshSeen(item)
        }
        let start = spec.arena.start!, heading = Double(spec.arena.startHeading! / 180) * .pi
        for i in 0..<agentCount where agentAlive[i] {
            agentX[i] = start.x; agentY[i] = start.y
            headingX[i] = Float(DeterministicMath.cos(heading)); headingY[i] = Float(DeterministicMath.sin(heading))
            agentSpeed[i] = 0
            senses.born(i)
            agentDecided[i] = false
            agentOutcome[i] = 0
            agentClosest[i] = startDistanceToGoal
        }
    }

    /// After the agents act: when the act phase has just ended, whoever has not decided
    /// decides by default: an offer not eaten was refused (right if it was poisonous); a
    /// cue trial with no goal reached is a wrong decision. Then every offer's value is
    /// revealed by taste for the feedback phase.
    func endTrialTick() {
        guard let plan = trialPlan else { return }
        let (t, k) = plan.locate(tick)
        guard k == plan.trials.actStart + plan.trials.actTicks - 1 else { return }
        let offer = plan.trials.offerDistance > 0 ? plan.offers[t] : nil
        for i in 0..<agentCount where agentAlive[i] && !agentDecided[i] {
            decide(i, right: offer.map { typeSign[$0] < 0 } ?? false, informed: offer != nil || rightGoal(of: i) != nil)
            agentLastGoal[i] = -1                              // no goal reached: nothing to alternate from
            if approachReward > 0 {
                agentGoal[i] += approachReward * max(0, 1 - agentClosest[i] / startDistanceToGoal)
            }
        }
        guard let type = offer else { return }
        for i in 0..<agentCount where agentAlive[i] { senses.ate(i, sign: typeSign[type]) }
        revealedThisSeason[type] = true
    }

    /// The distance from (x, y) to the nearest goal's edge (0 inside one; ∞ with no cue).
    func distanceToGoal(_ x: Float, _ y: Float) -> Float {
        Self.distanceToGoal(x, y, centres: goalCentres, radius: goalRadius)
    }

    static func distanceToGoal(_ x: Float, _ y: Float, centres: [(Float, Float)], radius: Float) -> Float {
        var d = Float.infinity
        for k in 0..<centres.count {
            let (gx, gy) = centres[k]
            d = min(d, max(0, ((x - gx) * (x - gx) + (y - gy) * (y - gy)).squareRoot() - radius))
        }
        return d
    }

    /// Agent i moved: remember how close to a goal it came (for `[cue] approach`).
    @inline(__always)
    func trackApproach(_ i: Int) {
        guard approachReward > 0 else { return }
        agentClosest[i] = min(agentClosest[i], distanceToGoal(agentX[i], agentY[i]))
    }

    /// Agent i reached goal `goal` in a trial: it decides, and alternation remembers the goal.
    func reachedGoal(_ i: Int, _ goal: Int, right: Bool) {
        decide(i, right: right, informed: rightGoal(of: i) != nil)
        agentLastGoal[i] = goal
    }

    /// Agent i decides (it reaches a goal, eats the offer, or lets the act phase run out on
    /// it); `right` by the world's rule. Counted as informed unless nothing could have told
    /// it yet: an offer whose colour this season has not shown, or (alternation) a trial with
    /// no choice before it.
    func decide(_ i: Int, right: Bool, informed: Bool = true) {
        agentDecided[i] = true
        agentOutcome[i] = right ? 1 : -1
        agentAllDecisions[i] += 1
        guard informed else { return }
        if let offer = currentOffer, !revealedThisSeason[offer] { return }
        agentDecisions[i] += 1
        if right { agentRightDecisions[i] += 1 }
    }
}

/// Worlds of trials and the hidden-information decisions they count.
extension WorldSpec {
    /// A lifetime cut into trials of fixed length, each in four phases:
    ///
    ///     cue (the beacon shows this trial's colour; body held)
    ///     delay (the beacon dark; body held)
    ///     act (free to move; the first goal touched, or the offer eaten, decides)
    ///     feedback (body held; the offer's value is tasted, eaten or not)
    ///
    /// At the start of every trial the body is put back at `[arena] start` facing
    /// `start_heading`, standing still, with nothing tasted; the tape is kept. The cue is
    /// redrawn every trial. While the body is held its motors move nothing and cost nothing,
    /// so what it did then leaves no trace in its body. After a decision the body is held for
    /// the rest of the trial. The episode lasts exactly `count` trials. A world of trials is
    /// solo or isolated: every agent of an arena lives the same trials, alone.
    public struct Trials: Hashable, Sendable {
        public init() {}
        public var count = 6
        public var cueTicks = 10
        public var delayTicks = 20
        public var actTicks = 80
        public var feedbackTicks = 0
        /// With a distance > 0, every trial offers one food item of a hidden-value type,
        /// drawn at random, this far straight ahead of the start: eat it (touch it during the
        /// act phase) or refuse it (do not). 0: no offers.
        public var offerDistance: Float = 0

        public var length: Int { cueTicks + delayTicks + actTicks + feedbackTicks }
        /// The first tick of trial t's act phase, relative to the trial's start.
        public var actStart: Int { cueTicks + delayTicks }
    }

    /// What a world's hidden-information decisions are, if it has any (see ``decisions``).
    public enum Decisions: String, Hashable, Sendable {
        /// Each trial: which goal the agent reaches first; right when it is the cued one, wrong
        /// when it is the other or none (so an agent that cannot know the cue is right at
        /// most half the time).
        case cuedGoal = "cued-goal"
        /// Each trial: which goal the agent reaches; right when it is not the one it reached in
        /// the trial before (counted once there was one; none reached: wrong).
        case alternation = "alternation"
        /// Each trial: eat or refuse the offer; right when the agent eats a nourishing offer
        /// or refuses a poisonous one. Counted only once this season has shown the offer's
        /// colour before (before that, nothing the agent has seen could tell it).
        case eatOrRefuse = "eat-or-refuse"

        /// The accuracy of an agent that cannot know the hidden state.
        public var chance: Double { 0.5 }

        public var summary: String {
            switch self {
            case .cuedGoal: return "which goal it reaches first; right: the goal the trial's cue named (no goal: wrong)"
            case .alternation: return "which goal it reaches; right: the one it did not reach in the trial before (no goal: wrong)"
            case .eatOrRefuse: return "eat or refuse the offer; right: eat a nourishing one, refuse a poisonous one (once its colour was shown this season)"
            }
        }
    }

    /// The world's hidden-information decisions: a trial world with a cue decides which
    /// goal; one with offers decides what to eat. nil for every other world.
    public var decisions: Decisions? {
        guard let trials else { return nil }
        if trials.offerDistance > 0 { return .eatOrRefuse }
        guard let cue else { return nil }
        return cue.rule == .alternate ? .alternation : .cuedGoal
    }

    /// The first tick at which the agent must hold hidden information to decide well: the
    /// end of the first cue (a cue world), the start of the second trial (alternation: the
    /// first choice is what must be remembered), or the start of life (an offer world, whose
    /// values are learned by tasting). Removing the tape from here is the study's lesion.
    public var decisionPhaseStart: Int {
        guard let trials else { return 0 }
        switch decisions {
        case .cuedGoal?: return trials.cueTicks
        case .alternation?: return trials.length
        default: return 0
        }
    }

    /// A beacon that shows one of two colours at the start of a lifetime and then goes dark;
    /// a reward waits at the goal with the same index (a continuous T-maze).
    public struct Cue: Hashable, Sendable {
        public init() {}
        public var x: Float = 60, y: Float = 20, radius: Float = 2
        public var colors: [Color] = [Color(1, 0.2, 0.2), Color(0.2, 0.2, 1)]
        public var showTicks = 40
        public var goals: [[Float]] = [[20, 100], [100, 100]]
        public var goalRadius: Float = 6
        public var goalColor = Color(0.6, 0.6, 0.6)
        public var reward: Float = 50
        public var penalty: Float = -20
        /// Which goal is right: the one the beacon's colour names (`match`), or, in a world of
        /// trials, the one the agent did not reach in the trial before (`alternate`: the beacon
        /// shows nothing, and the agent must remember its own last choice).
        public var rule: Rule = .match
        /// In a world of trials: a trial that reaches no goal still pays up to this much, in
        /// proportion to how much closer than the start the body came to a goal's edge
        /// (a stepping stone towards reaching any goal at all).
        public var approach: Float = 0

        public enum Rule: String, CaseIterable, Sendable { case match, alternate }
    }
}

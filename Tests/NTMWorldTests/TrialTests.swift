import NTMBrain
import NTMTestSupport
import NTMWorld
import Testing

/// Worlds of trials: the schedule, bodies held still, decisions counted as each world says.
@Suite("Trials: held bodies, redrawn cues, offers, decisions")
struct TrialTests {
    static let cue = try! WorldSpec.load(path: Fixtures.tinyCuePath)
    static let offer = try! WorldSpec.load(path: Fixtures.tinyOfferPath)

    /// Random genomes, one per agent slot (memory on, so the tape is the only thing spared).
    static func genomes(_ spec: WorldSpec, _ count: Int, seed: UInt64) -> [[Float]] {
        var rng = RandomStream.generator(seed, 77)
        return (0..<count).map { _ in FilterBankController.randomParameters(spec.architecture.controllerShape, using: &rng) }
    }

    /// A genome whose every slope is zero: every output is 0, so the body never moves.
    static func still(_ spec: WorldSpec) -> [Float] { [Float](repeating: 0, count: spec.architecture.parameterCount) }

    @Test("A world of trials lasts count × trial length; the phases come in order")
    func schedule() throws {
        let t = try #require(Self.cue.trials)
        #expect(Self.cue.episode.ticks == 3 * 17 && t.length == 17 && t.actStart == 5)
        let arena = Arena(spec: Self.cue, genomes: [Self.still(Self.cue)], layoutSeed: 1)
        var phases: [TrialPhase] = []
        while let (_, p) = arena.trialPosition { phases.append(p); arena.step() }
        #expect(phases.count == 51)
        #expect(Array(phases[0..<17]) == [TrialPhase](repeating: .cue, count: 3) + [TrialPhase](repeating: .delay, count: 2) + [TrialPhase](repeating: .act, count: 12))
        #expect(Self.cue.decisions == .cuedGoal && Self.cue.decisionPhaseStart == 3)
    }

    @Test("The body cannot carry the cue: held still and unmoved by its motors through cue and delay, it starts every act phase the same", arguments: [UInt64(1), 2, 3])
    func bodyCarriesNothing(seed: UInt64) throws {
        // The fixture charges for thrust, so a body its motors moved while held would show it.
        let spec = Self.cue
        let start = spec.arena.start!
        var releases: [(cue: Int, sensors: [Float])] = []
        for layout in UInt64(1)...6 {
            let arena = Arena(spec: spec, genomes: Self.genomes(spec, 4, seed: seed), layoutSeed: layout)
            var trialStart: [[Float]] = []
            while let (_, phase) = arena.trialPosition {
                let k = arena.tick % 17
                if phase == .act && k == 5 {
                    for i in 0..<4 {
                        // As it is let go: where it was put at the trial's start, as still, and
                        // as rich as then, whatever its motors said meanwhile.
                        let body = [arena.x[i], arena.y[i], arena.hx[i], arena.hy[i], arena.speed[i], arena.energy[i]]
                        #expect(bits(body) == bits(trialStart[i]))
                        releases.append((arena.cueIndex, arena.currentSensors(of: i)))
                    }
                }
                arena.step()
                if k == 0 {
                    trialStart = (0..<4).map { [arena.x[$0], arena.y[$0], arena.hx[$0], arena.hy[$0], arena.speed[$0], arena.energy[$0]] }
                    for b in trialStart { #expect(b[0] == start.x && b[1] == start.y && b[4] == 0) }
                }
            }
        }
        // Every release, whatever the cue and whatever happened in earlier trials: the same
        // sensors, bit for bit. Only the tape can differ.
        #expect(Set(releases.map(\.cue)) == [0, 1])
        for r in releases { #expect(bits(r.sensors) == bits(releases[0].sensors)) }
    }

    @Test("The cue is redrawn every trial and shown only in the cue phase")
    func cueRedrawn() {
        var cues: Set<[Int]> = []
        for layout in UInt64(1)...8 {
            let arena = Arena(spec: Self.cue, genomes: [Self.still(Self.cue)], layoutSeed: layout)
            var perTrial: [Int] = []
            while let (t, phase) = arena.trialPosition {
                #expect(arena.beaconLit == (phase == .cue))
                if perTrial.count == t { perTrial.append(arena.cueIndex) }
                #expect(arena.cueIndex == perTrial[t])
                arena.step()
            }
            cues.insert(perTrial)
        }
        #expect(cues.count > 2)
    }

    @Test("Reaching the cued goal is right, the other goal wrong, neither wrong; a decision holds the body")
    func cueDecisions() throws {
        let spec = Self.cue
        let arena = Arena(spec: spec, genomes: [Self.still(spec)], layoutSeed: 5)
        let goals = spec.cue!.goals
        var expected = (made: 0, right: 0)
        for trial in 0..<3 {
            while arena.trialPosition?.phase != .act { arena.step() }
            let cued = arena.cueIndex
            switch trial {
            case 0:                                   // onto the cued goal
                arena.moveAgentForTesting(0, x: goals[cued][0], y: goals[cued][1])
                expected = (expected.made + 1, expected.right + 1)
            case 1:                                   // onto the other
                arena.moveAgentForTesting(0, x: goals[1 - cued][0], y: goals[1 - cued][1])
                expected.made += 1
            default:                                  // stays at the start: no goal at all
                expected.made += 1
            }
            arena.step()
            if trial < 2 {
                let d = arena.decisions(of: 0)
                #expect(d.made == expected.made && d.right == expected.right, "trial \(trial)")
                let held = (arena.x[0], arena.y[0])
                arena.step()                          // held where it decided, even on the other goal
                #expect(arena.x[0] == held.0 && arena.y[0] == held.1 && arena.decisions(of: 0).made == expected.made)
            }
            while let (t, _) = arena.trialPosition, t == trial { arena.step() }
        }
        #expect(arena.decisions(of: 0) == DecisionCount(made: 3, right: 1, all: 3))
        #expect(arena.isAlive(0))
        #expect(arena.fitness()[0] == Double(spec.cue!.reward + spec.cue!.penalty))
    }

    @Test("Offers: eating a good one or refusing a bad one is right; a colour not yet tasted this season is not counted; seasons swap")
    func offerDecisions() throws {
        let spec = Self.offer
        let arena = Arena(spec: spec, genomes: [Self.still(spec)], layoutSeed: 3)
        let start = spec.arena.start!
        var seen: Set<Int> = [], expected = DecisionCount(), signs: [[Float]] = []
        for trial in 0..<8 {
            if trial == 4 { seen = [] }                       // the season turns
            #expect(arena.trialPosition?.trial == trial)
            let type = try #require(arena.currentOffer)
            arena.step()                                      // the trial begins (and the flip, at trial 4)
            signs.append(arena.foodSign)
            let good = arena.foodSign[type] > 0
            let eat = trial % 2 == 0
            if eat { arena.moveAgentForTesting(0, x: start.x, y: start.y + spec.trials!.offerDistance) }
            while arena.trialPosition?.phase == .act { arena.step() }
            expected.all += 1
            if seen.contains(type) {
                expected.made += 1
                if eat == good { expected.right += 1 }
            }
            seen.insert(type)
            #expect(arena.decisions(of: 0) == expected, "trial \(trial)")
            // Feedback: the value is tasted, eaten or not, with the offer still in view.
            let taste = arena.currentSensors(of: 0)[arena.sensorLayout.index(.taste)!]
            #expect(taste == (good ? 1 : -1) * 0.8 || taste == (good ? 1 : -1), "trial \(trial): taste \(taste)")
            while let (t, _) = arena.trialPosition, t == trial { arena.step() }
        }
        #expect(signs[0] == signs[3] && signs[4] == signs[7] && signs[4] == signs[0].map { -$0 })
        // Energy: +10 for each good offer eaten, −5 (poison_factor 0.5) for each bad one.
        #expect(arena.fitness()[0] != 0)
    }

    @Test("Alternation: right is the goal not reached last trial; the first trial and one after no goal are not counted")
    func alternation() throws {
        var text = try String(contentsOfFile: Fixtures.tinyCuePath, encoding: .utf8)
        text = text.replacingOccurrences(of: "penalty = 1.0", with: "penalty = 1.0\nrule = \"alternate\"")
            .replacingOccurrences(of: "count = 3\ncue_ticks = 3", with: "count = 5\ncue_ticks = 0")
        let spec = try WorldSpec.parse(text, file: "alt.toml")
        #expect(spec.decisions == .alternation && spec.decisionPhaseStart == spec.trials!.length)
        let arena = Arena(spec: spec, genomes: [Self.still(spec)], layoutSeed: 2)
        let goals = spec.cue!.goals
        //            trial:   0 (a: not counted), 1 (b: right), 2 (b: wrong), 3 (none: wrong), 4 (a: not counted)
        let plan: [Int?] = [0, 1, 1, nil, 0]
        var seen: [DecisionCount] = []
        for (trial, goal) in plan.enumerated() {
            while arena.trialPosition?.phase != .act { arena.step() }
            #expect(arena.rightGoal(of: 0) == (trial == 0 || trial == 4 ? nil : 1 - plan[trial - 1]!))
            if let goal { arena.moveAgentForTesting(0, x: goals[goal][0], y: goals[goal][1]) }
            while let (t, _) = arena.trialPosition, t == trial { arena.step() }
            seen.append(arena.decisions(of: 0))
        }
        #expect(seen.map(\.made) == [0, 1, 2, 3, 3] && seen.map(\.right) == [0, 1, 1, 1, 1] && seen.last!.all == 5)
        #expect(text.contains("rule = \"alternate\""))
        #expect(worldError(text.replacingOccurrences(of: "cue_ticks = 0", with: "cue_ticks = 2"))?.key == "trials.cue_ticks")
    }

    @Test("[cue] approach: a trial that reaches no goal pays for how much closer than the start the body came")
    func approach() throws {
        let text = try String(contentsOfFile: Fixtures.tinyCuePath, encoding: .utf8)
            .replacingOccurrences(of: "penalty = 1.0", with: "penalty = 1.0\napproach = 0.5")
        let spec = try WorldSpec.parse(text, file: "approach.toml")
        let cue = spec.cue!, start = spec.arena.start!
        let arena = Arena(spec: spec, genomes: [Self.still(spec)], layoutSeed: 2)
        func edge(_ x: Float, _ y: Float) -> Float {
            cue.goals.map { max(0, (($0[0] - x) * ($0[0] - x) + ($0[1] - y) * ($0[1] - y)).squareRoot() - cue.goalRadius) }.min()!
        }
        // Trial 0: half way from the start towards goal a's edge (but not into it).
        while arena.trialPosition?.phase != .act { arena.step() }
        let target = (start.x + (cue.goals[0][0] - start.x) * 0.4, start.y + (cue.goals[0][1] - start.y) * 0.4)
        arena.moveAgentForTesting(0, x: target.0, y: target.1)
        arena.step()                                  // still: it moves nothing, but the move counts from here
        let closest = edge(target.0, target.1)
        while let (t, _) = arena.trialPosition, t == 0 { arena.step() }
        let paid = Float(arena.fitness()[0])
        #expect(abs(paid - 0.5 * (1 - closest / edge(start.x, start.y))) < 1e-5, "paid \(paid)")
        #expect(paid > 0 && paid < cue.penalty)       // less than reaching any goal
    }

    @Test("Offers: without a tape an agent's choice is a function of the colour in front of it alone, whatever it tasted before", arguments: [UInt64(1), 2, 3, 4])
    func offersCarryNothing(seed: UInt64) throws {
        var spec = Self.offer
        spec.brain.memory = .off
        for layout in UInt64(1)...4 {
            let arena = Arena(spec: spec, genomes: Self.genomes(spec, 4, seed: seed), layoutSeed: layout)
            var choice: [[Int: Bool]] = Array(repeating: [:], count: 4)       // per agent: offer type → ate
            var trialOf = -1
            var before = [Float](repeating: 0, count: 4)
            while let (t, phase) = arena.trialPosition {
                if t != trialOf { trialOf = t; before = arena.foodEnergy }
                arena.step()
                if phase == .act && arena.trialPosition?.phase != .act {     // the act phase just ended
                    let type = try #require(arena.currentOffer)
                    for i in 0..<4 {
                        let ate = arena.foodEnergy[i] != before[i]
                        if let earlier = choice[i][type] { #expect(earlier == ate, "agent \(i), trial \(t): a choice that changed") }
                        choice[i][type] = ate
                    }
                }
            }
        }
    }

    @Test("A world of trials must be solo or isolated, and have a start and a heading")
    func validation() {
        let text = try! String(contentsOfFile: Fixtures.tinyCuePath, encoding: .utf8)
        func error(_ extra: String) -> WorldFileError? {
            worldError(text.replacingOccurrences(of: "isolated = true", with: extra))
        }
        #expect(error("isolated = false")?.key == "episode.agents_per_arena")
        #expect(error("isolated = true\nticks = 20")?.key == "episode.ticks")
        #expect(error("isolated = true") == nil)
    }
}

import Foundation
import NTMWorld

/// What a memory world asks of its agents, drawn over the world view: the task in one line,
/// where the trial is, how the selected agent and the whole arena are doing against chance,
/// and, on R, the hidden truth the agents must remember (which goal is right now; which
/// colours nourish and which poison this season). Each decision is flashed where it happens:
/// a green ring round an agent that just decided right, a red one round a wrong one, held
/// until the next trial begins (the body is held still meanwhile).
public struct TaskOverlay {
    public static let right = RGBA(90, 220, 120), wrong = RGBA(240, 80, 80)
    static let box = RGBA(10, 12, 16, 215), ink = RGBA(230, 232, 236), dim = RGBA(160, 165, 175)

    let font: Font

    public init(font: Font) { self.font = font }

    /// The short name of each kind of task.
    static func task(_ d: WorldSpec.Decisions) -> String {
        switch d {
        case .cuedGoal: return "task: reach the goal the beacon's colour named (it goes dark first)"
        case .alternation: return "task: reach the goal not reached in the trial before"
        case .eatOrRefuse: return "task: eat the offer if its colour nourishes this season, refuse it if it poisons"
        }
    }

    /// Draws the overlay for `arena` shown through `v` in `viewport`; the lines drawn, top to bottom.
    @discardableResult
    public func draw(_ arena: Arena, on canvas: Canvas, view v: WorldView, viewport: PixelRect,
                     selected: Int?, revealHidden: Bool) -> [String] {
        let spec = arena.spec
        guard let kind = spec.decisions else { return [] }
        var lines: [(String, RGBA)] = [(Self.task(kind), Self.ink)]
        if let (t, phase) = arena.trialPosition, let trials = spec.trials {
            lines.append(("trial \(t + 1) of \(trials.count) · \(phase.rawValue)", Self.dim))
        }
        if revealHidden {
            lines.append((truth(arena, kind, selected: selected), RGBA(255, 210, 120)))
        } else {
            lines.append(("R: show the hidden truth", Self.dim))
        }
        if let s = selected, s < arena.agentCount {
            let d = arena.decisions(of: s)
            lines.append((d.made == 0 ? "agent \(s): no counted decision yet" : String(format: "agent %d: %d of %d right (%.0f%%)", s, d.right, d.made, 100 * Double(d.right) / Double(d.made)), Self.ink))
        }
        let all = (0..<arena.agentCount).map(arena.decisions(of:)).reduce(DecisionCount(), +)
        if all.made > 0 {
            lines.append((String(format: "all agents: %d of %d right (%.0f%%; a coin: %.0f%%)", all.right, all.made,
                                 100 * Double(all.right) / Double(all.made), 100 * kind.chance), Self.ink))
        }

        // Flashes: a ring round every agent that has decided in this trial.
        let r = Double(spec.body.radius) * v.scale + 7
        for i in 0..<arena.agentCount where arena.isAlive(i) {
            guard let outcome = arena.trialOutcome(of: i) else { continue }
            let (x, y) = arena.position(of: i)
            ring(canvas, v.point(x, y), radius: r, outcome ? Self.right : Self.wrong, thickness: 3)
        }
        // The right goal, on R.
        if revealHidden, let cue = spec.cue, kind != .eatOrRefuse, let s = selected ?? (arena.agentCount > 0 ? 0 : nil),
           let goal = arena.rightGoal(of: s) {
            let g = cue.goals[goal]
            ring(canvas, v.point(g[0], g[1]), radius: Double(cue.goalRadius) * v.scale + 4, Self.right, thickness: 2)
        }

        let width = min(viewport.width - 20, Double(lines.map { font.width(of: $0.0) }.max() ?? 0) + 20)
        let height = Double(lines.count) * 18 + 10
        let box = PixelRect(x: viewport.x + 10, y: viewport.y + 10, width: width, height: height)
        canvas.fill(x: box.x, y: box.y, width: box.width, height: box.height, Self.box)
        for (k, (text, color)) in lines.enumerated() {
            canvas.text(text, x: box.x + 10, y: box.y + 5 + Double(k) * 18, font: font, color, within: box)
        }
        return lines.map(\.0)
    }

    /// The hidden truth as one line.
    func truth(_ arena: Arena, _ kind: WorldSpec.Decisions, selected: Int?) -> String {
        let spec = arena.spec
        switch kind {
        case .cuedGoal, .alternation:
            let s = selected ?? 0
            guard s < arena.agentCount, let goal = arena.rightGoal(of: s) else { return "right goal now: either (no choice to alternate from yet)" }
            return "right goal now: \(goal == 0 ? "A" : "B") (ringed green)" + (kind == .cuedGoal ? "; the beacon showed \(goal == 0 ? "colour A" : "colour B")" : "")
        case .eatOrRefuse:
            let signs = arena.foodSign
            let hidden = spec.food.indices.filter { spec.food[$0].hiddenValue }
            let good = hidden.filter { signs[$0] > 0 }.map { spec.food[$0].name }, bad = hidden.filter { signs[$0] < 0 }.map { spec.food[$0].name }
            return "nourishing now: \(good.joined(separator: ", ")) · poisonous now: \(bad.joined(separator: ", "))"
        }
    }

    func ring(_ canvas: Canvas, _ c: (x: Double, y: Double), radius: Double, _ color: RGBA, thickness: Int) {
        for k in 0..<40 {
            let a0 = Double(k) / 40 * 2 * .pi, a1 = Double(k + 1) / 40 * 2 * .pi
            canvas.line(c.x + radius * cos(a0), c.y + radius * sin(a0), c.x + radius * cos(a1), c.y + radius * sin(a1), color, thickness: thickness)
        }
    }
}

import Foundation
import NTMWorld

/// What a finished study says, as files: STUDY_DIR/champions.csv (one row per run) and
/// STUDY_DIR/report.md (per-condition medians; each tape against off, and each other tape
/// against the first, with an exact test and an effect size; what the lesion did; and a
/// verdict in plain words).
public struct StudyReport {
    public let plan: Study.Plan
    public let rows: [Study.Row]
    /// The command that reproduces the study, for the report.
    public let command: String

    public init(plan: Study.Plan, rows: [Study.Row], command: String) {
        (self.plan, self.rows, self.command) = (plan, rows, command)
    }

    public static let csvHeader = "condition,seed,generations,heldout_episodes,heldout_fitness,decisions,decision_accuracy,lesioned_decision_accuracy,chance"

    public var championsCSV: String {
        func v(_ x: Double?) -> String { x.map { "\($0)" } ?? "" }
        let lines = rows.map { r in
            [r.condition, String(r.seed), String(r.generations), String(r.heldOutEpisodes), "\(r.heldOutFitness)",
             String(r.decisions), v(r.decisionAccuracy), v(r.lesionedDecisionAccuracy), v(r.chance)].joined(separator: ",")
        }
        return ([Self.csvHeader] + lines).joined(separator: "\n") + "\n"
    }

    func rows(_ c: Study.Condition) -> [Study.Row] { rows.filter { $0.condition == c.rawValue } }

    /// Per-run values of one measure, in seed order; runs without it are left out.
    func values(_ c: Study.Condition, _ measure: (Study.Row) -> Double?) -> [Double] { rows(c).compactMap(measure) }

    /// "0.950 [0.925, 0.975]": the median and the interquartile range.
    static func summary(_ x: [Double]) -> String {
        guard !x.isEmpty else { return "–" }
        return String(format: "%.3f [%.3f, %.3f]", Statistics.median(x), Statistics.quantile(x, 0.25), Statistics.quantile(x, 0.75))
    }

    /// Full against off on one measure: Mann–Whitney U with its exact p, and Cliff's delta
    /// with a bootstrap interval.
    public struct Comparison {
        public var u: Double, p: Double, delta: Double, deltaLow: Double, deltaHigh: Double
    }

    /// The tape condition the others are measured against: the first one asked for.
    var primary: Study.Condition? { plan.conditions.first(where: \.usesTape) }

    /// The primary tape condition against off.
    public func compare(_ measure: (Study.Row) -> Double?) -> Comparison? {
        guard let primary, plan.conditions.contains(.off) else { return nil }
        return compare(primary, .off, measure)
    }

    public func compare(_ x: Study.Condition, _ y: Study.Condition, _ measure: (Study.Row) -> Double?) -> Comparison? {
        let a = values(x, measure), b = values(y, measure)
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let (u, p) = Statistics.mannWhitney(a, b)
        let d = Statistics.cliffsDelta(a, b)
        let (lo, hi) = Statistics.cliffsDeltaInterval(a, b, seed: 1)
        return Comparison(u: u, p: p, delta: d, deltaLow: lo, deltaHigh: hi)
    }

    public var reportMarkdown: String {
        let e = plan.experiment, w = e.world, s = e.setup
        var out = "# Does memory matter in '\(w.name)'?\n\n"
        out += "\(w.description)\n\n"
        out += "- World `\(w.hash)`. "
        if let kind = w.decisions {
            out += "Decisions: \(kind.summary). Chance level: \(kind.chance).\n"
        } else {
            out += "This world names no hidden-information decisions; only fitness is compared.\n"
        }
        out += "- Each run: \(s.generations) generations of `\(s.algorithm)`, population \(s.population), \(s.episodes) episodes per evaluation; "
        let judged = s.hallOfFameEvery == 1 ? "generation champion" : "champion of every \(s.hallOfFameEvery)th generation"
        out += "its champion is the run's hall of fame (the best \(judged) on \(s.hallOfFameEpisodes) fresh episodes).\n"
        out += "- Every champion is judged on \(plan.heldOutEpisodes) held-out episodes (seed \(plan.heldOutSeed)), intact and with "
        out += "its tape removed from tick \(w.decisionPhaseStart) (`\(Lesion.studyLesion(for: w))`, where the decisions begin to need it).\n"
        out += "- Conditions: " + plan.conditions.map { "`\($0.rawValue)`" }.joined(separator: ", ")
        out += "; seeds: " + plan.seeds.map(String.init).joined(separator: ", ") + ".\n\n"

        out += "## Per condition (median [interquartile range] over seeds)\n\n"
        out += "| condition | runs | decision accuracy | with the tape removed | held-out fitness |\n|---|---|---|---|---|\n"
        for c in plan.conditions {
            out += "| `\(c.rawValue)` | \(rows(c).count) | \(Self.summary(values(c, \.decisionAccuracy))) | "
            out += "\(Self.summary(values(c, \.lesionedDecisionAccuracy))) | \(Self.summary(values(c) { $0.heldOutFitness })) |\n"
        }

        let accuracy = compare(\.decisionAccuracy), fitness = compare { $0.heldOutFitness }
        let tapes = plan.conditions.filter(\.usesTape)
        var pairs: [(Study.Condition, Study.Condition)] = plan.conditions.contains(.off) ? tapes.map { ($0, .off) } : []
        if let primary { pairs += tapes.dropFirst().map { ($0, primary) } }
        if !pairs.isEmpty {
            out += "\n## Comparisons\n\n"
            out += "Mann–Whitney U, two-sided, exact p (every split of the pooled runs counted, ties at mid-ranks); "
            out += "Cliff's delta = P(A > B) − P(A < B), with a 95 % bootstrap interval (2000 resamples). "
            out += "Each tape condition against `off`, then each other tape against `\(primary?.rawValue ?? "")`.\n\n"
            out += "| A against B | measure | U | exact p | Cliff's delta [95 % CI] |\n|---|---|---|---|---|\n"
            for (x, y) in pairs {
                for (name, measure) in [("decision accuracy", { (r: Study.Row) in r.decisionAccuracy }), ("held-out fitness", { $0.heldOutFitness })] {
                    guard let c = compare(x, y, measure) else { continue }
                    out += "| `\(x.rawValue)` against `\(y.rawValue)` | " + name
                        + String(format: " | %.1f | %.2g | %.2f [%.2f, %.2f] |\n", c.u, c.p, c.delta, c.deltaLow, c.deltaHigh)
                }
            }
        }
        out += "\n## Verdict\n\n" + verdict(accuracy: accuracy, fitness: fitness) + "\n"

        out += "\n## Champions\n\n| condition | seed | held-out fitness | decisions | accuracy | with the tape removed |\n|---|---|---|---|---|---|\n"
        for r in rows {
            func f(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "–" }
            out += "| `\(r.condition)` | \(r.seed) | \(String(format: "%.2f", r.heldOutFitness)) | \(r.decisions) | \(f(r.decisionAccuracy)) | \(f(r.lesionedDecisionAccuracy)) |\n"
        }
        out += "\nReproduce: `\(command)`\n"
        return out
    }

    /// The result in plain words, with the numbers it rests on.
    func verdict(accuracy: Comparison?, fitness: Comparison?) -> String {
        let w = plan.experiment.world
        guard let kind = w.decisions, let acc = accuracy else {
            guard let fit = fitness else {
                if plan.conditions.count < 2 { return "Only one condition was run: nothing is compared." }
                guard plan.conditions.contains(.off), primary != nil else {
                    return "No `off` condition was run, so what the tape itself is worth is not measured here; "
                        + "the comparisons above set the conditions against `\(primary?.rawValue ?? "full")`."
                }
                return "No finished runs to set the tape against `off` yet."
            }
            return fit.p < 0.01 && fit.delta > 0
                ? String(format: "Champions with a tape score higher on held-out episodes than champions without (exact p = %.2g, Cliff's delta %.2f).", fit.p, fit.delta)
                : String(format: "No effect of the tape on held-out fitness was measured (exact p = %.2g, Cliff's delta %.2f).", fit.p, fit.delta)
        }
        let tape = primary ?? .full
        let full = Statistics.median(values(tape, \.decisionAccuracy)), off = Statistics.median(values(.off, \.decisionAccuracy))
        let lesioned = Statistics.median(values(tape, \.lesionedDecisionAccuracy))
        let chance = kind.chance
        var text = String(format: "Champions evolved with a tape decide right %.0f %% of the time on held-out episodes (median over seeds), "
                          + "champions evolved without one %.0f %% (chance: %.0f %%); exact p = %.2g, Cliff's delta %.2f [%.2f, %.2f]. ",
                          100 * full, 100 * off, 100 * chance, acc.p, acc.delta, acc.deltaLow, acc.deltaHigh)
        text += String(format: "With their tape removed where the decisions begin, the same champions fall to %.0f %%. ", 100 * lesioned)
        if acc.p < 0.01 && acc.delta > 0 && lesioned <= chance + 0.10 && off <= chance + 0.05 {
            text += "So the tape is what the decisions rest on: evolution found a way to use it, and without it the agents do no better than chance"
            // A memory-less agent can do worse than a coin: in a world that asks it to change
            // its choice, it makes the same one every trial, and is always wrong.
            text += max(off, lesioned) < chance - 0.10
                ? " (worse, here: what they do without a tape is systematically wrong in this world)." : "."
        } else if acc.p < 0.01 && acc.delta > 0 {
            text += "The tape helps, but the evidence is not clean: "
            if off > chance + 0.05 { text += "agents without a tape beat chance (something else carries the hidden state), " }
            if lesioned > chance + 0.10 { text += "champions keep much of their accuracy without their tape, " }
            text = String(text.dropLast(2)) + "."
        } else {
            text += "No effect of the tape on decisions was measured at this budget."
        }
        return text
    }

    /// Writes STUDY_DIR/champions.csv and STUDY_DIR/report.md (`directory` is STUDY_DIR), atomically.
    public func write(to directory: String) throws {
        try RunDirectory.write(Data(championsCSV.utf8), to: directory + "/champions.csv")
        try RunDirectory.write(Data(reportMarkdown.utf8), to: directory + "/report.md")
    }
}

import NTMEvolution
import NTMTestSupport
import Testing

/// The study's verdict says in words what its numbers show, and no more.
@Suite("Study report: the verdict")
struct StudyReportTests {
    /// Ten seeds per condition: `full` champions at `full` accuracy (their lesioned accuracy
    /// `lesioned`), `off` champions at `off`.
    static func report(full: Double, lesioned: Double, off: Double, against other: Study.Condition = .off) -> String {
        let plan = Study.Plan(experiment: Fixtures.tinyCue(), conditions: [.full, other], seeds: Array(1...10))
        func row(_ condition: String, _ seed: UInt64, _ accuracy: Double, _ lesion: Double) -> Study.Row {
            Study.Row(condition: condition, seed: seed, generations: 3, heldOutEpisodes: 50, heldOutFitness: 100 * accuracy,
                      decisions: 400, decisionAccuracy: accuracy, lesionedDecisionAccuracy: lesion, chance: 0.5, curve: [0, 1])
        }
        // A little spread per seed, so that ranks are not all tied.
        var rows: [Study.Row] = []
        for seed in 1...10 {
            let spread = 0.001 * Double(seed)
            rows.append(row("full", UInt64(seed), full - spread, lesioned))
        }
        for seed in 1...10 {
            let spread = 0.001 * Double(seed)
            rows.append(row(other.rawValue, UInt64(seed), off + spread, off))
        }
        let text = StudyReport(plan: plan, rows: rows, command: "ntmlife study tiny-cue").reportMarkdown
        return String(text[text.range(of: "## Verdict\n\n")!.upperBound...])
    }

    @Test("The tape matters, at chance without it")
    func atChance() {
        let v = Self.report(full: 0.97, lesioned: 0.50, off: 0.50)
        #expect(v.contains("the tape is what the decisions rest on") && v.contains("no better than chance."))
        #expect(!v.contains("worse, here"))
    }

    @Test("Below chance without the tape (a world that punishes repeating one choice) is said so")
    func belowChance() {
        let v = Self.report(full: 1.0, lesioned: 0.0, off: 0.0)
        #expect(v.contains("the tape is what the decisions rest on") && v.contains("worse, here"))
    }

    @Test("Agents without a tape that beat chance make the evidence unclean")
    func leak() {
        let v = Self.report(full: 0.97, lesioned: 0.50, off: 0.70)
        #expect(v.contains("not clean") && v.contains("beat chance"))
    }

    @Test("Without an `off` condition the verdict says the tape's worth was not measured, and points at the comparisons")
    func withoutOff() {
        let v = Self.report(full: 0.97, lesioned: 0.50, off: 0.60, against: .lshSwitched)
        #expect(v.contains("No `off` condition was run") && v.contains("against `full`"))
        #expect(!v.contains("Only one condition"))
    }

    @Test("No difference is reported as no effect")
    func noEffect() {
        let v = Self.report(full: 0.50, lesioned: 0.50, off: 0.50)
        #expect(v.contains("No effect of the tape"))
    }
}

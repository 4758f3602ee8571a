import Foundation
import NTMEvolution
import NTMWorld

/// A world running live in the window: what is on screen, and how to move it on.
///
/// Three kinds: a generational run (``GenerationSession``), a living ecosystem
/// (``EcosystemSession``) and a saved genome's replay (``ReplaySession``). The window
/// calls ``advance()`` at its own pace and draws ``arena`` in between; nothing it does to
/// the picture changes a recorded result (see each session for what interventions touch).
public protocol LiveSession: AnyObject {
    /// The arena on screen (a new one may appear after any ``advance()``).
    var arena: Arena { get }
    /// e.g. "forage · evolving (ga)".
    var title: String { get }
    /// e.g. "generation 3 of 40 · tick 120 of 400 · episode 1 of 2".
    var status: String { get }
    /// One row per finished generation or epoch (for the HUD and its plot).
    var stats: [GenerationStats] { get }
    /// Runs one tick of the on-screen arena. Returns `false` when nothing moved (waiting for
    /// the background evolver, or finished).
    func advance() -> Bool
    /// Moves on as far as is useful without drawing (the fastest speed); may run many ticks.
    func fastForward(budgetSeconds: Double, clock: () -> Double)
    /// The genome of the agent in `slot` of ``arena``.
    func genome(slot: Int) -> Genome?
    /// Each slot's tint, by lineage.
    var tints: [RGBA] { get }
    /// The genome of `slot`, ready to save: with an evaluation record where one can be
    /// made, so that `ntmlife replay` can check it.
    func genomeForSaving(slot: Int) -> Genome?
    /// Zeroes the tape of the agent in `slot` (a live lesion).
    func wipeMemory(slot: Int)
    /// News for the HUD since the last call (a generation finished, a file written).
    func takeMessages() -> [String]
    /// Any error from writing the run directory (the window shows it and stops).
    var failure: String? { get }
    /// Whether the session has done what it set out to (all generations or epochs, or the
    /// whole replay); the world may still be shown living on.
    var isFinished: Bool { get }
    /// What the HUD says in place of generation statistics when there are none to have (a
    /// replay): nil for an evolving session.
    var summary: [String]? { get }
}

extension LiveSession {
    public var summary: [String]? { nil }

    public func fastForward(budgetSeconds: Double, clock: () -> Double) {
        let start = clock()
        while clock() - start < budgetSeconds {
            for _ in 0..<16 where !advance() { return }
        }
    }
}

/// Colours that follow descent: a genome's hue comes from its parameters seen along two
/// fixed random directions, so a child (a few small mutations away) looks like its parent,
/// and unrelated genomes differ.
public enum LineageTint {
    public static func color(of parameters: [Float]) -> RGBA {
        var a = 0.0, b = 0.0
        var state: UInt64 = 0x4C49_4E45_4147_4531
        for p in parameters {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            a += state >> 63 == 0 ? Double(p) : -Double(p)
            b += (state >> 62) & 1 == 0 ? Double(p) : -Double(p)
        }
        return RGBA(hue: (atan2(b, a) / (2 * .pi) + 1).truncatingRemainder(dividingBy: 1), floor: 90)
    }
}

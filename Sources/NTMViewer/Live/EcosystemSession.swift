import Foundation
import NTMEvolution
import NTMWorld

/// A living ecosystem (``Ecosystem``) in the window: the one arena there is, stepped at the
/// viewer's pace, each epoch recorded by its ``EvolutionRun`` as `evolve` records it, for as
/// long as the window lets it live (past the run's target too: every epoch watched is in
/// the run directory).
///
/// Here the arena on screen *is* the run, so a live lesion (L) is a real event in its
/// history: checkpoints written afterwards carry its consequences.
public final class EcosystemSession: LiveSession {
    public let run: EvolutionRun
    public let ecosystem: Ecosystem
    public private(set) var failure: String?
    var messages: [String] = []
    var epochStarted = Date().timeIntervalSinceReferenceDate

    /// - Precondition: `run` is open-ended.
    public init(run: EvolutionRun) {
        self.run = run
        ecosystem = run.ecosystem!
    }

    public var arena: Arena { ecosystem.arena }
    public var isFinished: Bool { run.isComplete }
    public var title: String { "\(ecosystem.spec.name) · ecosystem" }
    public var status: String {
        let e = ecosystem.rules
        return "epoch \(ecosystem.epoch) · tick \(ecosystem.ticksIntoEpoch) of \(e.epochTicks) · \(ecosystem.aliveCount) alive of \(e.capacity)"
    }
    public var stats: [GenerationStats] { run.stats }

    public var tints: [RGBA] {
        ecosystem.genomes.map { $0.map { LineageTint.color(of: $0.parameters) } ?? RGBA(128, 128, 128) }
    }

    public func advance() -> Bool {
        if failure != nil { return false }
        ecosystem.advance()
        if ecosystem.epochIsComplete {
            let e = ecosystem.epoch
            let now = Date().timeIntervalSinceReferenceDate
            do {
                let outcome = try run.closeEpoch(seconds: now - epochStarted)
                messages.append(String(format: "epoch %d: %d alive, best %.2f, mean %.2f", e, outcome.stats.population, outcome.stats.best, outcome.stats.mean))
            } catch {
                failure = error.description
            }
            epochStarted = now
        }
        return true
    }

    public func genome(slot: Int) -> Genome? { slot < ecosystem.genomes.count ? ecosystem.genomes[slot] : nil }

    public func genomeForSaving(slot: Int) -> Genome? { ecosystem.genomeForSaving(slot: slot) }

    public func wipeMemory(slot: Int) { arena.brains.wipeMemory(agent: slot) }

    public func takeMessages() -> [String] {
        defer { messages = [] }
        return messages
    }
}

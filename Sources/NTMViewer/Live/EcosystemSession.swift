import Foundation
import NTMEvolution
import NTMWorld

/// A living ecosystem (``Ecosystem``) in the window: the one arena there is, stepped at the
/// viewer's pace, with epochs recorded to the run directory as `evolve` records them.
///
/// Here the arena on screen *is* the run, so a live lesion (L) is a real event in its
/// history: checkpoints written afterwards carry its consequences.
public final class EcosystemSession: LiveSession {
    public let ecosystem: Ecosystem
    let runDirectory: RunDirectory?
    let checkpointEvery: Int
    public let total: Int
    public private(set) var stats: [GenerationStats]
    public private(set) var failure: String?
    var messages: [String] = []
    var epochStarted = Date().timeIntervalSinceReferenceDate

    public init(ecosystem: Ecosystem, stats: [GenerationStats], runDirectory: RunDirectory?, checkpointEvery: Int = 1, total: Int? = nil) {
        self.ecosystem = ecosystem
        self.stats = stats
        self.runDirectory = runDirectory
        self.checkpointEvery = checkpointEvery
        self.total = total ?? ecosystem.spec.evolution.generations
    }

    public var arena: Arena { ecosystem.arena }
    public var isFinished: Bool { ecosystem.epoch >= total }
    public var title: String { "\(ecosystem.spec.name) · ecosystem" }
    public var status: String {
        let e = ecosystem.spec.ecosystem
        return "epoch \(ecosystem.epoch) · tick \(ecosystem.ticksIntoEpoch) of \(e.epochTicks) · \(ecosystem.aliveCount) alive of \(e.capacity)"
    }

    public var tints: [RGBA] {
        ecosystem.genomes.map { $0.map { LineageTint.color(of: $0.parameters) } ?? RGBA(128, 128, 128) }
    }

    public func advance() -> Bool {
        if failure != nil { return false }
        ecosystem.advance()
        if ecosystem.epochIsComplete {
            let e = ecosystem.epoch
            let now = Date().timeIntervalSinceReferenceDate
            let outcome = ecosystem.closeEpoch(seconds: now - epochStarted)
            epochStarted = now
            stats.append(outcome.stats)
            messages.append(String(format: "epoch %d: %d alive, best %.2f, mean %.2f", e, outcome.stats.population, outcome.stats.best, outcome.stats.mean))
            if let runDirectory, e < total {
                do {
                    try runDirectory.record(epoch: e, outcome, ecosystem: ecosystem, stats: stats, checkpointEvery: checkpointEvery, total: total)
                } catch {
                    failure = "cannot write the run directory '\(runDirectory.path)': \(error.localizedDescription)"
                }
            }
        }
        return true
    }

    public func genome(slot: Int) -> Genome? { slot < ecosystem.genomes.count ? ecosystem.genomes[slot] : nil }

    public func genomeForSaving(slot: Int) -> Genome? {
        guard var g = genome(slot: slot) else { return nil }
        g.evaluation = EvaluationRecord(worldHash: ecosystem.spec.hash, seed: ecosystem.seed, generation: ecosystem.epoch,
                                        episodes: 0, arrangement: "ecosystem", fitness: arena.score(of: slot))
        return g
    }

    public func wipeMemory(slot: Int) { arena.brains.wipeMemory(agent: slot) }

    public func takeMessages() -> [String] {
        defer { messages = [] }
        return messages
    }
}

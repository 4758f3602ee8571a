import Foundation
import NTMWorld

/// What a finished generation or epoch leaves in a run directory. `evolve` and `watch`
/// both record through here, so a run started in the window and resumed headless (or the
/// other way round) has one set of files in one format.
extension RunDirectory {
    /// After a generation: its champion, the stats so far, and, every `checkpointEvery`
    /// generations (and at `total`), the checkpoint of the population entering the next.
    /// Returns the champion's file.
    @discardableResult
    public func record(_ outcome: Evolver.Outcome, spec: WorldSpec, checkpointEvery: Int = 1, total: Int) throws -> String {
        let generation = outcome.next.generation - 1
        let champion = championFile(generation)
        try outcome.champion.save(to: champion)
        try writeStats(outcome.next.stats)
        let g = outcome.next.generation
        if g % max(checkpointEvery, 1) == 0 || g == total {
            try writeCheckpoint(outcome.next, spec: spec)
        }
        return champion
    }

    /// After an epoch of an ecosystem: its champion (if anyone lives), the stats, and the
    /// checkpoint of the living world. Returns the champion's file, if any.
    @discardableResult
    public func record(epoch e: Int, _ outcome: Ecosystem.EpochOutcome, ecosystem: Ecosystem, stats: [GenerationStats],
                       checkpointEvery: Int = 1, total: Int) throws -> String? {
        var file: String?
        if let c = outcome.champion {
            file = championFile(e)
            try c.save(to: file!)
        }
        try writeStats(stats)
        if ecosystem.epoch % max(checkpointEvery, 1) == 0 || ecosystem.epoch == total {
            try writeCheckpoint(ecosystem, stats: stats)
        }
        return file
    }

    /// The checkpoint of the population entering `state.generation` (in `spec`'s run).
    public func writeCheckpoint(_ state: EvolutionState, spec: WorldSpec) throws {
        try writeCheckpoint(Checkpoint(state: state, seed: spec.evolution.seed, worldHash: spec.hash))
    }

    /// The checkpoint of a living ecosystem at the end of its last epoch.
    public func writeCheckpoint(_ ecosystem: Ecosystem, stats: [GenerationStats]) throws {
        try writeCheckpoint(EcosystemCheckpoint.fileData(ecosystem, stats: stats), generation: ecosystem.epoch)
    }
}

import NTMBrain
import NTMWorld

/// An intervention on a living brain, from a tick on (NTMBrain.docc/Algorithms.md §5): what a
/// replay or a held-out evaluation can do to a genome to measure what its tape was worth.
/// A result obtained under a lesion is an experiment's result, never a reproduction.
public enum Lesion: Hashable, Sendable, CustomStringConvertible {
    /// At tick T, every tape is zeroed once; the brain writes and reads on from there.
    case wipe(at: Int)
    /// From tick T on there is no tape: reads are 0 (the read carried into tick T too) and
    /// nothing is written. The brain has only what its body and senses give it.
    case remove(from: Int)
    /// From tick T on nothing is written: what was learned stays, and reads still see it.
    case freeze(from: Int)
    /// Every read uses a random key (standard normal entries, drawn from a stream keyed by
    /// (seed, episode, tick, agent)) instead of the controller's own: the tape is written as
    /// usual, but what comes back is unrelated to what the agent asked for.
    case shuffleKeys

    static let forms = "wipe@T, remove@T, freeze@T (T a tick number ≥ 0) or shuffle-keys"

    /// Parses `wipe@T`, `remove@T`, `freeze@T` or `shuffle-keys`.
    public init?(argument: String) {
        if argument == "shuffle-keys" { self = .shuffleKeys; return }
        let parts = argument.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let t = Int(parts[1]), t >= 0 else { return nil }
        switch parts[0] {
        case "wipe": self = .wipe(at: t)
        case "remove": self = .remove(from: t)
        case "freeze": self = .freeze(from: t)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .wipe(let t): return "wipe@\(t)"
        case .remove(let t): return "remove@\(t)"
        case .freeze(let t): return "freeze@\(t)"
        case .shuffleKeys: return "shuffle-keys"
        }
    }

    /// The lesion the study applies: the tape removed where the world's decisions begin to
    /// need it (``WorldSpec/decisionPhaseStart``).
    public static func studyLesion(for world: WorldSpec) -> Lesion { .remove(from: world.decisionPhaseStart) }

    /// Applies the lesion to `arena` before the tick `arena.tick` runs (`seed` and `episode`
    /// name the shuffle-keys stream).
    func apply(to arena: Arena) {
        let t = arena.tick
        switch self {
        case .wipe(let at) where t == at:
            for i in 0..<arena.agentCount { arena.brains.wipeMemory(agent: i) }
        case .remove(let from) where t == from:
            arena.brains.ablation.memory = .off
            for i in 0..<arena.agentCount { arena.brains.removeMemory(agent: i) }
        case .freeze(let from) where t == from:
            arena.brains.ablation.memory = .frozen
        default:
            break
        }
    }

    /// The random read key of one agent at one tick (for `shuffle-keys`).
    static func randomKey(seed: UInt64, episode: Int, tick: Int, agent: Int, width: Int) -> [Float] {
        var rng = RandomStream.generator(seed, .shuffle, UInt64(episode), UInt64(tick), UInt64(agent))
        return (0..<width).map { _ in Float(rng.nextGaussian()) }
    }
}

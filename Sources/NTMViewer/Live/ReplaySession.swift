import NTMEvolution
import NTMWorld

/// A saved genome living its recorded evaluation: an arena of clones (or the genome alone),
/// episode after episode, through ``Replay/Runner``, the same code as a headless replay.
///
/// With `loops`, when the replay ends it starts again on the next generation's layouts,
/// so `watch --genome` shows the genome in ever new worlds; without, it stops and keeps
/// the ``result``. A live lesion (L) sets ``intervened``: the result then no longer counts.
public final class ReplaySession: LiveSession {
    public private(set) var runner: Replay.Runner
    let loops: Bool
    public private(set) var intervened = false
    public private(set) var failure: String?
    var messages: [String] = []
    public let tints: [RGBA]

    public init(replay: Replay, loops: Bool, trace: ((Replay.TraceRow) -> Void)? = nil) {
        runner = Replay.Runner(replay, trace: trace)
        self.loops = loops
        tints = [RGBA](repeating: LineageTint.color(of: replay.genome.parameters), count: replay.spec.episode.agentsPerArena)
    }

    public var arena: Arena { runner.arena }
    public var result: Replay.Result? { runner.result }
    public var isFinished: Bool { !loops && runner.result != nil }
    public var title: String { "\(runner.replay.spec.name) · replay of \(runner.replay.genome.id)" }
    public var status: String {
        let r = runner.replay
        return "episode \(runner.episode + 1) of \(r.episodes) · tick \(arena.tick) of \(r.spec.episode.ticks) · layouts of generation \(r.generation)"
    }
    public var stats: [GenerationStats] { [] }

    /// One genome replayed: what its record says, and how this replay is going.
    public var summary: [String]? {
        let r = runner.replay
        var lines: [String] = []
        if let e = r.genome.evaluation {
            lines.append(String(format: "recorded fitness %.2f (%d episodes, %@)", e.fitness, e.episodes,
                                e.arrangement == .solo ? "alone" : "among its clones"))
        } else {
            lines.append("no recorded fitness (a genome without an evaluation record)")
        }
        if let result {
            lines.append(String(format: "this replay: %.2f%@", result.fitness, intervened ? " (after a live lesion: not compared)" : ""))
        } else {
            lines.append("this replay: episode \(runner.episode + 1) of \(r.episodes) running" + (intervened ? " (after a live lesion)" : ""))
        }
        return lines
    }

    public func advance() -> Bool {
        if runner.step() { return true }
        guard loops else { return false }
        var next = runner.replay
        next.generation += 1
        runner = Replay.Runner(next)
        messages.append("replay over; again on generation \(next.generation)'s layouts")
        return runner.step()
    }

    public func genome(slot: Int) -> Genome? { runner.replay.genome }
    public func genomeForSaving(slot: Int) -> Genome? { runner.replay.genome }

    public func wipeMemory(slot: Int) {
        arena.brains.wipeMemory(agent: slot)
        intervened = true
    }

    public func takeMessages() -> [String] {
        defer { messages = [] }
        return messages
    }
}

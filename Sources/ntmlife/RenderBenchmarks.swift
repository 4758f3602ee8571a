import Foundation
import NTMBrain
import NTMEvolution
import NTMViewer
import NTMWorld

/// Render figures: frames per second of the whole window picture (world, HUD with its
/// plot, inspector open on one agent) at 1280×800 on SDL's software renderer, off-screen,
/// with 1,000 agents and 2,000 food items; drawing alone, and a tick plus drawing.
struct RenderBenchmarks {
    var timer: BenchTimer

    /// A world for the picture: the default one, scaled up to `agents` bodies and `food` items.
    final class Scene: LiveSession {
        let arena: Arena
        let genomes: [Genome]
        let stats: [GenerationStats]
        let tints: [RGBA]
        var title: String { "\(arena.spec.name) · render benchmark" }
        var status: String { "tick \(arena.tick)" }
        var failure: String? { nil }
        var isFinished: Bool { false }

        init(agents: Int, food: Int) throws {
            var spec = try WorldLocator.load(WorldLocator.path(for: nil)).world
            let total = spec.food.reduce(0) { $0 + $1.count }
            let scale = Float(food) / Float(max(total, 1))
            spec.arena.width *= scale.squareRoot(); spec.arena.height *= scale.squareRoot()
            for i in spec.food.indices {
                spec.food[i].count = Int((Float(spec.food[i].count) * scale).rounded())
                spec.food[i].patches = max(1, Int(Float(spec.food[i].patches) * scale))
            }
            spec.episode.agentsPerArena = agents
            spec.metabolism.costPerTick = 0
            spec.metabolism.costPerThrust = 0
            var rng = RandomStream.generator(2024, 5)
            genomes = (0..<agents).map { _ in Genome.random(spec.architecture, using: &rng) }
            arena = Arena(spec: spec, genomes: genomes.map(\.parameters), layoutSeed: 11)
            tints = genomes.map { LineageTint.color(of: $0.parameters) }
            stats = (0..<40).map { g in
                GenerationStats(generation: g, best: Double(g) * 2, mean: Double(g), median: Double(g), diversity: 0.5,
                                meanGate: 0.5, meanReadNorm: 1, agentStepsPerSecond: 0, population: agents)
            }
        }

        func advance() -> Bool { arena.step(); return true }
        func genome(slot: Int) -> Genome? { genomes[slot] }
        func genomeForSaving(slot: Int) -> Genome? { genomes[slot] }
        func wipeMemory(slot: Int) {}
        func takeMessages() -> [String] { [] }
    }

    func run(_ report: BenchReport) throws {
        let (agents, food) = (1000, 2000)
        let scene = try Scene(agents: agents, food: food)
        let canvas = try Canvas(width: 1280, height: 800)
        let screen = try WatchScreen()
        var state = ViewerState()
        state.selected = 0
        for _ in 0..<3 { _ = scene.advance() }
        let params: [String: BenchRecord.Param] = ["width": .int(1280), "height": .int(800), "agents": .int(agents),
                                            "food": .int(scene.arena.foodX.count), "inspector": .string("open")]
        let draw = timer.nanosecondsPerCall {
            screen.draw(scene, state, on: canvas)
            canvas.flush()
        }
        report.add(BenchRecord(benchmark: "render", params: params, metric: "frames_per_second", value: 1e9 / draw, unit: "fps"))
        let tickAndDraw = timer.nanosecondsPerCall {
            _ = scene.advance()
            screen.draw(scene, state, on: canvas)
            canvas.flush()
        }
        var p = params
        p["with"] = .string("one tick of the 1000-agent world per frame")
        report.add(BenchRecord(benchmark: "render", params: p, metric: "frames_per_second", value: 1e9 / tickAndDraw, unit: "fps"))
    }
}

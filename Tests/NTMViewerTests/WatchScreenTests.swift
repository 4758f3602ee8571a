import Foundation
import NTMBrain
import NTMEvolution
import NTMViewer
import NTMWorld
import NTMTestSupport
import Testing

/// A fixed scene as a session: nothing moves unless a test steps the arena.
final class SceneSession: LiveSession {
    let arena: Arena
    let genome: Genome
    var stats: [GenerationStats] = []
    var tints: [RGBA] { [RGBA(200, 40, 60)] }
    var title: String { "scene · test" }
    var status: String { "tick \(arena.tick)" }
    var failure: String? { nil }
    var isFinished: Bool { false }

    init(arena: Arena, genome: Genome) {
        self.arena = arena
        self.genome = genome
    }

    func advance() -> Bool { arena.step(); return true }
    func genome(slot: Int) -> Genome? { genome }
    func genomeForSaving(slot: Int) -> Genome? { genome }
    func wipeMemory(slot: Int) { arena.brains.wipeMemory(agent: slot) }
    func takeMessages() -> [String] { [] }

    /// The renderer's known scene, its one agent given random slopes.
    static func make() throws -> SceneSession {
        let scene = try WorldRendererTests.scene()
        var rng = RandomStream.generator(0x5CE7E)
        let genome = Genome.random(scene.spec.architecture, using: &rng)
        let arena = Arena(spec: scene.spec, genomes: [genome.parameters], layoutSeed: 1)
        arena.placeFoodForTesting(x: 70, y: 50, type: 0)
        let session = SceneSession(arena: arena, genome: genome)
        session.stats = [GenerationStats(generation: 0, best: 5, mean: 2, median: 1, diversity: 0, meanGate: 0, meanReadNorm: 0, agentStepsPerSecond: 0, population: 1),
                         GenerationStats(generation: 1, best: 9, mean: 4, median: 3, diversity: 0, meanGate: 0, meanReadNorm: 0, agentStepsPerSecond: 0, population: 1)]
        return session
    }
}

@Suite("The window's picture: pixel facts, inspector, camera, input")
struct WatchScreenTests {
    @Test("World, HUD and inspector: an agent's colour at its position, a wall, text in the HUD")
    func knownScreen() throws {
        let session = try SceneSession.make()
        let canvas = try Canvas(width: 1280, height: 800)
        var state = ViewerState()
        state.selected = 0
        try WatchScreen().draw(session, state, on: canvas)
        let v = WatchScreen.view(of: session.arena, state: state, width: 1280, height: 800)
        func at(_ x: Float, _ y: Float) -> RGBA { let p = v.point(x, y); return canvas.pixel(x: Int(p.x), y: Int(p.y)) }
        #expect(at(28.5, 50) == RGBA(200, 40, 60))           // the agent, in its lineage tint
        #expect(at(45, 20) == WorldRenderer.wall)
        #expect(at(70, 50) == RGBA(255, 127, 0))              // the food item
        #expect(at(50, 80) == WorldRenderer.floor)
        // The HUD's title line: glyph pixels on the panel.
        let px = Int(1280 - WatchScreen.panelWidth) + 10
        var ink = 0
        for y in 8..<30 { for x in px..<(px + 120) where canvas.pixel(x: x, y: y) != WatchScreen.panel { ink += 1 } }
        #expect(ink > 80)
        // The help overlay covers the middle of the world with its dark box.
        state.showHelp = true
        try WatchScreen().draw(session, state, on: canvas)
        #expect(canvas.pixel(x: 440, y: 400) != WorldRenderer.floor)
        #expect(at(45, 20) == WorldRenderer.wall)             // the wall, outside the box
    }

    @Test("The switch-pattern barcode shows each switch's side, cell by cell")
    func barcode() throws {
        let session = try SceneSession.make()
        let inspection = AgentInspection(arena: session.arena, slot: 0, parameters: session.genome.parameters)
        let canvas = try Canvas(width: 400, height: 600)
        canvas.clear(RGBA(0, 0, 0))
        let layout = InspectorPanel(font: try Font.standard(size: 14), small: try Font.standard(size: 11))
            .draw(inspection, on: canvas, in: PixelRect(x: 0, y: 0, width: 400, height: 600))
        let a = session.arena.spec.architecture
        let n = a.controllerWidth, L = a.controllerLayers
        let cell = layout.switches.width / Double(n), row = layout.switches.height / Double(L)
        var negatives = 0
        for l in 0..<L {
            for i in 0..<n {
                let p = canvas.pixel(x: Int(layout.switches.x + (Double(i) + 0.5) * cell), y: Int(layout.switches.y + (Double(l) + 0.4) * row))
                let negative = inspection.switches[l * n + i]
                negatives += negative ? 1 : 0
                #expect(p == (negative ? InspectorPanel.negative : InspectorPanel.positive), "layer \(l) element \(i)")
            }
        }
        #expect(negatives > 0 && negatives < L * n)      // a real pattern, not a solid bar
    }

    @Test("The inspector's outputs are the ones the brain then produces, bit for bit")
    func inspectionPredictsStep() throws {
        let session = try SceneSession.make()
        let arena = session.arena
        arena.brains.recordsOutputs = true
        for _ in 0..<5 {
            let inspection = AgentInspection(arena: arena, slot: 0, parameters: session.genome.parameters)
            arena.step()
            #expect(bits(inspection.outputs) == bits(arena.brains.lastOutputs(agent: 0)))
            #expect(inspection.map.apply(inspection.input).enumerated().allSatisfy { abs($1 - Double(inspection.outputs[$0])) < 1e-4 })
        }
    }


    @Test("Zooming about a pixel keeps the world point under it; panning moves the picture")
    func camera() {
        let viewport = PixelRect(x: 0, y: 0, width: 880, height: 800)
        var camera = Camera()
        let before = camera.view(arenaWidth: 120, height: 100, in: viewport).world(300, 200)
        camera.zoom(by: 2.5, at: 300, 200, arenaWidth: 120, height: 100, in: viewport)
        let view = camera.view(arenaWidth: 120, height: 100, in: viewport)
        let after = view.world(300, 200)
        #expect(abs(after.x - before.x) < 1e-9 && abs(after.y - before.y) < 1e-9)
        let p = view.point(10, 10)
        camera.pan(by: 15, -5)
        let q = camera.view(arenaWidth: 120, height: 100, in: viewport).point(10, 10)
        #expect(abs(q.x - p.x - 15) < 1e-9 && abs(q.y - p.y + 5) < 1e-9)
    }

    @Test("A click selects the agent under it; a click on the floor selects nothing; F12 writes a PNG")
    func clickAndScreenshot() throws {
        let session = try SceneSession.make()
        let dir = temporaryDirectory("shot")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let app = try WatchApp(session: session, outputDirectory: dir)
        let canvas = try Canvas(width: 1280, height: 800)
        let v = WatchScreen.view(of: session.arena, state: app.state, width: 1280, height: 800)
        let floor = v.point(80, 85), agent = v.point(30.5, 50.5)
        app.handle(.select(x: floor.x, y: floor.y), canvas: canvas)
        #expect(app.state.selected == nil)
        app.handle(.select(x: agent.x, y: agent.y), canvas: canvas)
        #expect(app.state.selected == 0)
        app.handle(.screenshot, canvas: canvas)
        let file = try #require(app.written.first)
        let png = try #require(FileManager.default.contents(atPath: file))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        app.handle(.faster, canvas: canvas)
        app.handle(.faster, canvas: canvas)
        #expect(app.state.ticksPerFrame == 4)
        for _ in 0..<20 { app.handle(.faster, canvas: canvas) }
        #expect(app.state.ticksPerFrame == nil)           // the top speed: no drawing per tick
        app.handle(.wipeMemory, canvas: canvas)
        #expect(session.arena.brains.memoryWeights(agent: 0).allSatisfy { $0 == 0 })
    }

    @Test("Lineage tints: a child looks like its parent, strangers differ")
    func lineageTint() {
        var rng = RandomStream.generator(0x7117)
        let a = BrainArchitecture(sensorCount: 12, motorCount: 2)
        let parent = Genome.random(a, using: &rng), stranger = Genome.random(a, using: &rng)
        let child = parent.child(generation: 1, using: &rng)
        func distance(_ x: RGBA, _ y: RGBA) -> Int { abs(Int(x.r) - Int(y.r)) + abs(Int(x.g) - Int(y.g)) + abs(Int(x.b) - Int(y.b)) }
        let (p, c, s) = (LineageTint.color(of: parent.parameters), LineageTint.color(of: child.parameters), LineageTint.color(of: stranger.parameters))
        #expect(distance(p, c) < 30)
        #expect(distance(p, s) > distance(p, c))
    }
}

@Suite("The inspector explains, and nothing leaves its panel")
struct InspectorExplainsTests {
    /// The scene's screen drawn at `width` × `height` with its agent selected, every string logged.
    static func draw(_ session: SceneSession, width: Int = 1280, height: Int = 800) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        canvas.textLog = []
        var state = ViewerState()
        state.selected = 0
        state.post("saved /a/very/long/path/that/does/not/fit/in/the/panel/at/all/runs/forage-seed1/saved/abcdef-slot0.genome.json")
        try WatchScreen().draw(session, state, on: canvas)
        return canvas
    }

    @Test("Sensors are named, and each motor's top contributions are drawn with input names (glyph pixels in their boxes)")
    func labels() throws {
        let session = try SceneSession.make()
        for _ in 0..<5 { session.arena.step() }
        let canvas = try Self.draw(session)
        let texts = canvas.textLog!.map(\.text)
        #expect(texts.contains { $0.hasPrefix("sensors: rays") })
        #expect(texts.contains { $0.contains("taste") && $0.contains("energy") && $0.contains("speed") && $0.contains("pain") })
        let drives = texts.filter { $0.hasPrefix("← ") }
        #expect(drives.count == 2, "\(texts)")
        let inspection = AgentInspection(arena: session.arena, slot: 0, parameters: session.genome.parameters)
        for (k, line) in drives.enumerated() {
            for term in inspection.topContributions(motor: k) { #expect(line.contains(term.name), "\(line) lacks \(term.name)") }
        }
        // Glyph pixels inside each sensor label's and drive line's box: something other than
        // the panel's colour.
        let named = canvas.textLog!.filter { $0.text.hasPrefix("← ") || $0.text.hasPrefix("sensors: ") || $0.text.hasPrefix("taste ") }
        #expect(named.count == 4)
        for entry in named {
            let r = entry.rect
            var inked = 0
            for x in stride(from: Int(r.x), to: Int(r.x + r.width), by: 1) {
                for y in Int(r.y)..<Int(r.y + r.height) where canvas.pixel(x: x, y: y) != WatchScreen.panel { inked += 1 }
            }
            #expect(inked > 40, "\(entry.text): \(inked) inked pixels")
        }
    }

    @Test("A drive's terms are the largest w_i·u_i, and all of them sum to the motor's raw output")
    func contributions() throws {
        let session = try SceneSession.make()
        for _ in 0..<3 { session.arena.step() }
        let s = AgentInspection(arena: session.arena, slot: 0, parameters: session.genome.parameters)
        for k in 0..<2 {
            let all = s.topContributions(motor: k, count: s.input.count)
            let top = s.topContributions(motor: k)
            #expect(top.map(\.name) == all.prefix(3).map(\.name))
            #expect(abs(all.reduce(0) { $0 + $1.value } - Double(s.outputs[k])) < 1e-3)
        }
    }

    @Test("W's colour at a written cell changes after a write and returns to the empty colour after L")
    func memoryFillsAndWipes() throws {
        let session = try SceneSession.make()
        let a = session.arena.spec.architecture
        /// The colour drawn for W[t][j].
        func cellColour(_ t: Int, _ j: Int) throws -> RGBA {
            let canvas = try Canvas(width: 1280, height: 800)
            let panel = InspectorPanel(font: try Font.standard(size: 15), small: try Font.standard(size: 12))
            let rect = PixelRect(x: 880, y: 0, width: 394, height: 800)
            let layout = panel.draw(AgentInspection(arena: session.arena, slot: 0, parameters: session.genome.parameters), on: canvas, in: rect)
            let (bit, cellH) = (layout.memory.width / Double(a.hashBits), layout.memory.height / Double(a.valueWidth))
            return canvas.pixel(x: Int(layout.memory.x + (Double(t) + 0.5) * bit), y: Int(layout.memory.y + (Double(j) + 0.5) * cellH))
        }
        let empty = InspectorPanel.heat(0)
        #expect(try cellColour(0, 0) == empty)
        for _ in 0..<20 { session.arena.step() }
        let w = session.arena.brains.memoryWeights(agent: 0)
        let k = try #require(w.indices.max { abs(w[$0]) < abs(w[$1]) })
        #expect(w[k] != 0, "the agent wrote nothing in 20 ticks")
        let (t, j) = (k / a.valueWidth, k % a.valueWidth)
        #expect(try cellColour(t, j) != empty, "W[\(t)][\(j)] = \(w[k]) is not shown")
        session.wipeMemory(slot: 0)
        #expect(try cellColour(t, j) == empty)
    }

    @Test("No string leaves its panel, at 1024×600, 1280×800 and 1920×1080", arguments: [(1024, 600), (1280, 800), (1920, 1080)])
    func layoutHolds(width: Int, height: Int) throws {
        let session = try SceneSession.make()
        for _ in 0..<5 { session.arena.step() }
        let canvas = try Self.draw(session, width: width, height: height)
        let log = canvas.textLog!
        #expect(log.count > 20)
        for entry in log { #expect(entry.fits, "'\(entry.text)' at \(entry.rect) leaves \(String(describing: entry.box))") }
        #expect(log.allSatisfy { $0.box != nil }, "a string drawn without a box: \(log.filter { $0.box == nil }.map(\.text))")
    }
}

@Suite("Memory worlds show their task")
struct TaskOverlayTests {
    @Test("The task, the trial, the decisions against chance; a decided agent ringed in its outcome's colour; R shows the truth")
    func overlay() throws {
        let spec = Fixtures.tinyCue().world
        var rng = RandomStream.generator(7)
        let genome = Genome.random(spec.architecture, using: &rng)
        let arena = Arena(spec: spec, genomes: [genome.parameters], layoutSeed: 3)
        var ticks = 0
        while arena.trialOutcome(of: 0) == nil && ticks < spec.episode.ticks { arena.step(); ticks += 1 }
        let outcome = try #require(arena.trialOutcome(of: 0), "agent 0 never decided")
        let canvas = try Canvas(width: 800, height: 600)
        canvas.clear(WorldRenderer.background)
        let viewport = PixelRect(x: 0, y: 0, width: 800, height: 600)
        let view = WorldRenderer().view(for: spec, in: canvas)
        let overlay = TaskOverlay(font: try Font.standard(size: 12))
        let hidden = overlay.draw(arena, on: canvas, view: view, viewport: viewport, selected: 0, revealHidden: false)
        #expect(hidden.first?.hasPrefix("task: reach the goal") == true)
        // (The trial line shows while a trial runs; this decision may have been the episode's last.)
        #expect(hidden.contains { $0.hasPrefix("trial ") } == (arena.trialPosition != nil))
        #expect(hidden.contains("R: show the hidden truth"))
        #expect(hidden.contains { $0.hasPrefix("all agents: ") && $0.contains("a coin: 50%") })
        let (x, y) = arena.position(of: 0)
        let c = view.point(x, y), r = Double(spec.body.radius) * view.scale + 7
        let ring = canvas.pixel(x: Int(c.x + r), y: Int(c.y))
        #expect(ring == (outcome ? TaskOverlay.right : TaskOverlay.wrong), "\(ring)")
        let shown = overlay.draw(arena, on: canvas, view: view, viewport: viewport, selected: 0, revealHidden: true)
        #expect(shown.contains { $0.hasPrefix("right goal now: ") })
    }
}

@Suite("The inspector's strip chart")
struct StripChartTests {
    @Test("One sample per tick of the agent followed (none twice for a frame without a tick), capped, restarted for another agent")
    func history() throws {
        let session = try SceneSession.make()
        let screen = try WatchScreen()
        let canvas = try Canvas(width: 1280, height: 800)
        var state = ViewerState()
        state.selected = 0
        for _ in 0..<5 {
            screen.draw(session, state, on: canvas)
            screen.draw(session, state, on: canvas)   // a frame with no tick adds nothing
            session.arena.step()
        }
        #expect(screen.history.gate.count == 5 && screen.history.thrust.count == 5)
        let inspection = AgentInspection(arena: session.arena, slot: 0, parameters: session.genome.parameters)
        #expect(screen.history.thrust.last == inspection.motors[1] || session.arena.tick > 0)
        var h = AgentHistory()
        for t in 0..<(AgentHistory.length + 20) { h.record(inspection, arena: session.arena, tick: t) }
        #expect(h.gate.count == AgentHistory.length)
        let layout = InspectorPanel(font: try Font.standard(size: 15), small: try Font.standard(size: 12))
            .draw(inspection, on: canvas, in: PixelRect(x: 880, y: 0, width: 394, height: 800), history: h)
        #expect(layout.strip != nil)
    }
}

@Suite("The inspector shows what each tape variant and the switched controller add")
struct VariantInspectionTests {
    static func inspect(_ change: (inout WorldSpec) -> Void) -> AgentInspection {
        var spec = Fixtures.tinyCue().world
        change(&spec)
        var rng = RandomStream.generator(9)
        let genome = Genome.random(spec.architecture, using: &rng)
        let arena = Arena(spec: spec, genomes: [genome.parameters], layoutSeed: 3)
        for _ in 0..<30 { arena.step() }
        return AgentInspection(arena: arena, slot: 0, parameters: genome.parameters)
    }

    @Test("Blocks: the blocks the keys select, and the heat map of the read key's block")
    func blocks() {
        let s = Self.inspect { $0.brain.memoryKind = .blocks(bits: 2) }
        #expect(s.tapeSummary.contains("blocks: read \(s.readBlock), write \(s.writeBlock) of 4"))
        #expect(s.memory.count == 4 * s.architecture.memoryShape.blockSize && s.shownMemory.count == s.architecture.memoryShape.blockSize)
    }

    @Test("Novelty-gated: the damped gate and the visits it follows from; decaying: the half-life")
    func noveltyAndDecay() {
        let s = Self.inspect { $0.brain.memoryKind = .noveltyGated(bucketBits: 2, halfVisits: 1) }
        #expect(s.visits > 0, "30 ticks of writes visit the buckets")
        #expect(s.appliedGate == s.gate * (1 / (1 + s.visits)))
        #expect(s.tapeSummary.contains(String(format: "→ %.2f after %.1f visits", s.appliedGate, s.visits)))
        let d = Self.inspect { $0.brain.memoryKind = .decaying(rate: 0.01) }
        #expect(d.tapeSummary.contains("half-life 69)"))
    }

    @Test("LSH-switched: the bank each layer uses")
    func banks() {
        let s = Self.inspect { $0.brain.switchBanks = 4 }
        #expect(s.map.banks.count == s.architecture.controllerLayers && s.map.banks.allSatisfy { (0..<4).contains($0) })
    }
}

import NTMViewer
import NTMWorld
import NTMTestSupport
import Testing

@Suite("World rendering: pixel facts of a known scene")
struct WorldRendererTests {
    /// A 100×100 arena with one wall, one agent facing +x at (30, 50), one food item at
    /// (70, 50), and one hidden hazard at (50, 80).
    static func scene() throws -> Arena {
        let spec = try WorldSpec.parse("""
            [arena]
            width = 100.0
            height = 100.0
            start = [30.0, 50.0, 0.0]
            start_heading = [0.0]
            [[arena.wall]]
            x = 40.0
            y = 10.0
            width = 10.0
            height = 20.0
            [[food]]
            count = 0
            color = [1.0, 0.5, 0.0]
            radius = 2.0
            [[hazard]]
            count = 0
            radius = 4.0
            visible = false
            [body]
            radius = 3.0
            rays = 5
            [episode]
            agents_per_arena = 1
            """, file: "scene.toml")
        let arena = Arena(spec: spec, genomes: [[Float](repeating: 0, count: spec.architecture.parameterCount)], layoutSeed: 1)
        arena.placeFoodForTesting(x: 70, y: 50, type: 0)
        arena.placeHazardForTesting(x: 50, y: 80, type: 0)
        return arena
    }

    @Test("Agent, wall, food and floor are where the world says, in their colours")
    func knownScene() throws {
        let arena = try Self.scene()
        let canvas = try Canvas(width: 220, height: 220)
        let renderer = WorldRenderer()
        renderer.draw(arena, on: canvas)
        let v = renderer.view(for: arena.spec, in: canvas)
        func at(_ x: Float, _ y: Float) -> RGBA {
            let p = v.point(x, y)
            return canvas.pixel(x: Int(p.x), y: Int(p.y))
        }
        #expect(at(28.5, 50) == WorldRenderer.tint(slot: 0))        // behind the nose, inside the body
        #expect(at(45, 20) == WorldRenderer.wall)
        #expect(at(70, 50) == RGBA(255, 127, 0))
        #expect(at(10, 90) == WorldRenderer.floor)
        #expect(canvas.pixel(x: 1, y: 1) == WorldRenderer.background)
    }

    @Test("Selected agent's rays are drawn; other pixels are not")
    func rays() throws {
        let arena = try Self.scene()
        let canvas = try Canvas(width: 220, height: 220)
        WorldRenderer(selected: 0).draw(arena, on: canvas)
        let v = WorldRenderer().view(for: arena.spec, in: canvas)
        let p = v.point(45, 50)                                     // on the middle ray (0°), before the food
        #expect(canvas.pixel(x: Int(p.x), y: Int(p.y)) != WorldRenderer.floor)
        let off = v.point(30, 80)                                   // outside the field of view
        #expect(canvas.pixel(x: Int(off.x), y: Int(off.y)) == WorldRenderer.floor)
    }

    @Test("A hidden hazard is not drawn, until R reveals it (translucent over the floor)")
    func hiddenHazard() throws {
        let arena = try Self.scene()
        #expect(arena.hazardX == [50] && arena.hazardY == [80])
        for reveal in [false, true] {
            let canvas = try Canvas(width: 220, height: 220)
            let renderer = WorldRenderer(revealHidden: reveal)
            renderer.draw(arena, on: canvas)
            let p = renderer.view(for: arena.spec, in: canvas).point(50, 80)
            let pixel = canvas.pixel(x: Int(p.x), y: Int(p.y))
            if reveal {
                #expect(pixel != WorldRenderer.floor && pixel.r > WorldRenderer.floor.r, "revealed: \(pixel)")
            } else {
                #expect(pixel == WorldRenderer.floor)
            }
        }
        // And rays pass through it: the agent's sensors do not see it either.
        let s = arena.currentSensors(of: 0)
        #expect(s == arena.referenceSensorsForTesting(agent: 0))
    }
}

import Foundation
import NTMEvolution
import NTMWorld

/// What the viewer is doing, apart from the world itself: the user's choices.
public struct ViewerState {
    public var paused = false
    /// Index into ``speeds``; the last entry means "as fast as possible, drawing once a frame".
    public var speedIndex = 0
    public static let speeds = [1, 2, 4, 8, 16, 32, 64, 0]
    public var selected: Int? = nil
    public var revealHidden = false
    public var showHelp = false
    /// Whether V is recording the window to a video.
    public var recording = false
    public var camera = Camera()
    public var fps = 0.0
    /// Recent news (newest last), shown under the HUD.
    public var messages: [String] = []

    public init() {}

    /// Ticks per frame, or nil for the fastest speed.
    public var ticksPerFrame: Int? { Self.speeds[speedIndex] == 0 ? nil : Self.speeds[speedIndex] }
    public var speedLabel: String { ticksPerFrame.map { "×\($0)" } ?? "max (no drawing per tick)" }

    public mutating func post(_ message: String) {
        messages.append(message)
        if messages.count > 4 { messages.removeFirst(messages.count - 4) }
    }
}

/// The whole window's picture: the world on the left, and on the right the HUD (status,
/// statistics, a live fitness plot) above the inspector of the selected agent. One function
/// of (session, viewer state, canvas), used by the window, `bench --render` and the tests.
public final class WatchScreen {
    public static let panelWidth = 400.0
    let font: Font, small: Font, title: Font
    /// The selected agent's recent ticks, for the inspector's strip chart.
    public private(set) var history = AgentHistory()
    public static let panel = RGBA(22, 24, 30), ink = RGBA(230, 232, 236), dim = RGBA(150, 155, 165)

    public init() throws {
        font = try Font.standard(size: 15)
        small = try Font.standard(size: 12)
        title = try Font.standard(size: 18)
    }

    /// The world's part of a canvas of this size.
    public static func worldViewport(width: Int, height: Int) -> PixelRect {
        PixelRect(x: 0, y: 0, width: max(Double(width) - panelWidth, 100), height: Double(height))
    }

    public static func view(of arena: Arena, state: ViewerState, width: Int, height: Int) -> WorldView {
        state.camera.view(arenaWidth: arena.spec.arena.width, height: arena.spec.arena.height,
                          in: worldViewport(width: width, height: height))
    }

    public func draw(_ session: LiveSession, _ state: ViewerState, on canvas: Canvas) {
        let arena = session.arena
        let world = Self.worldViewport(width: canvas.width, height: canvas.height)
        canvas.clear(WorldRenderer.background)
        canvas.clip(x: world.x, y: world.y, width: world.width, height: world.height)
        var renderer = WorldRenderer(revealHidden: state.revealHidden, selected: state.selected)
        if let s = state.selected, s >= arena.agentCount { renderer.selected = nil }
        let view = Self.view(of: arena, state: state, width: canvas.width, height: canvas.height)
        renderer.draw(arena, on: canvas, view: view, tints: session.tints)
        TaskOverlay(font: small).draw(arena, on: canvas, view: view, viewport: world, selected: renderer.selected, revealHidden: state.revealHidden)
        canvas.unclip()

        let px = world.width, pw = Double(canvas.width) - px
        canvas.fill(x: px, y: 0, width: pw, height: Double(canvas.height), Self.panel)
        let hud = PixelRect(x: px, y: 0, width: pw - 6, height: Double(canvas.height))
        func text(_ t: String, _ y: Double, _ f: Font, _ c: RGBA) { canvas.text(t, x: px + 10, y: y, font: f, c, within: hud) }
        var y = 8.0
        text(session.title, y, title, Self.ink)
        y += 26
        text(session.status, y, small, Self.dim)
        y += 18
        let pausedLabel = (state.recording ? "REC · " : "") + (state.paused ? "PAUSED · " : "")
        text(String(format: "%@%.0f fps · speed %@ · H for help", pausedLabel, state.fps, state.speedLabel),
             y, small, state.paused ? RGBA(255, 200, 90) : Self.dim)
        y += 20
        if let summary = session.summary {
            // A replay has no generations to plot: say what it is instead.
            for (i, line) in summary.enumerated() { text(line, y + Double(i) * 17, small, i == 0 ? Self.ink : Self.dim) }
            y += Double(summary.count) * 17 + 6
        } else {
            if let last = session.stats.last {
                text(String(format: "last: best %.2f · mean %.2f · median %.2f · %d scored", last.best, last.mean, last.median, last.population),
                     y, small, Self.ink)
            } else {
                text("no finished generation yet", y, small, Self.dim)
            }
            y += 18
            LivePlot(stats: session.stats).draw(on: canvas, in: PixelRect(x: px + 10, y: y, width: pw - 20, height: 96), font: small)
            y += 102
        }
        // Room for two lines of news, kept whether or not there is any, so the inspector
        // below never jumps.
        for (i, m) in state.messages.suffix(2).enumerated() { text(m, y + Double(i) * 15, small, RGBA(140, 200, 140)) }
        y += 32
        canvas.line(px + 10, y, px + pw - 10, y, RGBA(60, 64, 72))
        let inspector = PixelRect(x: px, y: y + 4, width: pw - 6, height: Double(canvas.height) - y - 8)
        if let s = state.selected, s < arena.agentCount, let g = session.genome(slot: s) {
            let inspection = AgentInspection(arena: arena, slot: s, parameters: g.parameters)
            history.record(inspection, arena: arena, tick: arena.tick)
            InspectorPanel(font: font, small: small).draw(inspection, on: canvas, in: inspector, history: history)
        } else {
            canvas.text("click an agent to look inside its head", x: px + 10, y: y + 10, font: small, Self.dim, within: inspector)
        }
        if state.showHelp { HelpOverlay.draw(on: canvas, font: font) }
    }
}

/// The key list, over the world.
public enum HelpOverlay {
    public static let lines: [(String, String)] = [
        ("space", "pause / run"), (".", "one tick (while paused)"), ("+  /  -", "faster / slower (up to max: no drawing per tick)"),
        ("wheel", "zoom about the pointer"), ("drag", "pan"), ("0", "whole arena again"),
        ("click", "select an agent (inspector on the right)"), ("tab", "select the next agent"),
        ("S", "save the selected agent's genome"), ("L", "wipe the selected agent's tape (a live lesion)"),
        ("R", "reveal what is hidden (hazards; a memory world's truth)"), ("F12", "screenshot (PNG)"), ("V", "record the window as MP4 (V again: stop)"), ("H", "this help"), ("Esc", "quit"),
    ]

    public static func draw(on canvas: Canvas, font: Font) {
        let w = 520.0, h = Double(lines.count) * 22 + 50
        let x = (Double(canvas.width) - WatchScreen.panelWidth - w) / 2, y = (Double(canvas.height) - h) / 2
        canvas.fill(x: x, y: y, width: w, height: h, RGBA(10, 12, 16, 230))
        canvas.frame(x: x, y: y, width: w, height: h, RGBA(120, 125, 135))
        canvas.text("keys", x: x + 20, y: y + 12, font: font, WatchScreen.ink)
        for (i, (key, what)) in lines.enumerated() {
            canvas.text(key, x: x + 20, y: y + 40 + Double(i) * 22, font: font, RGBA(255, 210, 120))
            canvas.text(what, x: x + 110, y: y + 40 + Double(i) * 22, font: font, WatchScreen.ink)
        }
    }
}

/// The HUD's small plot: best and mean over generations.
struct LivePlot {
    let stats: [GenerationStats]

    func draw(on canvas: Canvas, in r: PixelRect, font: Font) {
        canvas.fill(x: r.x, y: r.y, width: r.width, height: r.height, RGBA(30, 33, 40))
        guard stats.count >= 1 else { return }
        // The labels get a strip of their own above the curves, so no line crosses them.
        let labels = PixelRect(x: r.x, y: r.y, width: r.width, height: 16)
        canvas.text(String(format: "best %.1f", stats.last!.best), x: r.x + 6, y: r.y + 1, font: font, RGBA(110, 170, 230), within: labels)
        canvas.text(String(format: "mean %.1f", stats.last!.mean), x: r.x + 90, y: r.y + 1, font: font, RGBA(255, 160, 70), within: labels)
        let hiLabel = String(format: "top %.0f", max(stats.flatMap { [$0.best, $0.mean] }.max()!, 0))
        canvas.text(hiLabel, x: r.x + r.width - 6 - Double(font.width(of: hiLabel)), y: r.y + 1, font: font, WatchScreen.dim, within: labels)
        let r = PixelRect(x: r.x, y: r.y + 16, width: r.width, height: r.height - 16)
        let values = stats.flatMap { [$0.best, $0.mean] }
        let lo = min(values.min()!, 0), hi = max(values.max()!, lo + 1e-9)
        let n = max(stats.count - 1, 1)
        func point(_ k: Int, _ v: Double) -> (Double, Double) {
            (r.x + 4 + (r.width - 8) * Double(k) / Double(n), r.y + r.height - 4 - (r.height - 8) * (v - lo) / (hi - lo))
        }
        for (color, series) in [(FitnessPlot.mean, stats.map(\.mean)), (FitnessPlot.best, stats.map(\.best))] {
            for k in 1..<max(series.count, 2) where k < series.count {
                let a = point(k - 1, series[k - 1]), b = point(k, series[k])
                canvas.line(a.0, a.1, b.0, b.1, color, thickness: 2)
            }
            if series.count == 1 { let a = point(0, series[0]); canvas.fill(x: a.0 - 2, y: a.1 - 2, width: 5, height: 5, color) }
        }
    }
}

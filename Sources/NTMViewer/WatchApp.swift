import Foundation
import NTMEvolution
import NTMWorld

/// The window's loop: read input, move the world on at the chosen speed, draw, present.
///
/// Everything the user can do is a ``ViewerAction`` handled in ``handle(_:)``; the SDL
/// edge only translates. Files the user asks for (S, F12) go to ``outputDirectory``.
public final class WatchApp {
    public let session: LiveSession
    public var state = ViewerState()
    let screen: WatchScreen
    public var script: InputScript?
    /// Where F12 writes screenshots (a run's directory, or the current one); S writes
    /// genomes to its `saved/` subdirectory, where `ntmlife replay` finds the run's world.
    public let outputDirectory: String
    /// Close the window by itself once the session ``LiveSession/isFinished``.
    public var exitWhenFinished = false
    public private(set) var frame = 0
    public private(set) var ticks = 0
    /// Files written by S and F12, in order (the CLI lists them on exit).
    public private(set) var written: [String] = []
    var frameTimes: [Double] = []
    /// Makes the sink V records into: (path, width, height) → sink; nil: recording is not
    /// available (the window says so).
    public var makeRecorder: ((String, Int, Int) throws -> FrameSink)?
    var recorder: FrameSink?

    public init(session: LiveSession, outputDirectory: String) throws {
        self.session = session
        self.outputDirectory = outputDirectory
        screen = try WatchScreen()
        if session.arena.agentCount > 0 { state.selected = 0 }
    }

    /// Runs until the user quits (or the script does). Returns why it stopped.
    public func run(in window: Window) -> String? {
        while true {
            script?.push(frame: frame)
            for action in window.poll() {
                if action == .quit { stopRecording(); return nil }
                handle(action, canvas: window.canvas)
            }
            if let failure = session.failure { stopRecording(); return failure }
            if !state.paused { _ = advanceOneFrame() }
            for m in session.takeMessages() { state.post(m) }
            screen.draw(session, state, on: window.canvas)
            recorder?.append(window.canvas)
            window.present()
            frame += 1
            measureFPS()
            if exitWhenFinished && session.isFinished { stopRecording(); return nil }
        }
    }

    /// Ends a recording in progress (on V, and whenever the window closes).
    func stopRecording() {
        guard let r = recorder else { return }
        recorder = nil
        state.recording = false
        do {
            let frames = try r.finish()
            written.append(r.path)
            state.post("video \(r.path) (\(frames) frames)")
        } catch {
            state.post("\(error)")
        }
    }

    /// One frame's worth of ticks at the current speed; `false` if the session is over.
    func advanceOneFrame() -> Bool {
        guard let k = state.ticksPerFrame else {
            session.fastForward(budgetSeconds: 0.012) { Date().timeIntervalSinceReferenceDate }
            return true
        }
        for _ in 0..<k {
            guard session.advance() else { return false }
            ticks += 1
        }
        return true
    }

    func measureFPS() {
        let now = Date().timeIntervalSinceReferenceDate
        frameTimes.append(now)
        frameTimes.removeAll { now - $0 > 1 }
        state.fps = Double(frameTimes.count)
    }

    /// Applies one user action. `canvas` is the window's (for screenshots and hit tests).
    public func handle(_ action: ViewerAction, canvas: Canvas) {
        let arena = session.arena
        let viewport = WatchScreen.worldViewport(width: canvas.width, height: canvas.height)
        switch action {
        case .togglePause: state.paused.toggle()
        case .singleStep:
            state.paused = true
            if session.advance() { ticks += 1 }
        case .faster: state.speedIndex = min(state.speedIndex + 1, ViewerState.speeds.count - 1)
        case .slower: state.speedIndex = max(state.speedIndex - 1, 0)
        case .zoom(let factor, let x, let y):
            guard viewport.contains(x, y) else { return }
            state.camera.zoom(by: factor, at: x, y, arenaWidth: arena.spec.arena.width, height: arena.spec.arena.height, in: viewport)
        case .pan(let dx, let dy): state.camera.pan(by: dx, dy)
        case .resetView: state.camera.reset()
        case .select(let x, let y):
            guard viewport.contains(x, y) else { return }
            let view = WatchScreen.view(of: arena, state: state, width: canvas.width, height: canvas.height)
            state.selected = Self.agent(at: view.world(x, y), in: arena, tolerance: max(8 / view.scale, Double(arena.spec.body.radius) * 2))
        case .selectNext:
            let n = arena.agentCount
            guard n > 0 else { return }
            var s = ((state.selected ?? -1) + 1) % n
            for _ in 0..<n where !arena.isAlive(s) { s = (s + 1) % n }
            state.selected = s
        case .saveGenome:
            guard let s = state.selected, let g = session.genomeForSaving(slot: s) else { return state.post("select an agent to save its genome") }
            let path = "\(outputDirectory)/saved/\(g.id)-slot\(s).genome.json"
            do {
                try FileManager.default.createDirectory(atPath: outputDirectory + "/saved", withIntermediateDirectories: true)
                try g.save(to: path)
                written.append(path)
                state.post("saved \(path)")
            } catch {
                state.post("cannot save: \(error)")
            }
        case .wipeMemory:
            guard let s = state.selected else { return state.post("select an agent to wipe its tape") }
            session.wipeMemory(slot: s)
            state.post("wiped agent \(s)'s tape")
        case .toggleReveal: state.revealHidden.toggle()
        case .screenshot:
            let path = "\(outputDirectory)/ntmlife-\(session.arena.spec.name)-frame\(frame).png"
            screen.draw(session, state, on: canvas)
            do {
                try canvas.savePNG(path)
                written.append(path)
                state.post("screenshot \(path)")
            } catch {
                state.post("\(error)")
            }
        case .toggleHelp: state.showHelp.toggle()
        case .toggleRecording:
            if recorder != nil { return stopRecording() }
            guard let makeRecorder else { return state.post("recording needs ffmpeg (sudo apt-get install ffmpeg)") }
            let path = "\(outputDirectory)/ntmlife-\(session.arena.spec.name)-frame\(frame).mp4"
            do {
                recorder = try makeRecorder(path, canvas.width, canvas.height)
                state.recording = true
                state.post("recording \(path) (V stops)")
            } catch {
                state.post("\(error)")
            }
        case .quit: break
        }
    }

    /// The live agent nearest to a world point, within `tolerance` world units.
    public static func agent(at p: (x: Double, y: Double), in arena: Arena, tolerance: Double) -> Int? {
        var best: (Int, Double)?
        let (xs, ys) = (arena.x, arena.y)
        for i in 0..<arena.agentCount where arena.isAlive(i) {
            let dx = Double(xs[i]) - p.x, dy = Double(ys[i]) - p.y
            let d = (dx * dx + dy * dy).squareRoot()
            if d <= tolerance && d < (best?.1 ?? .infinity) { best = (i, d) }
        }
        return best?.0
    }
}

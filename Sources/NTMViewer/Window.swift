import CSDL2
import Foundation

/// What a person did, in the viewer's terms (SDL events are translated at the edge).
public enum ViewerAction: Equatable, Sendable {
    case togglePause, singleStep, faster, slower
    case zoom(factor: Double, x: Double, y: Double)
    case pan(dx: Double, dy: Double)
    case select(x: Double, y: Double)
    case selectNext, resetView
    case saveGenome, wipeMemory, toggleReveal, screenshot, toggleHelp, toggleRecording
    case quit
}

/// An SDL window drawn through a ``Canvas`` over its surface (the software renderer: the
/// same pixels as off-screen drawing). Resizable; a resize gives a new canvas.
public final class Window {
    let handle: OpaquePointer
    public private(set) var canvas: Canvas
    /// Whether frames are paced to ~60 per second: not under the `dummy` or `offscreen`
    /// drivers, where nobody is looking and tests want speed.
    public let isPaced: Bool
    var mouseX = 0.0, mouseY = 0.0
    var dragFrom: (x: Double, y: Double)?
    var dragged = false
    var lastFrame = 0.0

    /// Checks, before anything else is done, that a window can be shown: SDL's video starts
    /// and has found a real window system. Without one, SDL falls back to its `offscreen`
    /// (or `dummy`) driver and the program would run showing nothing, which over SSH looks
    /// like a hang; those drivers count only when asked for by name in `SDL_VIDEODRIVER`
    /// (as the tests do).
    public static func requireDisplay() throws {
        SDLError.clear()
        if SDL_WasInit(UInt32(SDL_INIT_VIDEO)) == 0 && SDL_Init(UInt32(SDL_INIT_VIDEO)) != 0 {
            throw SDLError("cannot start SDL video: no display (run under `xvfb-run -a`, or set SDL_VIDEODRIVER=dummy to run without showing a window)")
        }
        let driver = SDL_GetCurrentVideoDriver().map { String(cString: $0) } ?? ""
        let asked = ProcessInfo.processInfo.environment["SDL_VIDEODRIVER"] ?? ""
        if (driver == "offscreen" || driver == "dummy") && asked != driver {
            SDL_QuitSubSystem(UInt32(SDL_INIT_VIDEO))
            SDLError.clear()   // what SDL said while falling back is not the reason
            throw SDLError("no display: SDL found no window system to show the window on (set DISPLAY, run under `xvfb-run -a`, or set SDL_VIDEODRIVER=dummy to run without showing a window)")
        }
    }

    public init(title: String, width: Int = 1280, height: Int = 800) throws {
        SDLError.clear()
        if SDL_WasInit(UInt32(SDL_INIT_VIDEO)) == 0 && SDL_Init(UInt32(SDL_INIT_VIDEO)) != 0 {
            throw SDLError("cannot start SDL video (is there a display? try xvfb-run, or SDL_VIDEODRIVER=dummy)")
        }
        let flags = UInt32(SDL_WINDOW_RESIZABLE.rawValue) | UInt32(SDL_WINDOW_SHOWN.rawValue)
        let centered = Int32(0x2FFF_0000)      // SDL_WINDOWPOS_CENTERED
        guard let w = SDL_CreateWindow(title, centered, centered, Int32(width), Int32(height), flags) else {
            throw SDLError("cannot open a \(width)×\(height) window")
        }
        handle = w
        guard let surface = SDL_GetWindowSurface(w) else {
            SDL_DestroyWindow(w)
            throw SDLError("cannot get the window's surface")
        }
        canvas = try Canvas(windowSurface: surface)
        let driver = SDL_GetCurrentVideoDriver().map { String(cString: $0) } ?? ""
        isPaced = driver != "dummy" && driver != "offscreen"
    }

    deinit {
        SDL_DestroyWindow(handle)
    }

    /// Shows what was drawn, then waits out the rest of a 1/60 s frame when paced.
    public func present() {
        canvas.flush()
        SDL_UpdateWindowSurface(handle)
        if isPaced {
            let now = Self.now()
            let wait = 1.0 / 60 - (now - lastFrame)
            if wait > 0 { usleep(UInt32(wait * 1e6)) }
        }
        lastFrame = Self.now()
    }

    static func now() -> Double { Double(SDL_GetPerformanceCounter()) / Double(SDL_GetPerformanceFrequency()) }

    /// Drains SDL's queue into viewer actions (and follows resizes).
    public func poll() -> [ViewerAction] {
        var actions: [ViewerAction] = []
        var e = SDL_Event()
        while SDL_PollEvent(&e) != 0 {
            switch SDL_EventType(rawValue: e.type) {
            case SDL_QUIT:
                actions.append(.quit)
            case SDL_WINDOWEVENT where e.window.event == UInt8(SDL_WINDOWEVENT_SIZE_CHANGED.rawValue):
                if let surface = SDL_GetWindowSurface(handle), let c = try? Canvas(windowSurface: surface) { canvas = c }
            case SDL_KEYDOWN:
                if let a = Self.action(forKey: e.key.keysym.sym, x: mouseX, y: mouseY) { actions.append(a) }
            case SDL_MOUSEMOTION:
                (mouseX, mouseY) = (Double(e.motion.x), Double(e.motion.y))
                if let from = dragFrom {
                    let (dx, dy) = (mouseX - from.x, mouseY - from.y)
                    if dragged || abs(dx) + abs(dy) > 3 {
                        dragged = true
                        actions.append(.pan(dx: dx, dy: dy))
                        dragFrom = (mouseX, mouseY)
                    }
                }
            case SDL_MOUSEBUTTONDOWN where e.button.button == UInt8(SDL_BUTTON_LEFT):
                (mouseX, mouseY) = (Double(e.button.x), Double(e.button.y))
                dragFrom = (mouseX, mouseY)
                dragged = false
            case SDL_MOUSEBUTTONUP where e.button.button == UInt8(SDL_BUTTON_LEFT):
                (mouseX, mouseY) = (Double(e.button.x), Double(e.button.y))
                if !dragged { actions.append(.select(x: mouseX, y: mouseY)) }
                dragFrom = nil
            case SDL_MOUSEWHEEL:
                let steps = Double(e.wheel.y)
                if steps != 0 { actions.append(.zoom(factor: pow(1.2, steps), x: mouseX, y: mouseY)) }
            default:
                break
            }
        }
        return actions
    }

    /// The key map (also the help overlay's content; see ``HelpOverlay``).
    static func action(forKey key: SDL_Keycode, x: Double, y: Double) -> ViewerAction? {
        switch Int(key) {
        case Int(SDLK_SPACE.rawValue): return .togglePause
        case Int(SDLK_PERIOD.rawValue): return .singleStep
        case Int(SDLK_PLUS.rawValue), Int(SDLK_EQUALS.rawValue), Int(SDLK_KP_PLUS.rawValue): return .faster
        case Int(SDLK_MINUS.rawValue), Int(SDLK_KP_MINUS.rawValue): return .slower
        case Int(SDLK_s.rawValue): return .saveGenome
        case Int(SDLK_l.rawValue): return .wipeMemory
        case Int(SDLK_r.rawValue): return .toggleReveal
        case Int(SDLK_F12.rawValue): return .screenshot
        case Int(SDLK_v.rawValue): return .toggleRecording
        case Int(SDLK_h.rawValue): return .toggleHelp
        case Int(SDLK_TAB.rawValue): return .selectNext
        case Int(SDLK_0.rawValue), Int(SDLK_HOME.rawValue): return .resetView
        case Int(SDLK_ESCAPE.rawValue), Int(SDLK_q.rawValue): return .quit
        default: return nil
        }
    }
}

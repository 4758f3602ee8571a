import CSDL2
import Foundation
import NTMWorld

/// Synthetic input for demos and tests: SDL events pushed into the real queue at given
/// frames, so they travel the same path as a person's keys and clicks.
///
///     # FRAME  EVENT
///     10  key space            a key by SDL name: space, ., +, -, s, l, r, h, tab, 0, F12, Escape
///     20  click 400 300        left press and release at a pixel
///     30  wheel 2 400 300      two notches up (zoom in) with the pointer at a pixel
///     40  drag 400 300 460 330 press, move, release
///     300 quit                 as if the window were closed
///
/// Blank lines and `#` comments are ignored. Events of one frame keep their order.
public struct InputScript: Sendable {
    public enum Event: Equatable, Sendable {
        case key(String)
        case click(Int, Int)
        case wheel(Int, Int, Int)
        case drag(Int, Int, Int, Int)
        case quit
    }

    public var events: [(frame: Int, event: Event)]

    /// The largest coordinate or notch count a script may give.
    public static let largestNumber = 1_000_000

    public struct ParseError: Error, CustomStringConvertible, LocalizedError {
        public var description: String
        public var errorDescription: String? { description }
    }

    /// Parses a script; `name` is for error messages ("FILE:LINE: …").
    public init(text: String, name: String) throws {
        events = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard !words.isEmpty else { continue }
            func fail(_ why: String) -> ParseError { ParseError(description: "\(name):\(index + 1): \(why)") }
            guard let frame = Int(words[0]), frame >= 0 else { throw fail("'\(words[0])' is not a frame number") }
            let args = words.dropFirst(2).map { Int($0) }
            guard words.count >= 2 else { throw fail("expected an event after the frame number") }
            // Pixels and wheel notches of any real screen fit in ±10⁶, and so do the sums a
            // drag interpolates with: nothing later can overflow SDL's 32-bit fields.
            func numbers(_ n: Int) throws -> [Int] {
                guard args.count == n, args.allSatisfy({ $0.map { (-Self.largestNumber...Self.largestNumber).contains($0) } ?? false }) else {
                    throw fail("'\(words[1])' takes \(n) whole numbers between -\(Self.largestNumber) and \(Self.largestNumber)")
                }
                return args.map { $0! }
            }
            let event: Event
            switch words[1] {
            case "key":
                guard words.count == 3 else { throw fail("'key' takes one key name") }
                guard SDL_GetKeyFromName(words[2]) != SDLK_UNKNOWN.rawValue else { throw fail("unknown key '\(words[2])'") }
                event = .key(words[2])
            case "click": let n = try numbers(2); event = .click(n[0], n[1])
            case "wheel": let n = try numbers(3); event = .wheel(n[0], n[1], n[2])
            case "drag": let n = try numbers(4); event = .drag(n[0], n[1], n[2], n[3])
            case "quit": event = .quit
            default: throw fail("unknown event '\(words[1])' (key, click, wheel, drag, quit)")
            }
            events.append((frame, event))
        }
    }

    public static func load(_ path: String) throws -> InputScript {
        let text: String
        do { text = try FileAccess.readText(path, limit: 1 << 24) } catch { throw ParseError(description: error.description) }
        return try InputScript(text: text, name: path)
    }

    /// Pushes the events of `frame` into SDL's queue.
    public func push(frame: Int) {
        for (f, event) in events where f == frame {
            switch event {
            case .key(let name):
                var e = SDL_Event()
                e.type = SDL_KEYDOWN.rawValue
                e.key.state = UInt8(SDL_PRESSED)
                e.key.keysym.sym = SDL_GetKeyFromName(name)
                SDL_PushEvent(&e)
            case .click(let x, let y):
                Self.motion(x, y)
                Self.button(SDL_MOUSEBUTTONDOWN, x, y)
                Self.button(SDL_MOUSEBUTTONUP, x, y)
            case .wheel(let steps, let x, let y):
                Self.motion(x, y)
                var e = SDL_Event()
                e.type = SDL_MOUSEWHEEL.rawValue
                e.wheel.y = Int32(steps)
                SDL_PushEvent(&e)
            case .drag(let x0, let y0, let x1, let y1):
                Self.motion(x0, y0)
                Self.button(SDL_MOUSEBUTTONDOWN, x0, y0)
                for k in 1...4 { Self.motion(x0 + (x1 - x0) * k / 4, y0 + (y1 - y0) * k / 4) }
                Self.button(SDL_MOUSEBUTTONUP, x1, y1)
            case .quit:
                var e = SDL_Event()
                e.type = SDL_QUIT.rawValue
                SDL_PushEvent(&e)
            }
        }
    }

    static func motion(_ x: Int, _ y: Int) {
        var e = SDL_Event()
        e.type = SDL_MOUSEMOTION.rawValue
        e.motion.x = Int32(x); e.motion.y = Int32(y)
        SDL_PushEvent(&e)
    }

    static func button(_ type: SDL_EventType, _ x: Int, _ y: Int) {
        var e = SDL_Event()
        e.type = type.rawValue
        e.button.button = UInt8(SDL_BUTTON_LEFT)
        e.button.x = Int32(x); e.button.y = Int32(y)
        SDL_PushEvent(&e)
    }
}

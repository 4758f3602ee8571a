import CSDL2
import Foundation

/// An RGBA colour.
public struct RGBA: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) { (self.r, self.g, self.b, self.a) = (r, g, b, a) }

    /// A fully saturated colour of hue h ∈ [0, 1) (0 red, 1/3 green, 2/3 blue), each channel
    /// lifted to at least `floor` so it reads on a dark background.
    public init(hue h: Double, floor: UInt8) {
        let sixth = (h - h.rounded(.down)) * 6
        let x = 1 - abs(sixth.truncatingRemainder(dividingBy: 2) - 1)
        let (r, g, b): (Double, Double, Double) = switch Int(sixth) {
        case 0: (1, x, 0)
        case 1: (x, 1, 0)
        case 2: (0, 1, x)
        case 3: (0, x, 1)
        case 4: (x, 0, 1)
        default: (1, 0, x)
        }
        let span = Double(255 - floor)
        self.init(UInt8(Double(floor) + span * r), UInt8(Double(floor) + span * g), UInt8(Double(floor) + span * b))
    }
}

/// An SDL failure, with SDL's own explanation. SDL keeps one error string per thread that
/// only the next error replaces, so it is cleared before each operation (``clear()``) and
/// after it is read: a message never carries the explanation of an older failure.
public struct SDLError: Error, CustomStringConvertible, LocalizedError {
    public var description: String
    init(_ what: String) {
        let why = String(cString: SDL_GetError())
        SDL_ClearError()
        description = why.isEmpty ? what : "\(what): \(why)"
    }
    public var errorDescription: String? { description }
    /// Forgets any earlier error, before an operation whose failure will be reported.
    static func clear() { SDL_ClearError() }
}

/// An off-screen drawing surface: SDL's software renderer over an RGBA32 surface. Needs no
/// display, so plots, frames and test scenes render the same on a server as on a desktop.
///
/// A window draws through the same class: ``init(windowSurface:)`` wraps the surface SDL
/// gives a window, so the world, HUD and inspector are drawn by one code path whether they
/// end up on screen, in a PNG or in a test.
public final class Canvas {
    public let width: Int, height: Int
    let surface: UnsafeMutablePointer<SDL_Surface>
    let renderer: OpaquePointer
    let ownsSurface: Bool
    /// Rendered text, keyed by font, colour and string: labels repeat from frame to frame,
    /// and rasterising them anew each time would cost more than drawing the whole world.
    var textCache: [TextKey: CachedText] = [:]

    struct TextKey: Hashable { var font: Int, color: RGBA, text: String }
    struct CachedText { var texture: OpaquePointer, width: Int32, height: Int32, lastUsed: Int }
    var textClock = 0
    /// Every string drawn, when non-nil (tests switch it on to measure layout).
    public var textLog: [DrawnText]?

    public init(width: Int, height: Int) throws {
        SDLError.clear()
        guard let s = SDL_CreateRGBSurfaceWithFormat(0, Int32(width), Int32(height), 32, ntm_pixelformat_rgba32()) else {
            throw SDLError("cannot create a \(width)×\(height) surface")
        }
        guard let r = SDL_CreateSoftwareRenderer(s) else {
            SDL_FreeSurface(s)
            throw SDLError("cannot create a software renderer")
        }
        (self.width, self.height, surface, renderer, ownsSurface) = (width, height, s, r, true)
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND)
    }

    /// Draws into a surface owned by someone else (a window's); the surface must outlive
    /// the canvas.
    init(windowSurface s: UnsafeMutablePointer<SDL_Surface>) throws {
        guard let r = SDL_CreateSoftwareRenderer(s) else { throw SDLError("cannot create a software renderer") }
        (width, height, surface, renderer, ownsSurface) = (Int(s.pointee.w), Int(s.pointee.h), s, r, false)
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND)
    }

    deinit {
        for t in textCache.values { SDL_DestroyTexture(t.texture) }
        SDL_DestroyRenderer(renderer)
        if ownsSurface { SDL_FreeSurface(surface) }
    }

    /// Pushes pending drawing into the pixels (before they are shown or read).
    public func flush() { SDL_RenderFlush(renderer) }

    func setColor(_ c: RGBA) { SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a) }

    public func clear(_ c: RGBA) {
        setColor(c)
        SDL_RenderClear(renderer)
    }

    public func fill(x: Double, y: Double, width w: Double, height h: Double, _ c: RGBA) {
        setColor(c)
        var rect = SDL_FRect(x: Float(x), y: Float(y), w: Float(w), h: Float(h))
        SDL_RenderFillRectF(renderer, &rect)
    }

    /// Many axis-aligned rectangles of one colour in one call (spans of discs, bars).
    /// Opaque colours are copied rather than blended, which the software renderer does
    /// several times faster.
    func fill(rects: [SDL_FRect], _ c: RGBA) {
        guard !rects.isEmpty else { return }
        setColor(c)
        if c.a == 255 { SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_NONE) }
        _ = rects.withUnsafeBufferPointer { SDL_RenderFillRectsF(renderer, $0.baseAddress, Int32($0.count)) }
        if c.a == 255 { SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND) }
    }

    /// Restricts drawing to a rectangle (nil: the whole canvas).
    public func clip(x: Double, y: Double, width w: Double, height h: Double) {
        var r = SDL_Rect(x: Int32(x), y: Int32(y), w: Int32(w), h: Int32(h))
        SDL_RenderSetClipRect(renderer, &r)
    }

    public func unclip() { SDL_RenderSetClipRect(renderer, nil) }

    /// A rectangle's outline, one pixel wide.
    public func frame(x: Double, y: Double, width w: Double, height h: Double, _ c: RGBA) {
        setColor(c)
        var rect = SDL_FRect(x: Float(x), y: Float(y), w: Float(w), h: Float(h))
        SDL_RenderDrawRectF(renderer, &rect)
    }

    /// A line `thickness` pixels wide (drawn as parallel one-pixel lines).
    public func line(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, _ c: RGBA, thickness: Int = 1) {
        setColor(c)
        let dx = x1 - x0, dy = y1 - y0
        let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
        let (nx, ny) = (-dy / length, dx / length)
        for k in 0..<max(thickness, 1) {
            let o = Double(k) - Double(thickness - 1) / 2
            SDL_RenderDrawLineF(renderer, Float(x0 + nx * o), Float(y0 + ny * o), Float(x1 + nx * o), Float(y1 + ny * o))
        }
    }

    /// Draws `text` with its top-left corner at (x, y) (or centred on x when `centered`).
    ///
    /// With a `box` (the panel the text belongs to), the text never leaves it: a line too
    /// long is cut and ends in "…", and a line below the box's bottom is not drawn. Every
    /// string drawn is recorded in ``textLog`` when a test has switched it on.
    public func text(_ text: String, x: Double, y: Double, font: Font, _ c: RGBA, centered: Bool = false, within box: PixelRect? = nil) {
        var shown = text
        if let box, !centered {
            let room = box.x + box.width - x
            if Double(font.width(of: shown)) > room {
                var cut = Array(shown)
                while !cut.isEmpty && Double(font.width(of: String(cut) + "…")) > room { cut.removeLast() }
                shown = cut.isEmpty ? "" : String(cut) + "…"
            }
        }
        guard !shown.isEmpty, let t = cachedText(shown, font, c) else { return }
        let w = Double(t.width), h = Double(t.height)
        let rect = PixelRect(x: centered ? x - w / 2 : x, y: y, width: w, height: h)
        if let box, rect.y + rect.height > box.y + box.height + 0.5 { return }
        textLog?.append(DrawnText(text: shown, rect: rect, box: box))
        var dst = SDL_FRect(x: Float(rect.x), y: Float(rect.y), w: Float(w), h: Float(h))
        SDL_RenderCopyF(renderer, t.texture, nil, &dst)
    }

    /// A string as drawn: where it went and the box it had to stay in (nil: none given).
    public struct DrawnText: Sendable {
        public var text: String
        public var rect: PixelRect
        public var box: PixelRect?
        /// Whether the string lies wholly inside its box.
        public var fits: Bool {
            guard let b = box else { return true }
            return rect.x >= b.x - 0.5 && rect.y >= b.y - 0.5 && rect.x + rect.width <= b.x + b.width + 0.5
                && rect.y + rect.height <= b.y + b.height + 0.5
        }
    }

    func cachedText(_ text: String, _ font: Font, _ c: RGBA) -> CachedText? {
        textClock += 1
        let key = TextKey(font: font.serial, color: c, text: text)
        if let hit = textCache[key] {
            textCache[key]?.lastUsed = textClock
            return hit
        }
        guard let rendered = TTF_RenderUTF8_Blended(font.handle, text, SDL_Color(r: c.r, g: c.g, b: c.b, a: c.a)) else { return nil }
        defer { SDL_FreeSurface(rendered) }
        guard let texture = SDL_CreateTextureFromSurface(renderer, rendered) else { return nil }
        if textCache.count >= 1024 {
            // Evict the older half: numbers that changed long ago.
            let cut = textCache.values.map(\.lastUsed).sorted()[textCache.count / 2]
            for (k, v) in textCache where v.lastUsed < cut {
                SDL_DestroyTexture(v.texture)
                textCache[k] = nil
            }
        }
        let entry = CachedText(texture: texture, width: rendered.pointee.w, height: rendered.pointee.h, lastUsed: textClock)
        textCache[key] = entry
        return entry
    }

    /// The picture as RGBA bytes, row after row with no padding (what a video encoder reads).
    public func rgbaBytes() -> Data {
        var out = Data(count: width * height * 4)
        let pitch = Int(surface.pointee.pitch)
        let pixels = surface.pointee.pixels!.assumingMemoryBound(to: UInt8.self)
        out.withUnsafeMutableBytes { raw in
            let dst = raw.bindMemory(to: UInt8.self).baseAddress!
            for y in 0..<height { (dst + y * width * 4).update(from: pixels + y * pitch, count: width * 4) }
        }
        return out
    }

    /// The colour of pixel (x, y) (for tests: facts about a known scene).
    public func pixel(x: Int, y: Int) -> RGBA {
        SDL_RenderFlush(renderer)
        let p = surface.pointee.pixels!.assumingMemoryBound(to: UInt8.self) + y * Int(surface.pointee.pitch) + 4 * x
        return RGBA(p[0], p[1], p[2], p[3])
    }

    /// Saves a PNG atomically (a temporary file in the same directory, then a rename).
    public func savePNG(_ path: String) throws {
        SDLError.clear()
        SDL_RenderFlush(renderer)
        let temporary = path + ".tmp-\(getpid())"
        guard IMG_SavePNG(surface, temporary) == 0 else { throw SDLError("cannot write PNG '\(path)'") }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SDLError("cannot move the PNG into place at '\(path)'")
        }
    }
}

import CSDL2
import Foundation

/// An RGBA colour.
public struct RGBA: Hashable, Sendable {
    public var r: UInt8, g: UInt8, b: UInt8, a: UInt8
    public init(_ r: UInt8, _ g: UInt8, _ b: UInt8, _ a: UInt8 = 255) { (self.r, self.g, self.b, self.a) = (r, g, b, a) }
}

/// An SDL failure, with SDL's own explanation.
public struct SDLError: Error, CustomStringConvertible {
    public var description: String
    init(_ what: String) { description = "\(what): \(String(cString: SDL_GetError()))" }
}

/// An off-screen drawing surface: SDL's software renderer over an RGBA32 surface. Needs no
/// display, so plots, frames and test scenes render the same on a server as on a desktop.
public final class Canvas {
    public let width: Int, height: Int
    let surface: UnsafeMutablePointer<SDL_Surface>
    let renderer: OpaquePointer

    public init(width: Int, height: Int) throws {
        guard let s = SDL_CreateRGBSurfaceWithFormat(0, Int32(width), Int32(height), 32, ntm_pixelformat_rgba32()) else {
            throw SDLError("cannot create a \(width)×\(height) surface")
        }
        guard let r = SDL_CreateSoftwareRenderer(s) else {
            SDL_FreeSurface(s)
            throw SDLError("cannot create a software renderer")
        }
        (self.width, self.height, surface, renderer) = (width, height, s, r)
        SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND)
    }

    deinit {
        SDL_DestroyRenderer(renderer)
        SDL_FreeSurface(surface)
    }

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
    public func text(_ text: String, x: Double, y: Double, font: Font, _ c: RGBA, centered: Bool = false) {
        guard !text.isEmpty, let rendered = TTF_RenderUTF8_Blended(font.handle, text, SDL_Color(r: c.r, g: c.g, b: c.b, a: c.a)) else { return }
        defer { SDL_FreeSurface(rendered) }
        guard let texture = SDL_CreateTextureFromSurface(renderer, rendered) else { return }
        defer { SDL_DestroyTexture(texture) }
        let w = Double(rendered.pointee.w), h = Double(rendered.pointee.h)
        var dst = SDL_FRect(x: Float(centered ? x - w / 2 : x), y: Float(y), w: Float(w), h: Float(h))
        SDL_RenderCopyF(renderer, texture, nil, &dst)
    }

    /// The colour of pixel (x, y) (for tests: facts about a known scene).
    public func pixel(x: Int, y: Int) -> RGBA {
        SDL_RenderFlush(renderer)
        let p = surface.pointee.pixels!.assumingMemoryBound(to: UInt8.self) + y * Int(surface.pointee.pitch) + 4 * x
        return RGBA(p[0], p[1], p[2], p[3])
    }

    /// Saves a PNG atomically (a temporary file in the same directory, then a rename).
    public func savePNG(_ path: String) throws {
        SDL_RenderFlush(renderer)
        let temporary = path + ".tmp-\(getpid())"
        guard IMG_SavePNG(surface, temporary) == 0 else { throw SDLError("cannot write PNG '\(path)'") }
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw SDLError("cannot move the PNG into place at '\(path)'")
        }
    }
}

/// A TrueType font at one size.
public final class Font {
    let handle: OpaquePointer

    public init(path: String, size: Int) throws {
        if TTF_WasInit() == 0 && TTF_Init() != 0 { throw SDLError("cannot start SDL_ttf") }
        guard let f = TTF_OpenFont(path, Int32(size)) else { throw SDLError("cannot open font '\(path)'") }
        handle = f
    }

    deinit { TTF_CloseFont(handle) }

    /// The width in pixels of `text` rendered in this font.
    public func width(of text: String) -> Int {
        var w: Int32 = 0, h: Int32 = 0
        TTF_SizeUTF8(handle, text, &w, &h)
        return Int(w)
    }

    /// The UI font shipped in `Assets/fonts` (see `Assets/fonts/DejaVu-LICENSE.txt`).
    public static func standard(size: Int) throws -> Font {
        guard let dir = AssetLocator.assetsDirectory() else {
            throw SDLError("cannot find the Assets/ directory (set NTMLIFE_ASSETS)")
        }
        return try Font(path: dir + "/fonts/DejaVuSans.ttf", size: size)
    }
}

/// Finds `Assets/`: `$NTMLIFE_ASSETS`, else `./Assets`, else the nearest `Assets/` above the
/// executable (the repository's, when run from a build directory).
public enum AssetLocator {
    public static func assetsDirectory() -> String? {
        let fm = FileManager.default
        let probe = "/fonts/DejaVuSans.ttf"
        if let env = ProcessInfo.processInfo.environment["NTMLIFE_ASSETS"], !env.isEmpty { return env }
        if fm.fileExists(atPath: fm.currentDirectoryPath + "/Assets" + probe) { return fm.currentDirectoryPath + "/Assets" }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Assets").path
            if fm.fileExists(atPath: candidate + probe) { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }
}

import CSDL2
import Foundation

/// A TrueType font at one size.
public final class Font {
    let handle: OpaquePointer
    /// A number no other font of this process has (text caches key on it).
    let serial: Int
    nonisolated(unsafe) static var fontsOpened = 0

    public init(path: String, size: Int) throws {
        if TTF_WasInit() == 0 && TTF_Init() != 0 { throw SDLError("cannot start SDL_ttf") }
        guard let f = TTF_OpenFont(path, Int32(size)) else { throw SDLError("cannot open font '\(path)'") }
        handle = f
        Font.fontsOpened += 1
        serial = Font.fontsOpened
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

import CSDL2
import Foundation

/// A TrueType font at one size.
///
/// Fonts may be opened, drawn with and closed on any thread, one font per thread at a time.
/// SDL_ttf keeps one FreeType library for the process, and FreeType's library is not
/// thread-safe where faces are created and destroyed (its documentation asks for a mutex
/// around `FT_New_Face` and `FT_Done_Face`), nor is `TTF_Init`'s reference count. So
/// starting SDL_ttf, opening and closing all hold one process-wide lock; drawing with
/// distinct fonts needs none.
public final class Font {
    let handle: OpaquePointer
    /// A number no other font of this process has (text caches key on it).
    package let serial: Int
    /// Guards SDL_ttf's start, every open and close, and `fontsOpened`.
    private static let library = NSLock()
    nonisolated(unsafe) private static var fontsOpened = 0

    public init(path: String, size: Int) throws {
        (handle, serial) = try Font.open("cannot open font '\(path)'") { TTF_OpenFont(path, Int32(size)) }
    }

    /// A font read from bytes in memory (which must outlive it).
    init(bytes: Data, size: Int, name: String) throws {
        (handle, serial) = try Font.open("cannot open the font \(name)") {
            bytes.withUnsafeBytes { raw -> OpaquePointer? in
                guard let ops = SDL_RWFromConstMem(raw.baseAddress, Int32(raw.count)) else { return nil }
                return TTF_OpenFontRW(ops, 1, Int32(size))
            }
        }
    }

    /// Starts SDL_ttf if need be and opens a font by `opener`, under the lock; the font and
    /// its serial number, or an error saying `failure` (with SDL's reason).
    private static func open(_ failure: String, _ opener: () -> OpaquePointer?) throws -> (OpaquePointer, Int) {
        library.lock()
        defer { library.unlock() }
        SDLError.clear()
        if TTF_WasInit() == 0 && TTF_Init() != 0 { throw SDLError("cannot start SDL_ttf") }
        guard let f = opener() else { throw SDLError(failure) }
        fontsOpened += 1
        return (f, fontsOpened)
    }

    deinit {
        Font.library.lock()
        TTF_CloseFont(handle)
        Font.library.unlock()
    }

    /// The width in pixels of `text` rendered in this font.
    public func width(of text: String) -> Int {
        var w: Int32 = 0, h: Int32 = 0
        TTF_SizeUTF8(handle, text, &w, &h)
        return Int(w)
    }

    /// The UI font shipped in `Assets/fonts` (see `Assets/fonts/DejaVu-LICENSE.txt`).
    ///
    /// From the `Assets/` directory when one is found, else the copy built into the program
    /// (so a copied or installed binary draws text wherever it runs). A `$NTMLIFE_ASSETS`
    /// that names a directory without the font is an error, not a silent fallback.
    public static func standard(size: Int) throws -> Font {
        if let dir = try AssetLocator.assetsDirectoryIfPresent() {
            return try Font(path: dir + AssetLocator.fontPath, size: size)
        }
        guard let bytes = EmbeddedFiles.font else {
            throw AssetError(description: "cannot find the Assets/ directory, and this build has no font built in; run from the repository or set NTMLIFE_ASSETS")
        }
        return try Font(bytes: bytes, size: size, name: "built into ntmlife")
    }
}

/// `Assets/` could not be found; the description says where it was looked for.
public struct AssetError: Error, CustomStringConvertible, LocalizedError {
    public var description: String
    public var errorDescription: String? { description }
}

/// Finds `Assets/`: `$NTMLIFE_ASSETS`, else `./Assets`, else the nearest `Assets/` above the
/// executable (the repository's, when run from a build directory). A directory counts only
/// if it holds the UI font, so a wrong `$NTMLIFE_ASSETS` is reported as such, not as a font
/// that will not open.
public enum AssetLocator {
    /// The font every picture and the window draw their text with, relative to `Assets/`.
    public static let fontPath = "/fonts/DejaVuSans.ttf"

    /// The `Assets/` directory if one is found; nil if none is (the built-in copies are then
    /// used); an error if `$NTMLIFE_ASSETS` names one without the font.
    public static func assetsDirectoryIfPresent() throws(AssetError) -> String? {
        do { return try requireAssetsDirectory() } catch {
            if let env = ProcessInfo.processInfo.environment["NTMLIFE_ASSETS"], !env.isEmpty { throw error }
            return nil
        }
    }

    /// The `Assets/` directory, or an error that says where it was looked for.
    public static func requireAssetsDirectory() throws(AssetError) -> String {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["NTMLIFE_ASSETS"], !env.isEmpty {
            guard fm.fileExists(atPath: env + fontPath) else {
                throw AssetError(description: "NTMLIFE_ASSETS is '\(env)', which has no \(fontPath.dropFirst()); point it at the repository's Assets/ directory")
            }
            return env
        }
        if fm.fileExists(atPath: fm.currentDirectoryPath + "/Assets" + fontPath) { return fm.currentDirectoryPath + "/Assets" }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Assets").path
            if fm.fileExists(atPath: candidate + fontPath) { return candidate }
            dir.deleteLastPathComponent()
        }
        throw AssetError(description: "cannot find the Assets/ directory (its \(fontPath.dropFirst()) draws every picture's text): "
                       + "looked in ./Assets and above the executable; run from the repository or set NTMLIFE_ASSETS")
    }
}

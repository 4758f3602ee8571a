import CNTMAssets
import Foundation

/// The repository files built into the program (`Sources/CNTMAssets/embedded.S`): the
/// shipped worlds and the UI font. They are what a copied or installed `ntmlife` uses when
/// no `Worlds/` or `Assets/` directory is found, so it works wherever it is run from; a
/// directory that is found (`$NTMLIFE_WORLDS`, `./Worlds`, the checkout above the executable)
/// still wins, so an edited world is used as edited.
public enum EmbeddedFiles {
    /// Every embedded file by its path in the repository, e.g. `Worlds/forage.toml`.
    public static let all: [String: Data] = {
        var count = 0
        guard let table = ntm_embedded_files(&count) else { return [:] }
        var out: [String: Data] = [:]
        for entry in UnsafeBufferPointer(start: table, count: count) {
            out[String(cString: entry.name)] = Data(bytes: entry.bytes, count: entry.size)
        }
        return out
    }()

    /// The shipped worlds' files, by world name (`forage` for `Worlds/forage.toml`).
    public static var worlds: [String: Data] {
        var out: [String: Data] = [:]
        for (path, data) in all where path.hasPrefix("Worlds/") && path.hasSuffix(".toml") {
            out[String(path.dropFirst(7).dropLast(5))] = data
        }
        return out
    }

    /// The UI font (DejaVu Sans).
    public static var font: Data? { all["Assets" + AssetLocator.fontPath] }
}

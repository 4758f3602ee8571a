import Foundation
import NTMWorld

/// The repository's Worlds/ directory, found from this file's location.
let worldsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Worlds").path

/// The shared test world, `Tests/Fixtures/tiny.toml`.
let tinyWorldPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures/tiny.toml").path

func tinyWorld() -> WorldSpec { try! WorldSpec.load(path: tinyWorldPath) }

/// The error `text` gives, or nil if it loads.
func worldError(_ text: String) -> WorldFileError? {
    do {
        _ = try WorldSpec.parse(text, file: "bad.toml")
        return nil
    } catch {
        return error
    }
}

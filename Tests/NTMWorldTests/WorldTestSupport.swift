import Foundation
import NTMWorld
@_exported import NTMTestSupport

let worldsDirectory = Fixtures.worldsDirectory
func tinyWorld() -> WorldSpec { Fixtures.tinyWorld() }

/// The error `text` gives, or nil if it loads.
func worldError(_ text: String) -> WorldFileError? {
    do {
        _ = try WorldSpec.parse(text, file: "bad.toml")
        return nil
    } catch {
        return error
    }
}

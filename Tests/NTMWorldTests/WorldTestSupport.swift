import Foundation
import NTMWorld

/// The repository's Worlds/ directory, found from this file's location.
let worldsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Worlds").path

/// A small, fast world for tests: 4 rays, a 32-wide brain, short lives.
let tinyWorldText = """
    [world]
    name = "tiny"
    description = "A small world for tests."

    [arena]
    width = 40.0
    height = 40.0

    [[food]]
    count = 12
    patches = 1
    patch_radius = 10.0
    regrow = 20

    [body]
    rays = 4

    [brain]
    controller_width = 32
    controller_layers = 2
    key_width = 8
    density = 2
    value_width = 4

    [episode]
    ticks = 40
    count = 2
    agents_per_arena = 4

    [evolution]
    population = 12
    generations = 4
    """

func tinyWorld() -> WorldSpec { try! WorldSpec.parse(tinyWorldText, file: "tiny.toml") }

/// The error `text` gives, or nil if it loads.
func worldError(_ text: String) -> WorldFileError? {
    do {
        _ = try WorldSpec.parse(text, file: "bad.toml")
        return nil
    } catch {
        return error
    }
}

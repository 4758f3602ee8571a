import ArgumentParser
import NTMWorld

/// `ntmlife worlds`: the shipped worlds and what each one tests.
struct WorldsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worlds",
        abstract: "List the shipped worlds with their one-line descriptions."
    )

    func run() throws {
        let worlds = WorldLocator.shippedWorlds()
        guard !worlds.isEmpty else {
            throw UsageError(description: "no Worlds/ directory found; run from the repository or set NTMLIFE_WORLDS")
        }
        let width = worlds.map(\.name.count).max()!
        for (name, path) in worlds {
            let summary: String
            do {
                summary = try WorldLocator.load(path).world.description
            } catch {
                summary = "(does not load: \(error))"
            }
            let marker = name == WorldLocator.defaultWorld ? " (default)" : ""
            print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + summary + marker)
        }
    }
}

import Foundation
import NTMEvolution
import NTMViewer
import NTMWorld

/// Finds world files: a path as given, or a shipped world's name looked up in the `Worlds/`
/// directory (`$NTMLIFE_WORLDS`, else `./Worlds`, else the nearest `Worlds/` above the
/// executable, which is the repository's when run from a build directory).
enum WorldLocator {
    static let defaultWorld = "forage"

    static func worldsDirectory() -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["NTMLIFE_WORLDS"], !env.isEmpty { return env }
        let local = fm.currentDirectoryPath + "/Worlds"
        if fm.fileExists(atPath: local + "/\(defaultWorld).toml") { return local }
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = dir.appendingPathComponent("Worlds").path
            if fm.fileExists(atPath: candidate + "/\(defaultWorld).toml") { return candidate }
            dir.deleteLastPathComponent()
        }
        return nil
    }

    /// Names of the shipped worlds, sorted, with where each is read from: the `Worlds/`
    /// directory when one is found, else the copies built into the program (`builtin:NAME.toml`).
    static func shippedWorlds() -> [(name: String, path: String)] {
        guard let dir = worldsDirectory(),
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            return EmbeddedFiles.worlds.keys.sorted().map { ($0, builtinPrefix + $0 + ".toml") }
        }
        return names.filter { $0.hasSuffix(".toml") }.sorted().map { (String($0.dropLast(5)), dir + "/" + $0) }
    }

    /// How a world built into the program is named where a path would be.
    static let builtinPrefix = "builtin:"

    /// The world file for a command-line argument (nil: the default world).
    static func path(for argument: String?) throws -> String {
        let given = argument ?? defaultWorld
        if given.hasSuffix(".toml") || given.contains("/") {
            guard FileManager.default.fileExists(atPath: given) else {
                throw UsageError(description: "world file '\(given)' does not exist; give a path to a .toml file or one of: \(names())")
            }
            return given
        }
        if let match = shippedWorlds().first(where: { $0.name == given }) { return match.path }
        throw UsageError(description: "no world named '\(given)'; shipped worlds: \(names()) (or give a path to a .toml file)")
    }

    static func names() -> String {
        let all = shippedWorlds().map(\.name)
        return all.isEmpty ? "(none found; set NTMLIFE_WORLDS to the Worlds directory)" : all.joined(separator: ", ")
    }

    /// Loads a world file whole (the world and its evolution setup), turning file errors
    /// into usage errors (exit status 2).
    static func load(_ path: String) throws -> Experiment {
        do {
            if path.hasPrefix(builtinPrefix), let data = EmbeddedFiles.worlds[String(path.dropFirst(builtinPrefix.count).dropLast(5))] {
                return try Experiment.parse(String(decoding: data, as: UTF8.self), file: path)
            }
            return try Experiment.load(path: path)
        } catch {
            throw UsageError(description: error.description)
        }
    }
}

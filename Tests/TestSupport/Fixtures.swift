import Foundation
import NTMEvolution
import NTMWorld

/// Where the repository's fixtures are, found from this file's location (tests run from
/// any directory).
public enum Fixtures {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's `Worlds/` directory.
    public static let worldsDirectory = tests.deletingLastPathComponent().appendingPathComponent("Worlds").path

    /// The shared test world, `Tests/Fixtures/tiny.toml`: 4 rays, a 32-wide brain, 40-tick
    /// lives; a few generations take well under a second in a debug build.
    public static let tinyWorldPath = tests.appendingPathComponent("Fixtures/tiny.toml").path

    /// `Tests/Fixtures/tiny-cue.toml`: a small world of trials with a cue (3 trials of 17 ticks).
    public static let tinyCuePath = tests.appendingPathComponent("Fixtures/tiny-cue.toml").path
    /// `Tests/Fixtures/tiny-offer.toml`: a small world of offers (8 trials, a flip after 4).
    public static let tinyOfferPath = tests.appendingPathComponent("Fixtures/tiny-offer.toml").path

    public static func tinyCue() -> Experiment { try! Experiment.load(path: tinyCuePath) }
    public static func tinyOffer() -> Experiment { try! Experiment.load(path: tinyOfferPath) }

    /// Copies a fixture into `dir` under its own name (replacing an earlier copy); returns its path.
    public static func copy(_ fixture: String, into dir: String) -> String {
        let path = dir + "/" + URL(fileURLWithPath: fixture).lastPathComponent
        try? FileManager.default.removeItem(atPath: path)
        try! FileManager.default.copyItem(atPath: fixture, toPath: path)
        return path
    }

    /// The tiny world file read whole (world and evolution setup).
    public static func tinyExperiment() -> Experiment { try! Experiment.load(path: tinyWorldPath) }

    /// The tiny world alone.
    public static func tinyWorld() -> WorldSpec { tinyExperiment().world }

    /// A shipped world, read whole.
    public static func shipped(_ name: String) throws -> Experiment {
        try Experiment.load(path: worldsDirectory + "/\(name).toml")
    }

    /// The names of the shipped worlds.
    public static let shippedWorlds = ["forage", "poison-seasons", "hidden-hazards", "cue-choice", "alternation", "ecosystem"]

    /// Copies the tiny world into `dir` as `tiny.toml`, with `extra` appended; returns its path.
    public static func writeTinyWorld(in dir: String, extra: String = "") -> String {
        let path = dir + "/tiny.toml"
        let text = try! String(contentsOfFile: tinyWorldPath, encoding: .utf8) + extra
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// A fresh temporary directory, removed when `body` returns.
public func withTemporaryDirectory<T>(_ label: String, _ body: (String) throws -> T) rethrows -> T {
    let dir = temporaryDirectory(label)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    return try body(dir)
}

/// A fresh temporary directory (the caller removes it).
public func temporaryDirectory(_ label: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ntmlife-\(label)-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

extension Fixtures {
    /// Appended to the tiny world, makes it open-ended: 12 slots, epochs of 20 ticks.
    public static let tinyEcosystemTable = """

        [ecosystem]
        capacity = 12
        initial = 6
        reproduce_energy = 90.0
        offspring_energy = 30.0
        min_agents = 3
        epoch_ticks = 20
        """
}

import Foundation

/// Named moments at which a test may have the process killed, to prove that whatever state
/// an interruption leaves behind can be continued.
///
/// `NTMLIFE_FAULT=NAME` kills the process with SIGKILL (which no handler can soften) the
/// first time it reaches the point `NAME`; `NAME:N` the N-th time. The points are:
///
/// - `start`: a new run is about to be set up (nothing written yet);
/// - `staged`: the new run's world.toml, stats.csv and run.json are written, not yet its
///   first checkpoint;
/// - `published`: the new run has moved into its directory, before its first generation;
/// - `committed`: a generation's champion and stats are written, its checkpoint not yet;
/// - `write`: any atomic write, after its temporary file is complete and before the rename.
///
/// Unset (always, outside tests), reaching a point costs one comparison.
package enum FaultPoint {
    private static let armed: (name: Substring, count: Int)? = {
        guard let spec = ProcessInfo.processInfo.environment["NTMLIFE_FAULT"], !spec.isEmpty else { return nil }
        let parts = spec.split(separator: ":")
        return (parts[0], parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }()
    private static let reached = SerialCounter()

    package static func reach(_ name: String) {
        guard let armed, armed.name == name else { return }
        if reached.next() == armed.count { kill(getpid(), SIGKILL) }
    }
}

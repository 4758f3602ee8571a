import Foundation
import NTMWorld

/// How a run directory is claimed, so that no interruption and no second process can leave
/// one that is neither a run nor free.
///
/// **A new run is staged.** Its world.toml, stats.csv, run.json and first checkpoint are
/// written in a hidden sibling, `.NAME.starting-PID-N`, which is then renamed to `NAME` in
/// one step. So at every instant the directory either does not exist (a plain restart
/// works) or holds a run with a checkpoint (`--resume` works); a killed start leaves only
/// its hidden staging directory, which the next start beside it removes. The rename is also
/// the claim: of two processes starting runs in the same directory at once, the second's
/// rename fails (the target is no longer empty) and it says so.
///
/// **A run is locked while it runs.** `RUN_DIR/.lock` is held with `flock` by the process
/// that starts or resumes the run, until it exits (the kernel releases it even after a
/// SIGKILL). A second process that tries to resume or watch the run is refused, and
/// temporaries left in the directory by a killed writer can be removed safely.
///
/// **A directory with no checkpoint** (written by an older ntmlife, or emptied by hand) but
/// with a world.toml is resumed from its beginning: a run is a function of its world.toml,
/// so that is exactly the run that was started.
extension RunDirectory {
    /// Whether a run lives here: it has at least one checkpoint.
    public var holdsRun: Bool { !checkpointGenerations().isEmpty }

    /// The names a run directory may hold: anything else makes it someone else's directory.
    static let runEntries: Set<String> = ["run.json", "world.toml", "stats.csv", "checkpoints", "best", "saved",
                                          "hall-of-fame.genome.json", "fitness.png", ".lock", "emigrants"]

    var lockFile: String { path + "/.lock" }

    /// Takes this directory's lock, or says who holds it.
    func lock() throws(RunError) -> RunLock {
        let fd = open(lockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw .runtime("cannot lock the run directory '\(path)': \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 32)
            let n = pread(fd, &buffer, buffer.count, 0)
            close(fd)
            let pid = n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : "?"
            throw .input("run directory '\(path)' is in use by another ntmlife process (pid \(pid)); wait for it to finish, or stop it")
        }
        let pid = Array("\(getpid())".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        return RunLock(fd: fd)
    }

    /// Removes temporaries left by killed writers in every folder of the run (call while
    /// holding the lock).
    func removeStaleTemporaries() {
        for dir in [path, checkpointDirectory, bestDirectory, savedDirectory] { FileAccess.removeStaleTemporaries(in: dir) }
    }

    /// A fresh staging directory beside this one, locked, after checking that this one is
    /// free for a new run and removing what killed starts left here.
    func stage() throws(RunError) -> (RunDirectory, RunLock) {
        let url = URL(fileURLWithPath: path).standardized
        let parent = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw .input("'\(path)' is a file; give --out a directory that does not exist yet")
            }
            if holdsRun {
                throw .input("run directory '\(path)' already holds a run; continue it with --resume \(path), or choose another --out")
            }
            let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            let foreign = entries.filter { !Self.runEntries.contains($0) && !$0.hasPrefix(".") }
            if !foreign.isEmpty {
                throw .input("'\(path)' exists and holds files that are not a run's (\(foreign.prefix(3).joined(separator: ", "))); choose another --out")
            }
            if fm.fileExists(atPath: worldFile) {
                throw .input("run directory '\(path)' holds a run that stopped before its first checkpoint; continue it (from its beginning) with --resume \(path)")
            }
            // Only what an interrupted start of an older ntmlife leaves, and nothing to
            // resume from: clear it for the new run.
            let held = try lock()
            for entry in entries { try? fm.removeItem(atPath: path + "/" + entry) }
            _ = held
        }
        do {
            try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw .runtime("cannot create '\(parent)': \(error.localizedDescription)")
        }
        Self.removeAbandonedStagings(in: parent, of: name)
        let staging = RunDirectory(path: parent + "/." + name + Self.stagingMarker + "\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try fm.createDirectory(atPath: staging.path, withIntermediateDirectories: false)
        } catch {
            throw .runtime("cannot create the run directory beside '\(path)': \(error.localizedDescription)")
        }
        return (staging, try staging.lock())
    }

    /// Moves a staged run into `final` in one rename; fails if another process got there first.
    func publish(as final: RunDirectory) throws(RunError) {
        guard rename(path, final.path) == 0 else {
            let why = errno
            discard()
            if why == ENOTEMPTY || why == EEXIST {
                throw .input("run directory '\(final.path)' was just started by another process; choose another --out")
            }
            throw .runtime("cannot move the new run into '\(final.path)': \(String(cString: strerror(why)))")
        }
    }

    /// Removes a staging directory that will not be published.
    func discard() { try? FileManager.default.removeItem(atPath: path) }

    static let stagingMarker = ".starting-"

    /// Staging directories of `name` whose process is gone: the pid in the name no longer
    /// runs, and their lock is free. (The pid is checked first: a start that has just made
    /// its directory has not taken its lock yet.)
    static func removeAbandonedStagings(in parent: String, of name: String) {
        let prefix = "." + name + stagingMarker
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            if let pid = pid_t(entry.dropFirst(prefix.count).prefix { $0 != "-" }), kill(pid, 0) == 0 || errno == EPERM { continue }
            let staging = RunDirectory(path: parent + "/" + entry)
            if let held = try? staging.lock() {
                staging.discard()
                _ = held
            }
        }
    }
}

/// A held run-directory lock; released when this is released (or the process ends).
public final class RunLock: @unchecked Sendable {
    let fd: Int32
    init(fd: Int32) { self.fd = fd }
    deinit { close(fd) }
}

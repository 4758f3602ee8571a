import Foundation
@_exported import NTMTestSupport

/// The outcome of running the real `ntmlife` executable.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `ntmlife` built alongside the tests (same configuration) with `arguments`.
func ntmlife(_ arguments: String...) throws -> RunResult {
    try ntmlife(arguments, in: nil)
}

/// Runs `ntmlife` with `arguments`, optionally in the directory `cwd`, and waits for it.
///
/// Children are started with posix_spawn and reaped with waitpid, output going to files
/// read afterwards. Foundation's `Process` proved unreliable here when tests run in
/// parallel: an interrupted pipe read (EINTR) and a crash inside `waitUntilExit`.
func ntmlife(_ arguments: [String], in cwd: String?, environment: [String] = [], launcher: [String] = []) throws -> RunResult {
    let scratch = temporaryDirectory("out")
    defer { try? FileManager.default.removeItem(atPath: scratch) }
    let child = try Child(arguments, in: cwd, environment: environment, launcher: launcher,
                          stdout: scratch + "/stdout", stderr: scratch + "/stderr")
    let status = child.wait()
    return RunResult(status: status.code,
                     stdout: (try? String(contentsOfFile: scratch + "/stdout", encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOfFile: scratch + "/stderr", encoding: .utf8)) ?? "")
}

/// A running `ntmlife`.
struct Child {
    let pid: pid_t

    struct SpawnError: Error { var code: Int32 }

    /// Starts `ntmlife arguments` (in `cwd`, via `env -C`, with extra `NAME=value` settings
    /// in `environment`), behind `launcher` if given (e.g. `/usr/bin/xvfb-run -a`), output
    /// to the given files.
    init(_ arguments: [String], in cwd: String? = nil, environment: [String] = [], launcher: [String] = [],
         stdout: String = "/dev/null", stderr: String = "/dev/null") throws {
        let executable = productsDirectory.appendingPathComponent("ntmlife").path
        try self.init(argv: launcher + ["/usr/bin/env"] + (cwd.map { ["-C", $0] } ?? []) + environment + [executable] + arguments,
                      stdout: stdout, stderr: stderr)
    }

    /// Starts `argv` as it is, output to `stdout` and to `stderr` (nil: both to `stdout`).
    init(argv: [String], stdout: String, stderr: String?) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if let stderr {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        }
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var child: pid_t = 0
        let rc = posix_spawn(&child, argv[0], &actions, nil, &cArgs, environ)
        guard rc == 0 else { throw SpawnError(code: rc) }
        pid = child
    }

    /// Waits for the child; `code` is its exit status, or 128 + the signal that ended it.
    func wait() -> (code: Int32, signal: Int32?) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, nil) : (128 + signal, signal)
    }

    func send(_ signal: Int32) { kill(pid, signal) }
}

/// The build products directory: the test bundle's own directory on Linux.
var productsDirectory: URL {
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = executable.deletingLastPathComponent()
    // On Darwin the runner sits inside an .xctest bundle.
    while dir.pathExtension == "xctest" || dir.lastPathComponent == "MacOS" || dir.lastPathComponent == "Contents" {
        dir.deleteLastPathComponent()
    }
    return dir
}

/// Copies the shared test world into `dir` (see ``Fixtures/writeTinyWorld(in:extra:)``).
func writeTinyWorld(in dir: String, extra: String = "") -> String { Fixtures.writeTinyWorld(in: dir, extra: extra) }

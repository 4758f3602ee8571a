import CNTMProcess
import Foundation

/// Runs tasks as child processes of this machine, at most `slots` at once, in the order
/// given. A child killed by a signal it did not ask for (the OOM killer, a `kill -9`) is
/// started again, up to ``retries`` times, and resumes from its checkpoint; a child that
/// exits with an error fails the batch with its last words.
struct LocalExecutor: TaskExecutor {
    var slots: Int
    var retries = 3
    var name: String { "local" }

    func run(_ tasks: [ExecutorTask], progress: (Int, Int) -> Void) throws {
        var next = 0, done = 0
        var running: [(task: ExecutorTask, process: Process, errors: String, attempt: Int)] = []
        var failure: TaskFailure?
        // Each child's stderr goes to a file (a pipe nobody drains would block a chatty child).
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("ntmlife-tasks-\(getpid())").path
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: logs) }
        var launched = 0
        func launch(_ task: ExecutorTask, attempt: Int) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: SelfExecutable.path)
            p.arguments = task.arguments
            p.environment = ProcessInfo.processInfo.environment.merging([Self.dieWithParent: String(getpid())]) { $1 }
            p.standardOutput = FileHandle.nullDevice
            launched += 1
            let errors = logs + "/task-\(launched).log"
            _ = FileManager.default.createFile(atPath: errors, contents: nil)
            p.standardError = FileHandle(forWritingAtPath: errors) ?? FileHandle.nullDevice
            try p.run()
            running.append((task, p, errors, attempt))
        }
        while failure == nil && (next < tasks.count || !running.isEmpty) {
            while failure == nil && running.count < max(1, slots) && next < tasks.count {
                try launch(tasks[next], attempt: 1)
                next += 1
            }
            // Wait for whichever child ends first (children are few; polling keeps this simple).
            guard let i = running.firstIndex(where: { !$0.process.isRunning }) else {
                usleep(20_000)
                continue
            }
            let ended = running.remove(at: i)
            let words = (try? String(contentsOfFile: ended.errors, encoding: .utf8)) ?? ""
            switch (ended.process.terminationReason, ended.process.terminationStatus) {
            case (.exit, 0):
                done += 1
                progress(done, tasks.count)
            case (.uncaughtSignal, let signal) where ended.attempt <= retries:
                FileHandle.standardError.write(Data("task '\(ended.task.name)' was killed (signal \(signal)); starting it again (attempt \(ended.attempt + 1))\n".utf8))
                try launch(ended.task, attempt: ended.attempt + 1)
            case (let reason, let status):
                let last = words.split(separator: "\n").suffix(3).joined(separator: " / ")
                failure = TaskFailure(task: ended.task.name, why: reason == .exit ? "exit status \(status): \(last)" : "killed by signal \(status) \(ended.attempt) times")
            }
        }
        for r in running { r.process.terminate(); r.process.waitUntilExit() }
        if let failure { throw failure }
    }

    /// The environment variable that makes a task's process end with the one that started it.
    static let dieWithParent = "NTMLIFE_DIE_WITH_PARENT"

    /// In a task's process: if the executor asked (its pid in ``dieWithParent``), have the
    /// kernel SIGKILL this process when the executor dies, so a killed `islands` or `study`
    /// never leaves a task running on (and holding) a run directory that `--resume` will
    /// need. The run directory is SIGKILL-safe, so nothing is lost.
    static func dieWithParentIfAsked() {
        guard let text = ProcessInfo.processInfo.environment[dieWithParent], let parent = pid_t(text) else { return }
        _ = ntm_die_with_parent()
        if getppid() != parent { exit(137) }   // the executor died before prctl took effect
    }
}

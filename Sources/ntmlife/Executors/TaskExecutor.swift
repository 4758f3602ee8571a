import Foundation

/// One unit of distributed work: an `ntmlife` invocation (its arguments, without the
/// program), named for progress and errors. Every task NTMLife hands out is a resumable
/// command on a run directory (`evolve --resume …`, `study --resume … --only RUN`), so
/// running one again after it was killed continues it from its newest checkpoint and ends
/// in the same files: a lost task is retried, never repaired.
struct ExecutorTask: Codable, Equatable {
    var name: String
    var arguments: [String]
}

/// Runs a batch of tasks to completion, or fails naming the task that failed. The results
/// are the tasks' files, so they cannot depend on the executor, its workers or their timing.
protocol TaskExecutor {
    /// What `--executor` names it.
    var name: String { get }
    func run(_ tasks: [ExecutorTask], progress: (Int, Int) -> Void) throws
}

/// `--executor local|ray`, shared by `study` and `islands`.
enum ExecutorKind: String, CaseIterable, Codable {
    case local, ray

    func make(slots: Int, rayAddress: String?) -> any TaskExecutor {
        switch self {
        case .local: LocalExecutor(slots: slots)
        case .ray: RayExecutor(address: rayAddress)
        }
    }
}

/// The executable that is running now, for tasks that run it again: its resolved path, so a
/// worker started elsewhere (a Ray worker, another directory) finds the same binary.
enum SelfExecutable {
    static var path: String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// A task that did not finish.
struct TaskFailure: Error, CustomStringConvertible {
    var task: String
    var why: String
    var description: String { "task '\(task)' failed: \(why)" }
}

import Dispatch

/// Writes a generation's files on a thread of its own while the next generation is
/// evaluated: the serial part of a generation (encoding the checkpoint's JSON, the champion,
/// the stats CSV, and the renames) no longer waits in front of the parallel part.
///
/// One job at a time, in order: ``wait()`` returns when the job started last has finished,
/// and rethrows its error. The run starts generation g + 1's files only after g's are
/// written, so the files appear in exactly the order, and with exactly the bytes, of a run
/// that writes them inline; a kill at any moment leaves what such a run would have left at
/// some moment (every file is an atomic write), and resuming gives the same run.
final class RecordWriter: @unchecked Sendable {
    private let queue = DispatchQueue(label: "ntmlife.record-writer")
    private let group = DispatchGroup()
    /// Written by the job, read after `group.wait()`, which orders the two.
    private var failure: RunError?

    /// Starts `job`; the previous job must have been waited for.
    func start(_ job: @escaping @Sendable () throws(RunError) -> Void) {
        queue.async(group: group) {
            do throws(RunError) { try job() } catch { self.failure = error }
        }
    }

    /// Waits for the job started last; rethrows what it threw.
    func wait() throws(RunError) {
        group.wait()
        if let failure {
            self.failure = nil
            throw failure
        }
    }
}

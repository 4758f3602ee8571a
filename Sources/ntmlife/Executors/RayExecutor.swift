import Foundation
import NTMViewer

/// Runs tasks as Ray tasks, one CPU each, through the small Python driver built into this
/// program (`Sources/ntmlife/Executors/ntmlife_ray.py`, written to a temporary file and run
/// with `python3`; Ray itself comes from `pip install ray`). The driver is started once per
/// command and kept for every batch, so Ray is joined and its workers warmed once, not at
/// every barrier. It connects to `address` (else `RAY_ADDRESS`, else starts a local Ray),
/// retries a task whose worker or process was lost (it resumes from its run directory's
/// checkpoint), and names a task that failed. Workers run this same binary (its absolute
/// path) on the run directories, so on a cluster both must be on a shared file system.
final class RayExecutor: TaskExecutor {
    let address: String?
    let python = ProcessInfo.processInfo.environment["NTMLIFE_PYTHON"] ?? "python3"
    var name: String { "ray" }
    private var driver: (process: Process, input: FileHandle, output: LineReader, directory: String)?

    static let driverPath = "Sources/ntmlife/Executors/ntmlife_ray.py"

    init(address: String?) { self.address = address }

    deinit {
        guard let driver else { return }
        try? driver.input.close()          // end of input: the driver leaves Ray and exits
        driver.process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: driver.directory)
    }

    func run(_ tasks: [ExecutorTask], progress: (Int, Int) -> Void) throws {
        guard !tasks.isEmpty else { return }
        let d = try startedDriver()
        let batch = RayBatch(binary: SelfExecutable.path, tasks: tasks)
        var line = try JSONEncoder().encode(batch)
        line.append(0x0A)
        try d.input.write(contentsOf: line)
        while let reply = d.output.next() {
            if reply == "ok" { return }
            if reply.hasPrefix("failed ") { throw TaskFailure(task: "ray", why: String(reply.dropFirst(7))) }
            let words = reply.split(separator: " ")
            if words.count == 2, words[0] == "done", case let n = words[1].split(separator: "/"), n.count == 2,
               let a = Int(n[0]), let b = Int(n[1]) { progress(a, b) }
        }
        d.process.waitUntilExit()
        let hint = d.process.terminationStatus == 3 ? " (install Ray: pip install 'ray>=2.9')" : ""
        throw TaskFailure(task: "ray", why: "the Ray driver ended with status \(d.process.terminationStatus)\(hint); its messages are above")
    }

    private func startedDriver() throws -> (process: Process, input: FileHandle, output: LineReader, directory: String) {
        if let driver { return driver }
        guard let code = EmbeddedFiles.all[Self.driverPath] else {
            throw TaskFailure(task: "ray", why: "this build carries no Ray driver (\(Self.driverPath))")
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ntmlife-ray-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let script = dir + "/ntmlife_ray.py"
        try code.write(to: URL(fileURLWithPath: script))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python, script] + (address.map { ["--address", $0] } ?? [])
        let input = Pipe(), output = Pipe()
        (p.standardInput, p.standardOutput) = (input, output)
        do { try p.run() } catch {
            throw TaskFailure(task: "ray", why: "cannot start '\(python)': \(error.localizedDescription)")
        }
        let d = (p, input.fileHandleForWriting, LineReader(output.fileHandleForReading), dir)
        driver = d
        return d
    }
}

/// One line of the driver's input.
struct RayBatch: Codable {
    var binary: String
    var tasks: [ExecutorTask]
}

/// Lines from a pipe, as they come.
final class LineReader {
    let handle: FileHandle
    var pending = Data()
    init(_ handle: FileHandle) { self.handle = handle }

    /// The next line without its newline, or nil at the end of the stream.
    func next() -> String? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                pending.removeSubrange(pending.startIndex...newline)
                return line
            }
            let chunk = handle.availableData
            if chunk.isEmpty { return nil }
            pending.append(chunk)
        }
    }
}

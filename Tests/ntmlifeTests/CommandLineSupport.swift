import Foundation

/// The outcome of running the real `ntmlife` executable.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs the `ntmlife` built alongside the tests (same configuration) with `arguments`.
func ntmlife(_ arguments: String...) throws -> RunResult {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("ntmlife")
    process.arguments = arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a full pipe cannot block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return RunResult(status: process.terminationStatus,
                     stdout: String(decoding: stdout, as: UTF8.self),
                     stderr: String(decoding: stderr, as: UTF8.self))
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

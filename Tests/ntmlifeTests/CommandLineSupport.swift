import Foundation

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

/// Runs `ntmlife` with `arguments`, optionally in the directory `cwd`.
func ntmlife(_ arguments: [String], in cwd: String?) throws -> RunResult {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("ntmlife")
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
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

/// Starts `ntmlife` without waiting (for signal tests); output goes to /dev/null.
func startNtmlife(_ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = productsDirectory.appendingPathComponent("ntmlife")
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory(_ label: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ntmlife-\(label)-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// Copies the shared test world (`Tests/Fixtures/tiny.toml`) into `dir`, with `extra` appended.
func writeTinyWorld(in dir: String, extra: String = "") -> String {
    let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/tiny.toml").path
    let path = dir + "/tiny.toml"
    let text = try! String(contentsOfFile: fixture, encoding: .utf8) + extra
    try! text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

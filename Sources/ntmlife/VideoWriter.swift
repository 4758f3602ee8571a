import Foundation
import NTMViewer
import NTMWorld

/// Renders the arena after each tick, as `--frames` does, and pipes the frames to ffmpeg,
/// which encodes them as H.264 in an MP4 at 30 frames per second (one frame per tick). The
/// frames travel as raw RGBA, so nothing is written to disk but the video; ffmpeg writes it
/// to a temporary name that is renamed into place when it succeeds.
final class VideoWriter {
    let path: String
    let temporary: String
    let canvas: Canvas
    let renderer = WorldRenderer(selected: 0)
    let process = Process()
    let input = Pipe()
    let log: String
    private(set) var count = 0
    var broken = false

    static let size = 640

    /// ffmpeg on the PATH, or nil.
    static func ffmpeg() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/ffmpeg"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    init(path: String) throws {
        guard path.lowercased().hasSuffix(".mp4") else {
            throw UsageError(description: "--video '\(path)' should end in .mp4 (the only container written)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UsageError(description: "--video '\(path)' is a directory; give a file name ending in .mp4")
        }
        guard let ffmpeg = Self.ffmpeg() else {
            throw RuntimeFailure(description: "--video needs ffmpeg, which is not on the PATH (on Debian or Ubuntu: sudo apt-get install ffmpeg); --frames DIR writes PNGs without it")
        }
        self.path = path
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid()).mp4"
        log = temporary + ".log"
        do { canvas = try Canvas(width: Self.size, height: Self.size) } catch { throw RuntimeFailure(description: "\(error)") }
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pixel_format", "rgba",
                             "-video_size", "\(Self.size)x\(Self.size)", "-framerate", "30", "-i", "-",
                             "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", temporary]
        process.standardInput = input
        FileManager.default.createFile(atPath: log, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw RuntimeFailure(description: "cannot start ffmpeg for '\(path)': \(error.localizedDescription)")
        }
        // A reader that has gone away (ffmpeg failed) must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    func write(episode: Int, arena: Arena) {
        guard !broken else { return }
        renderer.draw(arena, on: canvas)
        canvas.flush()
        do {
            try input.fileHandleForWriting.write(contentsOf: canvas.rgbaBytes())
            count += 1
        } catch {
            broken = true
        }
    }

    /// Closes the stream, waits for ffmpeg, and moves the video into place.
    func finish() throws {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        let why = (try? String(contentsOfFile: log, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        unlink(log)
        guard process.terminationStatus == 0, !broken else {
            unlink(temporary)
            throw RuntimeFailure(description: "ffmpeg could not write '\(path)'" + (why.isEmpty ? "" : ": \(why)"))
        }
        guard rename(temporary, path) == 0 else {
            let e = String(cString: strerror(errno))
            unlink(temporary)
            throw RuntimeFailure(description: "cannot move the video into place at '\(path)': \(e)")
        }
    }
}

import Foundation
import NTMViewer
import NTMWorld

/// Pipes frames to ffmpeg, which encodes them as H.264 in an MP4 at 30 frames per second:
/// `replay --video` (one frame per tick, see ``ArenaVideo``) and the window's V. The frames
/// travel as raw RGBA, so nothing is written to disk but the video; ffmpeg writes it to a
/// temporary name that is renamed into place when it succeeds.
final class VideoWriter: FrameSink {
    let path: String
    let temporary: String
    let width: Int, height: Int
    let process = Process()
    let input = Pipe()
    let log: String
    private(set) var count = 0
    var broken = false

    /// ffmpeg on the PATH, or nil.
    static func ffmpeg() -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = String(dir) + "/ffmpeg"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    init(path: String, width: Int, height: Int) throws {
        guard path.lowercased().hasSuffix(".mp4") else {
            throw UsageError(description: "--video '\(path)' should end in .mp4 (the only container written)")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UsageError(description: "--video '\(path)' is a directory; give a file name ending in .mp4")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
              FileManager.default.isWritableFile(atPath: directory) else {
            throw UsageError(description: "--video '\(path)': the directory '\(directory)' does not exist or is not writable")
        }
        guard let ffmpeg = Self.ffmpeg() else {
            throw RuntimeFailure(description: "--video needs ffmpeg, which is not on the PATH (on Debian or Ubuntu: sudo apt-get install ffmpeg); --frames DIR writes PNGs without it")
        }
        self.path = path
        // H.264 in 4:2:0 needs even sides.
        (self.width, self.height) = (width & ~1, height & ~1)
        let url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".tmp-\(getpid()).mp4"
        log = temporary + ".log"
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments = ["-hide_banner", "-loglevel", "error", "-y", "-f", "rawvideo", "-pixel_format", "rgba",
                             "-video_size", "\(self.width)x\(self.height)", "-framerate", "30", "-i", "-",
                             "-c:v", "libx264", "-pix_fmt", "yuv420p", "-movflags", "+faststart", temporary]
        process.standardInput = input
        guard FileManager.default.createFile(atPath: log, contents: nil), let errors = FileHandle(forWritingAtPath: log) else {
            throw RuntimeFailure(description: "cannot create '\(log)' for ffmpeg's messages beside '\(path)'")
        }
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw RuntimeFailure(description: "cannot start ffmpeg for '\(path)': \(error.localizedDescription)")
        }
        // A reader that has gone away (ffmpeg failed) must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
    }

    func append(_ canvas: Canvas) {
        guard !broken else { return }
        canvas.flush()
        var bytes = canvas.rgbaBytes()
        if canvas.width != width || canvas.height != height { bytes = Self.crop(bytes, from: canvas.width, to: width, height) }
        do {
            try input.fileHandleForWriting.write(contentsOf: bytes)
            count += 1
        } catch {
            broken = true
        }
    }

    /// The top-left width × height of an RGBA picture `stride` pixels wide.
    static func crop(_ bytes: Data, from stride: Int, to width: Int, _ height: Int) -> Data {
        var out = Data(capacity: width * height * 4)
        for y in 0..<height { out.append(bytes[(y * stride * 4)..<(y * stride * 4 + width * 4)]) }
        return out
    }

    /// Closes the stream, waits for ffmpeg, and moves the video into place.
    @discardableResult
    func finish() throws -> Int {
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
        return count
    }
}

/// `replay --video`: the arena after every tick, drawn as `--frames` draws it, as a video.
final class ArenaVideo {
    static let size = 640
    let canvas: Canvas
    let renderer = WorldRenderer(selected: 0)
    let writer: VideoWriter

    init(path: String) throws {
        writer = try VideoWriter(path: path, width: Self.size, height: Self.size)
        do { canvas = try Canvas(width: Self.size, height: Self.size) } catch { throw RuntimeFailure(description: "\(error)") }
    }

    func write(episode: Int, arena: Arena) {
        renderer.draw(arena, on: canvas)
        writer.append(canvas)
    }
}

import Foundation
import NTMViewer
import NTMWorld

/// Renders the arena after each tick to `DIR/eE-tTTTTT.png` (the first error is kept and
/// reported at the end, so a full disk does not go unnoticed).
final class FrameWriter {
    let directory: String
    let canvas: Canvas
    let renderer = WorldRenderer(selected: 0)
    var count = 0
    var failure: Error?

    init(directory: String) throws {
        self.directory = directory
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw UsageError(description: "--frames '\(directory)' is a file; give a directory for the frames")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            canvas = try Canvas(width: 640, height: 640)
        } catch {
            throw RuntimeFailure(description: "cannot prepare frames in '\(directory)': \(error.localizedDescription)")
        }
    }

    func write(episode: Int, arena: Arena) {
        guard failure == nil else { return }
        renderer.draw(arena, on: canvas)
        let tick = String(arena.tick), padded = String(repeating: "0", count: max(0, 5 - tick.count)) + tick
        do {
            try canvas.savePNG("\(directory)/e\(episode)-t\(padded).png")
            count += 1
        } catch {
            failure = error
        }
    }

    func finish() throws {
        if let failure { throw RuntimeFailure(description: "writing frames to '\(directory)' failed: \(failure.localizedDescription)") }
    }
}

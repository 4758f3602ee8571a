/// Where the window's frames go while it records (V): a video encoder, supplied by the
/// command line (which knows about ffmpeg); the viewer only hands it each frame drawn.
public protocol FrameSink: AnyObject {
    /// The file being written.
    var path: String { get }
    /// Appends the canvas as one frame.
    func append(_ canvas: Canvas)
    /// Ends the file; returns the number of frames written.
    func finish() throws -> Int
}

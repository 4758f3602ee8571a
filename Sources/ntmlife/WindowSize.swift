import ArgumentParser

/// `--size WxH`: the window's size in pixels (it can also be resized while open; the panels
/// reflow either way).
struct WindowSize: ExpressibleByArgument, CustomStringConvertible {
    var width: Int, height: Int

    static let minimum = (width: 800, height: 500), maximum = 8192

    init(width: Int, height: Int) { (self.width, self.height) = (width, height) }

    init?(argument: String) {
        let parts = argument.lowercased().split(separator: "x")
        guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]),
              (Self.minimum.width...Self.maximum).contains(w), (Self.minimum.height...Self.maximum).contains(h) else { return nil }
        (width, height) = (w, h)
    }

    var description: String { "\(width)x\(height)" }
    static let standard = WindowSize(width: 1280, height: 800)
    static let help = ArgumentHelp("Window size in pixels, from 800x500 to 8192x8192 (default 1280x800; the window can also be resized).", valueName: "WxH")
}

/// A rectangle in pixels.
public struct PixelRect: Hashable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        (self.x, self.y, self.width, self.height) = (x, y, width, height)
    }
    public var centerX: Double { x + width / 2 }
    public var centerY: Double { y + height / 2 }
    public func contains(_ px: Double, _ py: Double) -> Bool {
        px >= x && px < x + width && py >= y && py < y + height
    }
}

/// World ↔ pixel mapping: world y grows up, pixel y grows down.
///
///     pixel = (originX + x·scale, originY − y·scale)
public struct WorldView: Sendable {
    public var scale: Double, originX: Double, originY: Double

    public func point(_ x: Float, _ y: Float) -> (x: Double, y: Double) {
        (originX + Double(x) * scale, originY - Double(y) * scale)
    }

    /// The world point under a pixel (the inverse of ``point(_:_:)``).
    public func world(_ px: Double, _ py: Double) -> (x: Double, y: Double) {
        ((px - originX) / scale, (originY - py) / scale)
    }
}

/// Where the user is looking: a zoom factor and a pan, on top of the view that fits the
/// whole arena in the viewport. Pure state; the window changes it on wheel and drag.
///
/// With fit scale s₀, arena centre c and viewport centre v, the view has scale s = s₀·zoom
/// and maps c to v + pan. Zooming about a pixel keeps the world point under it fixed.
public struct Camera: Sendable {
    public var zoom: Double = 1
    public var panX: Double = 0, panY: Double = 0
    public static let zoomRange = 0.25...64.0

    public init() {}

    /// The view of an arena of `width × height` world units in `viewport`.
    public func view(arenaWidth width: Float, height: Float, in viewport: PixelRect, margin: Double = 10) -> WorldView {
        let w = Double(width), h = Double(height)
        let fit = max(min((viewport.width - 2 * margin) / w, (viewport.height - 2 * margin) / h), 1e-6)
        let s = fit * zoom
        return WorldView(scale: s, originX: viewport.centerX + panX - w / 2 * s, originY: viewport.centerY + panY + h / 2 * s)
    }

    /// Multiplies the zoom by `factor`, keeping the world point under pixel (px, py) there.
    public mutating func zoom(by factor: Double, at px: Double, _ py: Double,
                              arenaWidth width: Float, height: Float, in viewport: PixelRect) {
        let before = view(arenaWidth: width, height: height, in: viewport)
        let (wx, wy) = before.world(px, py)
        zoom = min(max(zoom * factor, Self.zoomRange.lowerBound), Self.zoomRange.upperBound)
        let s = view(arenaWidth: width, height: height, in: viewport).scale
        let (cx, cy) = (Double(width) / 2, Double(height) / 2)
        panX = px - viewport.centerX - (wx - cx) * s
        panY = py - viewport.centerY + (wy - cy) * s
    }

    /// Moves the picture by a drag of (dx, dy) pixels.
    public mutating func pan(by dx: Double, _ dy: Double) {
        panX += dx
        panY += dy
    }

    /// Back to the whole arena.
    public mutating func reset() { self = Camera() }
}

import CSDL2

/// Filled rectangles and discs, collected and then drawn colour by colour in one call each
/// (a disc is a stack of one-pixel-high spans). Thousands of food items or heat-map cells
/// cost a few calls to the renderer instead of one per shape; discs wholly outside the clip
/// rectangle are dropped up front.
struct RectBatch {
    let view: WorldView
    let clip: PixelRect
    var spans: [RGBA: [SDL_FRect]] = [:]
    var order: [RGBA] = []

    init(view: WorldView = WorldView(scale: 1, originX: 0, originY: 0), clip: PixelRect) {
        self.view = view
        self.clip = clip
    }

    /// A rectangle in pixels.
    mutating func add(x: Double, y: Double, width: Double, height: Double, _ color: RGBA) {
        if spans[color] == nil { order.append(color); spans[color] = [] }
        spans[color]!.append(SDL_FRect(x: Float(x), y: Float(y), w: Float(width), h: Float(height)))
    }

    /// A disc of world radius r at world (x, y) (at least one pixel across).
    mutating func add(_ x: Float, _ y: Float, _ r: Float, _ color: RGBA) {
        let centre = view.point(x, y), radius = max(Double(r) * view.scale, 1)
        guard centre.x + radius >= clip.x, centre.x - radius <= clip.x + clip.width,
              centre.y + radius >= clip.y, centre.y - radius <= clip.y + clip.height else { return }
        if spans[color] == nil { order.append(color); spans[color] = [] }
        var dy = -radius.rounded(.down)
        while dy <= radius {
            let half = (radius * radius - dy * dy).squareRoot()
            spans[color]!.append(SDL_FRect(x: Float(centre.x - half), y: Float(centre.y + dy), w: Float(2 * half + 1), h: 1))
            dy += 1
        }
    }

    /// Draws everything collected, in the order colours first appeared, and empties the batch.
    mutating func draw(on canvas: Canvas) {
        for c in order { canvas.fill(rects: spans[c]!, c) }
        spans.removeAll(keepingCapacity: true)
        order.removeAll(keepingCapacity: true)
    }
}

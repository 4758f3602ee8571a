/// What an agent's sensor vector holds, channel by channel: the one layout that sensing,
/// the reference sensing, the renderer, the inspector and traces all read (after biosim4's
/// single named enum of sensors).
///
///     [ ray 0: proximity, r, g, b | ray 1: … | … | ray R−1: … | body channels… ]
///
/// Every ray reports the same four channels (``RayChannel``); the body channels
/// (``BodyChannel``) follow, in the order the world's `[body] senses` lists them (by default
/// taste, energy, speed, pain). Each channel has a name (`ray3.proximity`, `taste`), used as
/// a trace's column header.
public struct SensorLayout: Hashable, Sendable {
    /// What each ray reports of the nearest thing it hits.
    public enum RayChannel: Int, CaseIterable, Sendable {
        /// 1 − distance/range, 0 when nothing is within range.
        case proximity
        /// The colour of what the ray hit.
        case red, green, blue

        public var name: String { ["proximity", "r", "g", "b"][rawValue] }
    }

    /// What the body senses of itself. Each value is computed in one place,
    /// `Arena.bodySense(_:of:)`.
    public enum BodyChannel: String, CaseIterable, Sendable {
        /// The value of the last bite: +1 nourishing, −1 poisonous, fading by 0.8 a tick.
        case taste
        /// Energy / max energy.
        case energy
        /// Speed / max speed (0 while the body is held).
        case speed
        /// Damage this tick, at most 1.
        case pain
        /// 1 while a trial holds the body still (the cue, the delay, after a decision).
        case held
    }

    public var rays: Int
    public var body: [BodyChannel]

    /// The body channels every world had before `senses` could be chosen.
    public static let defaultBody: [BodyChannel] = [.taste, .energy, .speed, .pain]
    public static let perRay = RayChannel.allCases.count

    public init(rays: Int, body: [BodyChannel] = defaultBody) {
        self.rays = rays
        self.body = body
    }

    public var count: Int { rays * Self.perRay + body.count }
    /// Index of the first body channel.
    public var bodyStart: Int { rays * Self.perRay }

    public func index(ray k: Int, _ c: RayChannel) -> Int { k * Self.perRay + c.rawValue }
    /// The index of a body channel, or nil if this body does not sense it.
    public func index(_ c: BodyChannel) -> Int? { body.firstIndex(of: c).map { bodyStart + $0 } }

    /// Every channel's name, in order: `ray0.proximity`, `ray0.r`, …, then the body's.
    public var names: [String] {
        (0..<rays).flatMap { k in RayChannel.allCases.map { "ray\(k).\($0.name)" } } + body.map(\.rawValue)
    }
}

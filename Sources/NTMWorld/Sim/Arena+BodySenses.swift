/// The state behind the body's senses: one column per quantity an agent senses of itself
/// that the arena would not otherwise keep, and how each event of a tick changes it.
///
/// This file and ``SensorLayout`` are the whole of a body channel: its name there, its
/// state and updates here, its value in ``Arena/bodySense(_:of:)``. Snapshots (the
/// ecosystem's checkpoints) carry every column of ``columns`` by name, so a new column is
/// checkpointed without further code.
struct BodySenses {
    /// The value of the last bite (+1 nourishing, −1 poisonous), fading each tick.
    let taste: Column<Float>
    /// Damage taken this tick, at most 1.
    let pain: Column<Float>

    /// How fast taste fades: each tick it keeps this fraction of itself.
    static let tasteRetention: Float = 0.8

    init(count: Int, storage: ColumnStorage) {
        taste = storage.make(repeating: 0, count: count)
        pain = storage.make(repeating: 0, count: count)
    }

    /// Every column, named, in a fixed order (snapshots store them so).
    var columns: [(name: String, column: Column<Float>)] { [("taste", taste), ("pain", pain)] }

    /// A new life in slot i: nothing tasted, nothing hurts.
    func born(_ i: Int) { for c in columns { c.column[i] = 0 } }
    /// Agent i's tick begins (before it eats or gets hurt).
    func tickBegins(_ i: Int) { taste[i] *= Self.tasteRetention }
    /// Agent i ate food of this sign.
    func ate(_ i: Int, sign: Float) { taste[i] = sign }
    /// Agent i took `damage` this tick (0 when it took none).
    func hurt(_ i: Int, _ damage: Float) { pain[i] = min(1, damage) }
}

extension Arena {
    /// The value of one body channel for agent i: the single definition that sensing and
    /// the reference sensing both use (see ``SensorLayout/BodyChannel``).
    @inline(__always)
    func bodySense(_ c: SensorLayout.BodyChannel, of i: Int) -> Float {
        switch c {
        case .taste: return senses.taste[i]
        case .energy: return agentEnergy[i] / spec.metabolism.maxEnergy
        case .speed: return spec.body.maxSpeed > 0 ? agentSpeed[i] / spec.body.maxSpeed : 0
        case .pain: return senses.pain[i]
        case .held: return isHeld(i) ? 1 : 0
        }
    }

    /// Writes agent i's body channels to `out[(bodyStart + k) · stride]`.
    @inline(__always)
    func senseBody(_ i: Int, into out: UnsafeMutablePointer<Float>, stride: Int) {
        let layout = sensorLayout
        for (k, c) in layout.body.enumerated() { out[(layout.bodyStart + k) * stride] = bodySense(c, of: i) }
    }
}

/// The last few hundred ticks of one agent, as the inspector's strip chart shows them: its
/// write gate, the size of what it read (Σ|r|), and its two motor commands, one sample per
/// tick seen (at speeds above ×1, per frame drawn). Following another agent, or a new arena,
/// starts it afresh.
public struct AgentHistory {
    public static let length = 300

    public private(set) var gate: [Float] = [], readNorm: [Float] = [], turn: [Float] = [], thrust: [Float] = []
    private var key: (slot: Int, arena: ObjectIdentifier, tick: Int)?

    public init() {}

    /// Records `s` if it is a new tick of the agent followed; restarts for another agent or arena.
    public mutating func record(_ s: AgentInspection, arena: AnyObject, tick: Int) {
        let id = ObjectIdentifier(arena)
        if let k = key, k.slot == s.slot, k.arena == id {
            if tick == k.tick { return }
            if tick < k.tick { self = AgentHistory() }
        } else {
            self = AgentHistory()
        }
        key = (s.slot, id, tick)
        gate.append(s.gate)
        readNorm.append(s.read.reduce(0) { $0 + abs($1) })
        turn.append(s.motors.first ?? 0)
        thrust.append(s.motors.count > 1 ? s.motors[1] : 0)
        if gate.count > Self.length {
            for k in [\AgentHistory.gate, \.readNorm, \.turn, \.thrust] { self[keyPath: k].removeFirst(gate.count - Self.length) }
        }
    }
}

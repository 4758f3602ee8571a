import NTMBrain
import NTMWorld

/// Everything the inspector shows about one agent, computed from the arena without
/// touching it: the decision the agent is *about to make* from what it senses now.
///
/// The controller input is the one the next tick will feed it, u = [sensors, 1, r, h]
/// (ALGORITHMS.md §5), and every number below follows from u by the controller's own
/// arithmetic: the outputs, the switch pattern, the equivalent linear map of each motor,
/// the two keys' hash bits, the value and the gate it will write. The tape W and the read
/// vector r are the agent's current state. Pure: no SDL, so tests can check it.
public struct AgentInspection: Sendable {
    public let slot: Int
    public let architecture: BrainArchitecture
    public let sensors: [Float]
    /// The controller input u.
    public let input: [Float]
    /// Raw controller outputs, all k of them.
    public let outputs: [Float]
    /// Motor commands (turn, thrust), clamped to [−1, 1].
    public let motors: [Float]
    /// Layer l, element i at l·n + i: `true` when the negative-side slope is chosen.
    public let switches: [Bool]
    /// The equivalent linear map's rows for the motor outputs.
    public let map: EquivalentLinearMap
    /// Hash bits (±1) of the read key and the write key.
    public let readBits: [Float], writeBits: [Float]
    /// The value the agent will write and the gate it will write it with (0 when the tape
    /// is off or frozen).
    public let value: [Float]
    public let gate: Float
    /// The vector read on the last tick (part of u) and the tape W[D][m], row-major.
    public let read: [Float]
    public let memory: [Float]
    public let energy: Float, age: Int, score: Double, alive: Bool

    /// Inspects agent `slot` of `arena`, whose brain has slope vector `parameters`.
    public init(arena: Arena, slot: Int, parameters: [Float]) {
        let a = arena.spec.architecture
        self.slot = slot
        architecture = a
        sensors = arena.currentSensors(of: slot)
        read = arena.brains.lastRead(agent: slot)
        let ablation = arena.brains.ablation
        let h = ablation.recurrence ? arena.brains.recurrentState(agent: slot) : [Float](repeating: 0, count: a.recurrentWidth)
        input = sensors + [1] + read + h
        let controller = FilterBankController(shape: a.controllerShape, parameters: parameters)
        map = controller.equivalentMap(at: input, rows: Array(a.motorSlots))
        outputs = map.outputs
        switches = map.switches
        motors = outputs[a.motorSlots].map { min(max($0, -1), 1) }
        let tape = AssociativeMemory(shape: a.memoryShape)
        readBits = tape.hash(Array(outputs[a.readKeySlots]))
        writeBits = tape.hash(Array(outputs[a.writeKeySlots]))
        value = outputs[a.valueSlots].map { min(max($0, -1), 1) }
        gate = ablation.memory == .full ? min(max(0.5 + 0.5 * outputs[a.gateSlot], 0), 1) : 0
        memory = arena.brains.memoryWeights(agent: slot)
        energy = arena.energy(of: slot)
        age = arena.age(of: slot)
        score = arena.score(of: slot)
        alive = arena.isAlive(slot)
    }

    /// Fraction of switches on the negative side, per layer.
    public var negativeFraction: [Double] {
        let n = architecture.controllerWidth
        return (0..<architecture.controllerLayers).map { l in
            Double(switches[(l * n)..<((l + 1) * n)].filter { $0 }.count) / Double(n)
        }
    }
}

import NTMBrain
import NTMWorld

/// Everything the inspector shows about one agent, computed from the arena without
/// touching it: the decision the agent is *about to make* from what it senses now.
///
/// The controller input is the one the next tick will feed it, u = [sensors, 1, r, h]
/// (built by ``Brain/input(_:sensors:read:recurrent:ablation:)``), and every number below
/// follows from u by the brain's own code: the controller's outputs and switch pattern, the
/// equivalent linear map of each motor, the clamped commands (``StepCommands``), the two
/// keys' hash bits. The tape W and the read vector r are the agent's current state. Nothing
/// here re-derives simulation logic; no SDL, so tests can check it.
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
    /// The gate the write will apply: `gate`, damped by the novelty filter on a
    /// novelty-gated tape (γ·τ/(τ + n)).
    public let appliedGate: Float
    /// The write key's visits n on a novelty-gated tape (0 otherwise).
    public let visits: Float
    /// The blocks the read and write keys select on a block tape (0 otherwise).
    public let readBlock: Int, writeBlock: Int
    /// The vector read on the last tick (part of u) and the tape W, every block, each D × m
    /// row-major.
    public let read: [Float]
    public let memory: [Float]
    public let energy: Float, age: Int, score: Double, alive: Bool
    /// What each sensor channel is (``SensorLayout``).
    public let sensorLayout: SensorLayout
    /// A name for every entry of u: the sensors' (`ray3.g`, `taste`), `bias`, `read[j]`, `rec[j]`.
    public let inputNames: [String]

    /// Inspects agent `slot` of `arena`, whose brain has slope vector `parameters`.
    public init(arena: Arena, slot: Int, parameters: [Float]) {
        let a = arena.spec.architecture
        self.slot = slot
        architecture = a
        sensors = arena.currentSensors(of: slot)
        read = arena.brains.lastRead(agent: slot)
        let ablation = arena.brains.ablation
        input = Brain.input(a, sensors: sensors, read: read, recurrent: arena.brains.recurrentState(agent: slot), ablation: ablation)
        let controller = FilterBankController(shape: a.controllerShape, parameters: parameters)
        map = controller.equivalentMap(at: input, rows: Array(a.motorSlots))
        outputs = map.outputs
        switches = map.switches
        let commands = StepCommands(a, outputs: outputs, memory: ablation.memory)
        motors = commands.motors
        var tape = AssociativeMemory(shape: a.memoryShape)
        tape.setState(arena.brains.tapeState(agent: slot))
        readBits = tape.hash(commands.readKey)
        writeBits = tape.hash(commands.writeKey)
        value = commands.value
        gate = commands.gate
        appliedGate = tape.effectiveGate(commands.gate, bits: writeBits)
        visits = tape.visits(of: writeBits)
        (readBlock, writeBlock) = (tape.block(of: readBits), tape.block(of: writeBits))
        memory = tape.weights
        energy = arena.energy(of: slot)
        age = arena.age(of: slot)
        score = arena.score(of: slot)
        alive = arena.isAlive(slot)
        sensorLayout = arena.spec.body.sensorLayout
        inputNames = sensorLayout.names + ["bias"] + (0..<a.valueWidth).map { "read[\($0)]" }
            + (0..<a.recurrentWidth).map { "rec[\($0)]" }
    }

    /// What drives motor `k` most right now: the largest terms w_i·u_i of its output
    /// o_k = Σ_i w_i·u_i (the equivalent linear map at this input), by size, with the input's
    /// name. Their sum over all i is the motor's raw output, so these are its reasons.
    public func topContributions(motor k: Int, count: Int = 3) -> [(name: String, value: Double)] {
        guard k < map.weights.count else { return [] }
        let terms = zip(map.weights[k], input).enumerated().map { (i, p) in (i, Double(p.0) * Double(p.1)) }
        return terms.filter { $0.1 != 0 }.sorted { abs($0.1) > abs($1.1) || (abs($0.1) == abs($1.1) && $0.0 < $1.0) }
            .prefix(count).map { (inputNames.indices.contains($0.0) ? inputNames[$0.0] : "u[\($0.0)]", $0.1) }
    }

    /// The fixed scale of the tape's heat map: |W| = c/D, the weight at which one row
    /// contributes its full share of a read at the clamp c (a read sums D rows, each ±W).
    /// One write with gate g and error e puts g·e/D in every row, so a cell's colour says
    /// how many such writes it holds, and it does not rescale from frame to frame.
    public var memoryScale: Float { architecture.readClamp / Float(architecture.hashBits) }

    /// What this agent's kind of tape adds, in one line: the gate it writes with (and, on
    /// a novelty-gated tape, what the filter leaves of it), the blocks its keys select, or
    /// how fast its tape fades.
    public var tapeSummary: String {
        let g = String(format: "gate %.2f", gate)
        switch architecture.memoryKind {
        case .hashed: return g
        case .blocks:
            return g + "   blocks: read \(readBlock), write \(writeBlock) of \(architecture.memoryKind.blockCount)"
        case .decaying(let rate):
            return g + String(format: "   fades %.3g %%/tick (half-life %.0f)", Double(rate) * 100, 0.6931 / Double(rate))
        case .noveltyGated(_, let tau):
            return g + String(format: " → %.2f after %.1f visits (τ = %.3g)", appliedGate, visits, tau)
        }
    }

    /// The block the heat map of W shows: the read key's.
    public var shownMemory: ArraySlice<Float> {
        let size = architecture.memoryShape.blockSize
        return memory[(readBlock * size)..<((readBlock + 1) * size)]
    }

    /// Fraction of switches on the negative side, per layer.
    public var negativeFraction: [Double] {
        let n = architecture.controllerWidth
        return (0..<architecture.controllerLayers).map { l in
            Double(switches[(l * n)..<((l + 1) * n)].filter { $0 }.count) / Double(n)
        }
    }
}

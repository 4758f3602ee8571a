/// One agent's Neural Turing Machine: a ``FilterBankController`` that reads and writes an
/// ``AssociativeMemory`` (NTMBrain.docc/Algorithms.md §5). This is the single-agent path: readable,
/// used for replay and inspection, and the reference that ``BrainBatch`` must match bit
/// for bit.
///
/// One step:
///
///     u = [sensors, 1.0, r_prev, h_prev]
///     o = controller(u)
///     motor = clamp(o[motor], −1, 1);  kr = o[read key];  kw = o[write key]
///     v = clamp(o[value], −1, 1);      γ = clamp(0.5 + 0.5·o[gate], 0, 1)
///     memory.age()                     decaying tapes only: W ← W·(1 − λ)
///     memory.write(kw, v, γ)           write first, then read (γ damped if novelty-gated)
///     r = memory.read(kr)              r is the next step's input
///     h = clamp(o[recurrent], −1, 1)
///
/// The memory is lifetime memory: zero at birth, never inherited.
public struct Brain: Sendable {
    public let architecture: BrainArchitecture
    public let controller: FilterBankController
    public private(set) var memory: AssociativeMemory
    public var ablation: Ablation
    /// r_prev: the last vector read from the tape.
    public private(set) var lastRead: [Float]
    /// h_prev: the recurrent state.
    public private(set) var recurrentState: [Float]
    /// How many non-finite values the controller has contained so far.
    public private(set) var nonFiniteCount = 0
    /// What the last step did with the tape.
    public private(set) var lastActivity: TapeActivity?

    /// - Precondition: the architecture is valid and `parameters` has its parameter count.
    public init(architecture: BrainArchitecture, parameters: [Float], ablation: Ablation = .none) {
        architecture.requireValid()
        self.architecture = architecture
        self.controller = FilterBankController(shape: architecture.controllerShape, parameters: parameters)
        self.memory = AssociativeMemory(shape: architecture.memoryShape)
        self.ablation = ablation
        self.lastRead = [Float](repeating: 0, count: architecture.valueWidth)
        self.recurrentState = [Float](repeating: 0, count: architecture.recurrentWidth)
    }

    /// Birth: zero tape, zero read, zero recurrent state.
    public mutating func reset() {
        memory.reset()
        for i in lastRead.indices { lastRead[i] = 0 }
        for i in recurrentState.indices { recurrentState[i] = 0 }
        lastActivity = nil
    }

    /// A live lesion: zero the tape now, keep everything else.
    public mutating func wipeMemory() { memory.reset() }

    /// The controller input u for these sensors: `[sensors, 1, r_prev, h_prev]`, with the
    /// recurrent part zeroed when recurrence is ablated.
    public func input(sensors: [Float]) -> [Float] {
        Self.input(architecture, sensors: sensors, read: lastRead, recurrent: recurrentState, ablation: ablation)
    }

    /// u = `[sensors, 1, read, recurrent]` for any agent's state (the inspector builds the
    /// input of an agent in a ``BrainBatch`` with it), the recurrent part zeroed when
    /// recurrence is ablated.
    public static func input(_ a: BrainArchitecture, sensors: [Float], read: [Float], recurrent: [Float],
                             ablation: Ablation) -> [Float] {
        precondition(sensors.count == a.sensorCount, "expected \(a.sensorCount) sensors, got \(sensors.count)")
        var u = sensors
        u.reserveCapacity(a.inputCount)
        u.append(1)
        u += read
        u += ablation.recurrence ? recurrent : [Float](repeating: 0, count: a.recurrentWidth)
        return u
    }

    /// One full step; returns the motor commands, each in [−1, 1].
    public mutating func step(sensors: [Float]) -> [Float] {
        let (o, nonFinite) = controller.evaluate(input(sensors: sensors))
        nonFiniteCount += nonFinite
        return apply(controllerOutput: o)
    }

    /// The tape half of a step, given the controller's outputs: clamp, write, read, and
    /// store r and h for the next step. Returns the motor commands.
    public mutating func apply(controllerOutput o: [Float]) -> [Float] {
        let c = StepCommands(architecture, outputs: o, memory: ablation.memory)
        var applied = c.gate
        switch ablation.memory {
        case .full:
            memory.age()
            applied = memory.write(c.writeKey, value: c.value, gate: c.gate)
            lastRead = memory.read(c.readKey)
        case .frozen:
            lastRead = memory.read(c.readKey)
        case .off:
            for j in lastRead.indices { lastRead[j] = 0 }
        }
        recurrentState = c.recurrent
        lastActivity = TapeActivity(readKey: c.readKey, writeKey: c.writeKey, value: c.value, gate: applied, read: lastRead)
        return c.motors
    }
}

/// What the controller's outputs command, slot by slot, after the step's clamps
/// (see ``Brain``): the single definition of them, which ``Brain`` applies and the inspector
/// shows. ``BrainBatch`` computes the same values lane-wise (tests hold the two together).
public struct StepCommands: Hashable, Sendable {
    /// Each motor command, clamped to [−1, 1].
    public var motors: [Float]
    public var readKey: [Float], writeKey: [Float]
    /// The value offered for writing, clamped to [−1, 1].
    public var value: [Float]
    /// γ = clamp(0.5 + 0.5·o[gate], 0, 1), or 0 when the tape does not take writes.
    public var gate: Float
    /// The next recurrent state, clamped to [−1, 1].
    public var recurrent: [Float]

    public init(_ a: BrainArchitecture, outputs o: [Float], memory: Ablation.Memory) {
        precondition(o.count == a.outputCount, "expected \(a.outputCount) controller outputs, got \(o.count)")
        motors = o[a.motorSlots].map { clamp($0, -1, 1) }
        readKey = Array(o[a.readKeySlots])
        writeKey = Array(o[a.writeKeySlots])
        value = o[a.valueSlots].map { clamp($0, -1, 1) }
        gate = memory == .full ? clamp(0.5 + 0.5 * o[a.gateSlot], 0, 1) : 0
        recurrent = o[a.recurrentSlots].map { clamp($0, -1, 1) }
    }
}

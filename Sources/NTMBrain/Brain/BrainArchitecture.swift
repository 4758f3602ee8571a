/// Everything that fixes the *shape* of a brain: how many sensors and motors it has, the
/// controller's width, depth and gain, the tape's key width, hash density and value width.
///
/// The architecture is the header of every genome file; two genomes can only be compared,
/// crossed or replayed on the same architecture. It also fixes the controller's output
/// layout, slot by slot:
///
///     [ motors | read key (nk) | write key (nk) | value (m) | gate (1) | recurrent (h) ]
///
/// and its input layout:
///
///     [ sensors | 1.0 (bias) | last read (m) | recurrent state (h) ]
public struct BrainArchitecture: Hashable, Sendable {
    public var sensorCount: Int
    public var motorCount: Int
    /// Controller width n: a power of two, the length of every WHT in the controller.
    public var controllerWidth: Int
    /// Controller depth L: the number of switch-slope layers.
    public var controllerLayers: Int
    /// Per-layer gain g (≈ √3 restores unit gain for slopes uniform in [−1, 1]).
    public var gain: Float
    /// Memory key width nk: a power of two.
    public var keyWidth: Int
    /// Hash density d: rounds of flip + WHT per key, so the hash has D = d·nk bits.
    public var density: Int
    /// Memory value width m.
    public var valueWidth: Int
    /// Reads are clamped to [−c, c], bounding the response to never-seen keys.
    public var readClamp: Float
    /// Width h of the optional recurrent state fed back from the outputs (0: none; as in
    /// Greve et al. 2016, the tape is then the agent's only state).
    public var recurrentWidth: Int
    /// Seed of the fixed (not evolved) random sign flips of the controller input and of
    /// each memory hash round.
    public var signSeed: UInt64
    /// Which tape: hashed (the default), blocks, decaying or novelty-gated (``MemoryKind``).
    public var memoryKind: MemoryKind
    /// M slope banks per controller layer: 1 for the plain controller, more for the
    /// LSH-switched one (``ControllerShape/banks``).
    public var switchBanks: Int

    public init(
        sensorCount: Int, motorCount: Int,
        controllerWidth: Int = 128, controllerLayers: Int = 4, gain: Float = 1.7,
        keyWidth: Int = 32, density: Int = 4, valueWidth: Int = 8, readClamp: Float = 2,
        recurrentWidth: Int = 0, signSeed: UInt64 = BrainArchitecture.defaultSignSeed,
        memoryKind: MemoryKind = .hashed, switchBanks: Int = 1
    ) {
        self.sensorCount = sensorCount
        self.motorCount = motorCount
        self.controllerWidth = controllerWidth
        self.controllerLayers = controllerLayers
        self.gain = gain
        self.keyWidth = keyWidth
        self.density = density
        self.valueWidth = valueWidth
        self.readClamp = readClamp
        self.recurrentWidth = recurrentWidth
        self.signSeed = signSeed
        self.memoryKind = memoryKind
        self.switchBanks = switchBanks
    }

    /// "NTMLife\0" in ASCII: the sign seed every shipped world uses.
    public static let defaultSignSeed: UInt64 = 0x4E54_4D4C_6966_6500

    /// Length of the controller's input vector u: sensors, bias, last read, recurrent state.
    public var inputCount: Int { sensorCount + 1 + valueWidth + recurrentWidth }
    /// Number of controller outputs the step uses.
    public var outputCount: Int { motorCount + 2 * keyWidth + valueWidth + 1 + recurrentWidth }
    /// Number of evolved parameters: 2·n·L switch slopes per bank, M banks.
    public var parameterCount: Int { 2 * controllerWidth * controllerLayers * switchBanks }
    /// D = d·nk hash bits.
    public var hashBits: Int { density * keyWidth }
    /// Floats of one agent's tape state: every block of W, then any novelty counters.
    public var tapeStateCount: Int { memoryShape.stateCount }

    public var motorSlots: Range<Int> { 0..<motorCount }
    public var readKeySlots: Range<Int> { motorCount..<(motorCount + keyWidth) }
    public var writeKeySlots: Range<Int> { readKeySlots.upperBound..<(readKeySlots.upperBound + keyWidth) }
    public var valueSlots: Range<Int> { writeKeySlots.upperBound..<(writeKeySlots.upperBound + valueWidth) }
    public var gateSlot: Int { valueSlots.upperBound }
    public var recurrentSlots: Range<Int> { (gateSlot + 1)..<(gateSlot + 1 + recurrentWidth) }

    /// A name for every controller output slot, in order: the motors' (as the body names
    /// them), `read_key0…`, `write_key0…`, `value0…`, `gate`, `recurrent0…`.
    public func outputNames(motors: [String]) -> [String] {
        precondition(motors.count == motorCount, "expected \(motorCount) motor names")
        func numbered(_ prefix: String, _ n: Int) -> [String] { (0..<n).map { "\(prefix)\($0)" } }
        return motors + numbered("read_key", keyWidth) + numbered("write_key", keyWidth) + numbered("value", valueWidth)
            + ["gate"] + numbered("recurrent", recurrentWidth)
    }

    public var biasSlot: Int { sensorCount }
    public var readInputSlots: Range<Int> { (sensorCount + 1)..<(sensorCount + 1 + valueWidth) }
    public var recurrentInputSlots: Range<Int> { readInputSlots.upperBound..<(readInputSlots.upperBound + recurrentWidth) }

    public var controllerShape: ControllerShape {
        ControllerShape(width: controllerWidth, layers: controllerLayers, gain: gain,
                        inputCount: inputCount, outputCount: outputCount, signSeed: signSeed, banks: switchBanks)
    }

    public var memoryShape: MemoryShape {
        MemoryShape(keyWidth: keyWidth, density: density, valueWidth: valueWidth,
                    readClamp: readClamp, signSeed: signSeed, kind: memoryKind)
    }

    /// The largest sensor, motor or recurrent count a header may give: the widest controller
    /// (65 536) could not take more.
    public static let maximumCount = 65_536

    /// Checks every constraint; the error names the field and what would be accepted.
    public func validate() throws(BrainShapeError) {
        // Each count is bounded before any is added to another (inputCount, outputCount), so
        // no header, however crafted, can overflow the arithmetic that checks it.
        let counts = 0...Self.maximumCount
        if !counts.contains(sensorCount) { throw .outOfRange(field: "sensor_count", value: "\(sensorCount)", accepted: "0 to \(Self.maximumCount)") }
        if !(1...Self.maximumCount).contains(motorCount) { throw .outOfRange(field: "motor_count", value: "\(motorCount)", accepted: "1 to \(Self.maximumCount)") }
        if !counts.contains(recurrentWidth) { throw .outOfRange(field: "recurrent_width", value: "\(recurrentWidth)", accepted: "0 to \(Self.maximumCount)") }
        try memoryShape.validate()
        try controllerShape.validate()
    }

    /// Stops the program with ``validate()``'s message if the shape cannot be built: a
    /// brain of an unchecked shape would read past its controller's outputs (a key wider
    /// than the controller leaves room for) and compute numbers that mean nothing. World
    /// files and genome headers are validated, with an error naming the key, before any
    /// brain is made, so only a programming error reaches this.
    @usableFromInline
    func requireValid() {
        do { try validate() } catch { preconditionFailure("invalid brain architecture: \(error)") }
    }
}

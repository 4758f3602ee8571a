/// Switches that remove one part of the machine, to measure what it was worth
/// (NTMBrain.docc/Algorithms.md §5). They change what one step does, never which code runs a brain.
public struct Ablation: Hashable, Sendable {
    /// How the tape behaves.
    public enum Memory: String, CaseIterable, Sendable, Codable {
        /// Write, then read: the full machine.
        case full
        /// No tape at all: reads are exactly 0, and W stays zero.
        case off
        /// Read-only: the write gate is forced to 0, so W never changes.
        case frozen
    }

    public var memory: Memory
    /// When `false`, the recurrent inputs are fed zeros (the outputs still exist).
    public var recurrence: Bool

    public init(memory: Memory = .full, recurrence: Bool = true) {
        self.memory = memory
        self.recurrence = recurrence
    }

    public static let none = Ablation()
}

/// What one NTM step did with the tape: for the inspector, traces and statistics.
public struct TapeActivity: Hashable, Sendable {
    public var readKey: [Float]
    public var writeKey: [Float]
    /// The value offered for writing, clamped to [−1, 1].
    public var value: [Float]
    /// The write gate actually applied: the controller's γ, damped by the novelty filter on
    /// a novelty-gated tape (0 when memory is off or frozen).
    public var gate: Float
    /// The vector read back (the next step's input).
    public var read: [Float]
}

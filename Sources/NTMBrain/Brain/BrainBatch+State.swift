extension BrainBatch {
    /// One agent's whole lifetime state (tape, last read, recurrent state, gate, counter):
    /// what a checkpoint of a living population must carry besides the genome.
    public struct AgentState: Hashable, Sendable {
        /// The tape: W (every block), then any novelty counters.
        public var weights: [Float]
        public var read: [Float]
        public var recurrent: [Float]
        public var gate: Float
        public var nonFinite: Int

        public init(weights: [Float], read: [Float], recurrent: [Float], gate: Float, nonFinite: Int) {
            self.weights = weights
            self.read = read
            self.recurrent = recurrent
            self.gate = gate
            self.nonFinite = nonFinite
        }
    }

    public func state(agent: Int) -> AgentState {
        AgentState(weights: tapeState(agent: agent), read: lastRead(agent: agent),
                   recurrent: recurrentState(agent: agent), gate: lastGate(agent: agent), nonFinite: nonFinite[agent])
    }

    /// Restores what ``state(agent:)`` returned, exactly.
    public func setState(_ s: AgentState, agent: Int) {
        let a = architecture
        let size = a.tapeStateCount
        precondition(s.weights.count == size && s.read.count == a.valueWidth && s.recurrent.count == a.recurrentWidth,
                     "agent state does not match the architecture")
        let (start, stride) = tapeStart(agent: agent)
        for i in 0..<size { start[i &* stride] = s.weights[i] }
        let (g, lane) = agent.quotientAndRemainder(dividingBy: 8)
        for j in 0..<a.valueWidth { reads.base[g * a.valueWidth + j][lane] = s.read[j] }
        for j in 0..<a.recurrentWidth { recurrent.base[g * a.recurrentWidth + j][lane] = s.recurrent[j] }
        gates.base[g][lane] = s.gate
        nonFinite[agent] = s.nonFinite
    }
}

extension Arena {
    /// The value of one body channel for agent i: the single definition that sensing and
    /// the reference sensing both use (see ``SensorLayout/BodyChannel``).
    @inline(__always)
    func bodySense(_ c: SensorLayout.BodyChannel, of i: Int) -> Float {
        switch c {
        case .taste: return agentTaste[i]
        case .energy: return agentEnergy[i] / spec.metabolism.maxEnergy
        case .speed: return spec.body.maxSpeed > 0 ? agentSpeed[i] / spec.body.maxSpeed : 0
        case .pain: return agentPain[i]
        case .held: return isHeld(i) ? 1 : 0
        }
    }

    /// Writes agent i's body channels to `out[(bodyStart + k) · stride]`.
    @inline(__always)
    func senseBody(_ i: Int, into out: UnsafeMutablePointer<Float>, stride: Int) {
        let layout = sensorLayout
        for (k, c) in layout.body.enumerated() { out[(layout.bodyStart + k) * stride] = bodySense(c, of: i) }
    }

    /// Whether a trial holds agent i still this tick (never, in a world without trials).
    func isHeld(_ i: Int) -> Bool { false }
}

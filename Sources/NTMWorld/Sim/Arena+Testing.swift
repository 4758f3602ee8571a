extension Arena {
    /// Adds one food item (for building known scenes in tests and demos).
    public func placeFoodForTesting(x px: Float, y py: Float, type: Int) {
        foodX.append(px); foodY.append(py); foodType.append(type)
        foodAlive.append(true); foodRegrowAt.append(0)
        rebuildThingGrid()
    }

    /// Moves an agent (for known scenes).
    public func moveAgentForTesting(_ i: Int, x px: Float, y py: Float) {
        x[i] = px; y[i] = py
    }

    /// The sensor vector agent i would read now.
    public func sensorsForTesting(agent i: Int) -> [Float] {
        agentGrid.rebuild(count: agentCount, xs: x, ys: y) { alive[$0] }
        var out = [Float](repeating: 0, count: spec.body.sensorCount)
        out.withUnsafeMutableBufferPointer { sense(i, into: $0) }
        return out
    }
}

extension Arena {
    /// Adds one food item (for building known scenes in tests and demos).
    public func placeFoodForTesting(x px: Float, y py: Float, type: Int) {
        let (xs, ys, kinds, present, regrow) = (foodX + [px], foodY + [py], foodType + [type], foodAlive + [true], foodRegrowAt.array + [0])
        foodPX.free(); foodPY.free(); foodKind.free(); foodPresent.free(); foodRegrowAt.free()
        foodPX = Column(xs); foodPY = Column(ys); foodKind = Column(kinds)
        foodPresent = Column(present); foodRegrowAt = Column(regrow)
        rebuildThingGrid()
    }

    /// Moves an agent (for known scenes).
    public func moveAgentForTesting(_ i: Int, x px: Float, y py: Float) {
        agentX[i] = px; agentY[i] = py
    }

    /// The sensor vector agent i would read now.
    public func sensorsForTesting(agent i: Int) -> [Float] {
        agentGrid.rebuild(count: agentCount, xs: agentX, ys: agentY) { agentAlive[$0] }
        var out = [Float](repeating: 0, count: spec.body.sensorCount)
        out.withUnsafeMutableBufferPointer { sense(i, into: $0) }
        return out
    }
}

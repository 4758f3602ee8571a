import NTMBrain
import NTMWorld

extension WorldBenchmarks {
    /// Does a tick cost O(agents)? The time per tick of arenas of N and of 10·N agents, the
    /// larger with 10× the area, food and patches (same densities).
    ///
    /// What is compared must be the same work per agent, and two things get in the way:
    ///
    /// - *Sampling.* A 16-agent arena of `forage` has 4 food patches; whether its agents
    ///   happen to stand near them changes what they see several-fold. So each sample times
    ///   ten small arenas with ten layouts (their mean per tick) against one large arena.
    /// - *Behaviour.* Random genomes drive agents into the walls, where they see little; in
    ///   a small arena they get there sooner. With `still` the agents sense and think every
    ///   tick as usual but do not move, so each sees the kind of neighbourhood any density
    ///   gives; without it they move as their genomes say (reported too, for comparison).
    ///
    /// Every arena lives one whole lifetime (the world's episode length) from birth; samples
    /// alternate small and large, and the ratio reported is the median of per-sample ratios.
    func linearity(_ spec: WorldSpec, _ genomes: [[Float]], still: Bool, _ report: BenchReport) {
        let sizes = quick ? (4, 40) : (16, 160)
        let lifetime = quick ? 20 : spec.episode.ticks
        /// Nanoseconds per tick over one lifetime of a new arena of n agents.
        func perTick(_ n: Int, seed: UInt64) -> Double {
            let a = arena(spec, genomes, agents: n, base: sizes.0, still: still, seed: seed)
            return BenchTimer.seconds { for _ in 0..<lifetime { a.step() } } / Double(lifetime) * 1e9
        }
        var (small, large, ratios) = ([Double](), [Double](), [Double]())
        for sample in 0..<timer.samples {
            let seed = UInt64(7 + sample)
            let ta = (0..<10).reduce(0.0) { $0 + perTick(sizes.0, seed: 100 * seed + UInt64($1)) } / 10
            let tb = perTick(sizes.1, seed: seed)
            small.append(ta); large.append(tb); ratios.append(tb / ta)
        }
        let bodies = BenchRecord.Param.string(still ? "still" : "moving")
        report.add(BenchRecord(benchmark: "world", params: ["agents": .int(sizes.0), "bodies": bodies, "world": .string(spec.name)],
                               metric: "time_per_tick", value: BenchTimer.median(small), unit: "ns"))
        report.add(BenchRecord(benchmark: "world", params: ["agents": .int(sizes.1), "bodies": bodies, "world": .string(spec.name)],
                               metric: "time_per_tick", value: BenchTimer.median(large), unit: "ns"))
        report.add(BenchRecord(benchmark: "world", params: ["agents": .string("\(sizes.1)/\(sizes.0)"), "bodies": bodies,
                                                            "world": .string(spec.name)],
                               metric: "tick_cost_ratio", value: BenchTimer.median(ratios), unit: "x"))
    }

    /// An arena of `n` agents at the density of the world's own arena with `base` agents:
    /// area, food items and patches scaled by n/base. Nobody starves mid-measurement, so
    /// every tick has all n agents; `still` bodies neither turn nor move. Built (a
    /// once-per-lifetime cost) outside the timing.
    func arena(_ spec: WorldSpec, _ genomes: [[Float]], agents n: Int, base: Int, still: Bool, seed: UInt64) -> Arena {
        var s = spec
        let scale = Float(n) / Float(base)
        s.arena.width *= scale.squareRoot(); s.arena.height *= scale.squareRoot()
        for i in s.food.indices {
            s.food[i].count = Int(Float(s.food[i].count) * scale)
            s.food[i].patches = Int(Float(s.food[i].patches) * scale)
        }
        s.episode.agentsPerArena = n
        s.metabolism.costPerTick = 0
        s.metabolism.costPerThrust = 0
        if still { (s.body.maxSpeed, s.body.maxTurn) = (0, 0) }
        return Arena(spec: s, genomes: (0..<n).map { genomes[$0 % genomes.count] }, layoutSeed: seed)
    }
}

import NTMBrain

/// Brain figures at the default size (controller width 128, 4 layers; memory key 32,
/// density 4, value 8; 32 sensors, 2 motors): ns per agent-step for the single-agent
/// path and the batched lane-wise path, with the tape on and off.
struct BrainBenchmarks {
    var timer: BenchTimer
    var agents: Int

    static let architecture = BrainArchitecture(sensorCount: 32, motorCount: 2)

    func run(_ report: BenchReport) {
        let a = Self.architecture
        var rng = RandomStream.generator(2024, 2)
        let genomes = (0..<agents).map { _ in FilterBankController.randomParameters(a.controllerShape, using: &rng) }
        let sensors = (0..<agents * a.sensorCount).map { _ in rng.nextFloat(in: -1, 1) }
        let params: [String: BenchRecord.Param] = [
            "width": .int(a.controllerWidth), "layers": .int(a.controllerLayers), "key": .int(a.keyWidth),
            "density": .int(a.density), "value": .int(a.valueWidth), "sensors": .int(a.sensorCount),
        ]

        for memory in [Ablation.Memory.full, .off] {
            var single = Brain(architecture: a, parameters: genomes[0], ablation: Ablation(memory: memory))
            let oneAgentSensors = Array(sensors[0..<a.sensorCount])
            let singleNs = timer.nanosecondsPerCall { _ = single.step(sensors: oneAgentSensors) }
            var p = params
            p["path"] = .string("single"); p["memory"] = .string(memory.rawValue); p["agents"] = .int(1)
            report.add(BenchRecord(benchmark: "brain", params: p, metric: "time_per_agent_step", value: singleNs, unit: "ns"))

            let batch = BrainBatch(architecture: a, parameters: genomes, ablation: Ablation(memory: memory))
            var motors = [Float](repeating: 0, count: agents * a.motorCount)
            let batchNs = timer.nanosecondsPerCall { batch.step(sensors: sensors, motors: &motors) } / Double(agents)
            p["path"] = .string("batched"); p["agents"] = .int(agents)
            report.add(BenchRecord(benchmark: "brain", params: p, metric: "time_per_agent_step", value: batchNs, unit: "ns"))
        }
    }
}

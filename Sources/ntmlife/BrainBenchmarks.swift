import CNTMKernels
import NTMBrain

/// Brain figures at the default size (controller width 128, 4 layers; memory key 32,
/// density 4, value 8; 32 sensors, 2 motors): ns per agent-step for the single-agent
/// path and the batched lane-wise path, with the tape on and off.
struct BrainBenchmarks {
    var timer: BenchTimer
    var agents: Int
    var clock: BenchClock?

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
            if let clock {
                let bound = clock.boundNanoseconds(operations: Self.arithmetic(a, tape: memory != .off))
                report.add(BenchRecord(benchmark: "brain", params: p, metric: "ratio_to_arithmetic_bound", value: batchNs / bound, unit: "×"))
            }
        }
        switched(report, params, sensors: sensors)
        tapes(report, params, sensors: sensors)
    }

    /// The adds and multiplies of one agent-step, counted lane by lane (xors, compares and
    /// selects left out): the input's tile-and-flip and each of the L layers' slopes, each
    /// followed by an n-point WHT, (L + 1)·(n·log₂n + n), and the output scaling; with the
    /// tape, two keys hashed in d rounds of an nk-point WHT with its scale and flip, the
    /// write's recall and the fused update-and-read, 3·D·m. At the default size that is
    /// about 10,000, so 16 adds per cycle (two 256-bit pipes) bound a step at about 620 cycles, 32
    /// (two 512-bit pipes) at 310.
    static func arithmetic(_ a: BrainArchitecture, tape: Bool) -> Double {
        func wht(_ n: Int) -> Int { n * n.trailingZeroBitCount }
        let n = a.controllerWidth, nk = a.keyWidth
        let controller = (a.controllerLayers + 1) * (wht(n) + n) + a.outputCount
        let memory = 2 * a.density * (wht(nk) + 2 * nk) + 3 * a.hashBits * a.valueWidth
        return Double(controller + (tape ? memory : 0))
    }

    /// What the memory system alone charges a switched step with fresh random sensors: the
    /// time this core takes to read, and do nothing else with, the rows of slopes such a step
    /// chooses. Each agent stores its 2·n·L·M slopes together as halves, so 256 agents' banks
    /// are 4 MB, beyond L2; a step reads one bank of 2n halves per agent and layer, a different
    /// one each step, 2 KB per agent-step at the default size. The rows are laid out and visited as the
    /// batch visits them (group by group, layer by layer, lane by lane), each layer's bank
    /// drawn at random, 16 steps' worth cycled. Set beside the plain step: a switched step that
    /// cannot overlap those reads with other work costs at least plain + reads, so
    /// `cost_vs_plain_plus_bank_reads` near 1 means what is left is the memory system's.
    func bankReads(_ lsh: BrainArchitecture) -> Double {
        let shape = lsh.controllerShape
        // The banks are halves (FilterBankController.bankHalf): a row of 2n of them is the
        // bytes of n floats, and an agent's P of them those of P / 2.
        let P = shape.parameterCount / 2, width = shape.width, groups = (agents + 7) / 8
        let pool = UnsafeMutablePointer<Float>.allocate(capacity: agents * P)
        defer { pool.deallocate() }
        pool.initialize(repeating: 1.0 / 1024, count: agents * P)
        var rng = RandomStream.generator(2024, 5)
        let rowsPerStep = groups * shape.layers * 8
        var rows = [UnsafePointer<Float>?]()
        rows.reserveCapacity(16 * rowsPerStep)
        for _ in 0..<16 {
            for g in 0..<groups {
                for l in 0..<shape.layers {
                    for k in 0..<8 {
                        let agent = min(8 * g + k, agents - 1), bank = Int(rng.next() % UInt64(shape.banks))
                        rows.append(UnsafePointer(pool + agent * P + (l * shape.banks + bank) * width))
                    }
                }
            }
        }
        var step = 0, sink: Float = 0
        let ns = rows.withUnsafeBufferPointer { r in
            timer.nanosecondsPerCall {
                sink += ntm_row_reads(r.baseAddress! + (step & 15) * rowsPerStep, rowsPerStep, width)
                step += 1
            }
        }
        precondition(sink.isFinite)
        return ns / Double(agents)
    }

    /// Each tape variant's batched step beside the plain hashed tape's, paired in the same
    /// run, with fresh random sensors every step so that keys (and so blocks and buckets)
    /// change as often as they can.
    func tapes(_ report: BenchReport, _ params: [String: BenchRecord.Param], sensors: [Float]) {
        let hashed = Self.architecture
        var rng = RandomStream.generator(2024, 4)
        let genomes = (0..<agents).map { _ in FilterBankController.randomParameters(hashed.controllerShape, using: &rng) }
        let fresh = (0..<16).map { _ in (0..<agents * hashed.sensorCount).map { _ in rng.nextFloat(in: -1, 1) } }
        for kind in [MemoryKind.blocks(bits: 3), .decaying(rate: 0.01), .noveltyGated(bucketBits: 4, halfVisits: 1)] {
            var variant = hashed
            variant.memoryKind = kind
            let a = BrainBatch(architecture: hashed, parameters: genomes), b = BrainBatch(architecture: variant, parameters: genomes)
            var motors = [Float](repeating: 0, count: agents * hashed.motorCount)
            var (ka, kb) = (0, 0)
            let paired = timer.pairedNanosecondsPerCall({ a.step(sensors: fresh[ka & 15], motors: &motors); ka += 1 },
                                                        { b.step(sensors: fresh[kb & 15], motors: &motors); kb += 1 })
            var p = params
            p["path"] = .string("batched"); p["agents"] = .int(agents); p["memory"] = .string("full")
            p["memory_kind"] = .string(kind.name); p["sensor_stream"] = .string("random")
            report.add(BenchRecord(benchmark: "brain", params: p, metric: "time_per_agent_step", value: paired.b / Double(agents), unit: "ns"))
            report.add(BenchRecord(benchmark: "brain", params: p, metric: "cost_vs_hashed", value: paired.ratio, unit: "×"))
        }
    }

    /// The LSH-switched controller (M = 8 slope banks, 8× the parameters) beside the plain
    /// one, sampled alternately in the same run so that their ratio is steady, for the
    /// batched and the single-agent path, tape on.
    func switched(_ report: BenchReport, _ params: [String: BenchRecord.Param], sensors: [Float]) {
        let plain = Self.architecture
        var lsh = plain
        lsh.switchBanks = 8
        var rng = RandomStream.generator(2024, 3)
        let plainGenomes = (0..<agents).map { _ in FilterBankController.randomParameters(plain.controllerShape, using: &rng) }
        let lshGenomes = (0..<agents).map { _ in FilterBankController.randomParameters(lsh.controllerShape, using: &rng) }
        var p = params
        p["banks"] = .int(8); p["controller"] = .string("lsh-switched"); p["memory"] = .string("full")
        p["parameters"] = .int(lsh.parameterCount); p["plain_parameters"] = .int(plain.parameterCount)

        // The same sensors every step (banks settle, as when what an agent senses changes
        // slowly), and fresh random sensors every step (banks change as often as they can).
        let fresh = (0..<16).map { _ in (0..<agents * plain.sensorCount).map { _ in rng.nextFloat(in: -1, 1) } }
        for changing in [false, true] {
            let a = BrainBatch(architecture: plain, parameters: plainGenomes), b = BrainBatch(architecture: lsh, parameters: lshGenomes)
            var motors = [Float](repeating: 0, count: agents * plain.motorCount)
            var (ka, kb) = (0, 0)
            let batched = timer.pairedNanosecondsPerCall({ a.step(sensors: changing ? fresh[ka & 15] : sensors, motors: &motors); ka += 1 },
                                                         { b.step(sensors: changing ? fresh[kb & 15] : sensors, motors: &motors); kb += 1 })
            p["path"] = .string("batched"); p["agents"] = .int(agents); p["sensor_stream"] = .string(changing ? "random" : "fixed")
            report.add(BenchRecord(benchmark: "brain", params: p, metric: "time_per_agent_step", value: batched.b / Double(agents), unit: "ns"))
            report.add(BenchRecord(benchmark: "brain", params: p, metric: "cost_vs_plain", value: batched.ratio, unit: "×"))
            if changing {
                let reads = bankReads(lsh)
                report.add(BenchRecord(benchmark: "brain", params: p, metric: "bank_reads_per_agent_step", value: reads, unit: "ns"))
                report.add(BenchRecord(benchmark: "brain", params: p, metric: "cost_vs_plain_plus_bank_reads",
                                       value: batched.b / (batched.a + reads * Double(agents)), unit: "×"))
            }
        }
        p["sensor_stream"] = nil

        var one = Brain(architecture: plain, parameters: plainGenomes[0]), other = Brain(architecture: lsh, parameters: lshGenomes[0])
        let s = Array(sensors[0..<plain.sensorCount])
        let single = timer.pairedNanosecondsPerCall({ _ = one.step(sensors: s) }, { _ = other.step(sensors: s) })
        p["path"] = .string("single"); p["agents"] = .int(1)
        report.add(BenchRecord(benchmark: "brain", params: p, metric: "time_per_agent_step", value: single.b, unit: "ns"))
        report.add(BenchRecord(benchmark: "brain", params: p, metric: "cost_vs_plain", value: single.ratio, unit: "×"))
    }
}

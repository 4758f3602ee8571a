import Foundation
import NTMBrain
import NTMWorld

/// A checkpoint of a living ecosystem: the slots' genomes and every mutable part of the
/// arena (bodies, tapes, food), exactly. JSON; float arrays as base64 bits; checksummed.
///
///     { "format": "ntmlife-ecosystem-checkpoint", "version": 2, "epoch": 12, "seed": "…",
///       "world_hash": "…", "setup": "…", "slots": [ { "genome": <record> | null, "offspring": 3 }, … ],
///       "arena": { "tick": 6000, "x": "<base64>", …, "brains": [ … ] }, "stats": [ … ],
///       "checksum": "fnv1a64:…" }
public enum EcosystemCheckpoint {
    public static let fileFormat = "ntmlife-ecosystem-checkpoint"
    public static let fileVersion = 2

    struct Slot: Codable { var genome: GenomeFileRecord?; var offspring: Int }
    struct Brain: Codable { var weights: String; var read: String; var recurrent: String; var gate: String; var nonFinite: Int }
    struct ArenaRecord: Codable {
        var tick: Int
        var x, y, hx, hy, speed, energy, food, damage, goal, typeSign: String
        /// The body's sense columns by name (taste, pain, …).
        var senses: [String: String]
        var alive: [Bool], foodPresent: [Bool], ticks: [Int], foodRegrowAt: [Int]
        var brains: [Brain]
    }
    struct Record: Codable {
        var format: String
        var version: Int
        var epoch: Int
        var seed: String
        var worldHash: String
        var setup: String
        var slots: [Slot]
        var arena: ArenaRecord
        var stats: [String]
        var checksum: String
    }

    static func checksum(_ eco: Ecosystem, stats: [GenerationStats]) -> Checksum {
        checksum(stateHash: eco.stateHash, spec: eco.spec, setup: eco.setup, stats: stats)
    }

    static func checksum(stateHash: String, spec: WorldSpec, setup: EvolutionSetup, stats: [GenerationStats]) -> Checksum {
        var h = StateHash()
        h.combine(string: fileFormat)
        h.combine(string: stateHash)
        h.combine(string: spec.hash.description)
        h.combine(setup.identity.value)
        for s in stats { h.combine(string: s.csvRow) }
        return Checksum(h)
    }

    public static func fileData(_ eco: Ecosystem, stats: [GenerationStats]) -> Data {
        let s = eco.arena.snapshot()
        let e = FloatBits.encode
        let arena = ArenaRecord(
            tick: s.tick, x: e(s.x), y: e(s.y), hx: e(s.hx), hy: e(s.hy), speed: e(s.speed), energy: e(s.energy),
            food: e(s.food), damage: e(s.damage), goal: e(s.goal), typeSign: e(s.typeSign), senses: s.senses.mapValues(e),
            alive: s.alive, foodPresent: s.foodPresent, ticks: s.ticks, foodRegrowAt: s.foodRegrowAt,
            brains: s.brains.map { Brain(weights: e($0.weights), read: e($0.read), recurrent: e($0.recurrent),
                                         gate: e([$0.gate]), nonFinite: $0.nonFinite) })
        let record = Record(format: fileFormat, version: fileVersion, epoch: eco.epoch, seed: hex64(eco.seed),
                            worldHash: eco.spec.hash.description, setup: eco.setup.identity.hex,
                            slots: zip(eco.genomes, eco.offspring).map { Slot(genome: $0.map(GenomeFileRecord.init), offspring: $1) },
                            arena: arena, stats: stats.map(\.csvRow), checksum: checksum(eco, stats: stats).description)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try! encoder.encode(record)
    }

    /// Restores an ecosystem of `setup` in `spec` from a checkpoint file; any defect names
    /// the file. Nothing is built from the file's content before its identity (world and
    /// setup) and every slot genome's own checksum have been checked.
    public static func load(from path: String, spec: WorldSpec, setup: EvolutionSetup) throws(CheckpointError) -> (Ecosystem, [GenerationStats]) {
        try decode(try Checkpoint.Header.read(path, format: fileFormat, version: fileVersion), path: path, spec: spec, setup: setup)
    }

    /// Decodes and validates an ecosystem checkpoint's bytes; `path` names it in errors.
    public static func decode(_ data: Data, path: String, spec: WorldSpec, setup: EvolutionSetup) throws(CheckpointError) -> (Ecosystem, [GenerationStats]) {
        func fail(_ message: String) -> CheckpointError { CheckpointError(path: path, message: message) }
        let data = try Checkpoint.Header.check(data, path: path, format: fileFormat, version: fileVersion)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let r: Record
        do { r = try decoder.decode(Record.self, from: data) } catch { throw fail("is malformed: \(Genome.describe(error))") }
        guard WorldHash(parsing: r.worldHash) == spec.hash else { throw fail("belongs to another world (\(r.worldHash))") }
        guard r.setup == setup.identity.hex, r.seed == hex64(setup.seed) else {
            throw fail("belongs to another evolution setup (seed or mutation differ from the run's world.toml)")
        }
        guard let capacity = spec.ecosystem?.capacity else { throw fail("is an ecosystem checkpoint, but the world is not open-ended") }
        guard r.slots.count == capacity else { throw fail("has \(r.slots.count) slots; the world has capacity \(capacity)") }
        guard r.epoch >= 0, r.arena.tick >= 0 else { throw fail("has a negative epoch or tick") }

        var genomes: [Genome?] = []
        for (i, slot) in r.slots.enumerated() {
            guard slot.offspring >= 0 else { throw fail("slot \(i) has a negative offspring count") }
            guard let g = slot.genome else { genomes.append(nil); continue }
            let genome: Genome
            do { genome = try g.genome() } catch { throw fail("slot \(i): \(error.description)") }
            guard Checksum(parsing: g.checksum) == genome.checksum() else { throw fail("slot \(i)'s genome fails its checksum; the file is damaged") }
            guard genome.architecture == spec.architecture else { throw fail("slot \(i) holds a genome of another architecture than the world's") }
            genomes.append(genome)
        }
        let a = r.arena
        let n = r.slots.count
        func floats(_ text: String, _ count: Int, _ name: String) throws(CheckpointError) -> [Float] {
            guard let v = FloatBits.decode(text), v.count == count else { throw fail("has a damaged '\(name)' column") }
            return v
        }
        let probe = Arena(spec: spec, genomes: [], layoutSeed: Ecosystem.layoutSeed(setup))
        func senses() throws(CheckpointError) -> [String: [Float]] {
            var out: [String: [Float]] = [:]
            for name in probe.senseColumnNames {
                guard let text = a.senses[name] else { throw fail("lacks the sense column '\(name)'") }
                out[name] = try floats(text, n, "senses.\(name)")
            }
            return out
        }
        let arch = spec.architecture
        var brains: [BrainBatch.AgentState] = []
        for (i, b) in a.brains.enumerated() {
            guard b.nonFinite >= 0 else { throw fail("brains[\(i)] has a negative non-finite count") }
            brains.append(BrainBatch.AgentState(
                weights: try floats(b.weights, arch.tapeStateCount, "brains[\(i)].weights"),
                read: try floats(b.read, arch.valueWidth, "brains[\(i)].read"),
                recurrent: try floats(b.recurrent, arch.recurrentWidth, "brains[\(i)].recurrent"),
                gate: try floats(b.gate, 1, "brains[\(i)].gate")[0], nonFinite: b.nonFinite))
        }
        let foodCount = a.foodPresent.count
        guard brains.count == n, a.alive.count == n, a.ticks.count == n, a.foodRegrowAt.count == foodCount else {
            throw fail("has columns of the wrong length")
        }
        guard a.ticks.allSatisfy({ $0 >= 0 }) else { throw fail("has a negative age") }
        let snapshot = ArenaSnapshot(
            tick: a.tick, x: try floats(a.x, n, "x"), y: try floats(a.y, n, "y"), hx: try floats(a.hx, n, "hx"),
            hy: try floats(a.hy, n, "hy"), speed: try floats(a.speed, n, "speed"), energy: try floats(a.energy, n, "energy"),
            alive: a.alive, senses: try senses(), ticks: a.ticks,
            food: try floats(a.food, n, "food"), damage: try floats(a.damage, n, "damage"), goal: try floats(a.goal, n, "goal"),
            foodPresent: a.foodPresent, foodRegrowAt: a.foodRegrowAt, typeSign: try floats(a.typeSign, spec.food.count, "type_sign"),
            brains: brains)
        var stats: [GenerationStats] = []
        for row in r.stats {
            guard let s = GenerationStats(csvRow: row) else { throw fail("has a malformed stats row '\(row)'") }
            stats.append(s)
        }
        guard probe.foodAlive.count == foodCount else { throw fail("has \(foodCount) food items; the world has \(probe.foodAlive.count)") }
        let offspring = r.slots.map(\.offspring)
        let computed = checksum(stateHash: Ecosystem.stateHash(snapshot: snapshot, epoch: r.epoch, genomes: genomes, offspring: offspring),
                                spec: spec, setup: setup, stats: stats)
        guard Checksum(parsing: r.checksum) == computed else {
            throw fail("fails its checksum (stored \(r.checksum), content gives \(computed)); the file is damaged")
        }
        if let problem = snapshot.implausibility(in: spec) { throw fail(problem) }
        let eco = Ecosystem(spec: spec, setup: setup, genomes: genomes, offspring: offspring, epoch: r.epoch, snapshot: snapshot)
        return (eco, stats)
    }
}

import Foundation
import NTMBrain
import NTMWorld

/// A checkpoint of a living ecosystem: the slots' genomes and every mutable part of the
/// arena (bodies, tapes, food), exactly. JSON; float arrays as base64 bits; checksummed.
///
///     { "format": "ntmlife-ecosystem-checkpoint", "version": 1, "epoch": 12, "seed": "…",
///       "world_hash": "…", "slots": [ { "genome": <record> | null, "offspring": 3 }, … ],
///       "arena": { "tick": 6000, "x": "<base64>", …, "brains": [ … ] }, "stats": [ … ],
///       "checksum": "fnv1a64:…" }
public enum EcosystemCheckpoint {
    public static let fileFormat = "ntmlife-ecosystem-checkpoint"
    public static let fileVersion = 1

    struct Slot: Codable { var genome: GenomeFileRecord?; var offspring: Int }
    struct Brain: Codable { var weights: String; var read: String; var recurrent: String; var gate: String; var nonFinite: Int }
    struct ArenaRecord: Codable {
        var tick: Int
        var x, y, hx, hy, speed, energy, taste, pain, food, damage, goal, typeSign: String
        var alive: [Bool], foodPresent: [Bool], ticks: [Int], foodRegrowAt: [Int]
        var brains: [Brain]
    }
    struct Record: Codable {
        var format: String
        var version: Int
        var epoch: Int
        var seed: String
        var worldHash: String
        var slots: [Slot]
        var arena: ArenaRecord
        var stats: [String]
        var checksum: String
    }

    static func checksum(_ eco: Ecosystem, stats: [GenerationStats]) -> String {
        var h = StateHash()
        h.combine(string: fileFormat)
        h.combine(string: eco.stateHash)
        h.combine(string: eco.spec.hash)
        for s in stats { h.combine(string: s.csvRow) }
        return "fnv1a64:" + h.hex
    }

    public static func fileData(_ eco: Ecosystem, stats: [GenerationStats]) -> Data {
        let s = eco.arena.snapshot()
        let e = FloatBits.encode
        let arena = ArenaRecord(
            tick: s.tick, x: e(s.x), y: e(s.y), hx: e(s.hx), hy: e(s.hy), speed: e(s.speed), energy: e(s.energy),
            taste: e(s.taste), pain: e(s.pain), food: e(s.food), damage: e(s.damage), goal: e(s.goal), typeSign: e(s.typeSign),
            alive: s.alive, foodPresent: s.foodPresent, ticks: s.ticks, foodRegrowAt: s.foodRegrowAt,
            brains: s.brains.map { Brain(weights: e($0.weights), read: e($0.read), recurrent: e($0.recurrent),
                                         gate: e([$0.gate]), nonFinite: $0.nonFinite) })
        let record = Record(format: fileFormat, version: fileVersion, epoch: eco.epoch, seed: hex64(eco.seed),
                            worldHash: eco.spec.hash,
                            slots: zip(eco.genomes, eco.offspring).map { Slot(genome: $0.map { GenomeFileRecord($0, checksum: $0.checksum()) }, offspring: $1) },
                            arena: arena, stats: stats.map(\.csvRow), checksum: checksum(eco, stats: stats))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try! encoder.encode(record)
    }

    /// Restores an ecosystem in `spec` from a checkpoint file; any defect names the file.
    public static func load(from path: String, spec: WorldSpec) throws(CheckpointError) -> (Ecosystem, [GenerationStats]) {
        func fail(_ message: String) -> CheckpointError { CheckpointError(path: path, message: message) }
        let data = try Checkpoint.Header.read(path, format: fileFormat, version: fileVersion)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let r: Record
        do { r = try decoder.decode(Record.self, from: data) } catch { throw fail("is malformed: \(Genome.describe(error))") }
        guard r.slots.count == spec.ecosystem.capacity else { throw fail("has \(r.slots.count) slots; the world has capacity \(spec.ecosystem.capacity)") }

        var genomes: [Genome?] = []
        for (i, slot) in r.slots.enumerated() {
            guard let g = slot.genome else { genomes.append(nil); continue }
            do { genomes.append(try g.genome()) } catch { throw fail("slot \(i): \(error.description)") }
        }
        let a = r.arena
        let n = r.slots.count
        func floats(_ text: String, _ count: Int, _ name: String) throws(CheckpointError) -> [Float] {
            guard let v = FloatBits.decode(text), v.count == count else { throw fail("has a damaged '\(name)' column") }
            return v
        }
        let arch = spec.architecture
        var brains: [BrainBatch.AgentState] = []
        for (i, b) in a.brains.enumerated() {
            brains.append(BrainBatch.AgentState(
                weights: try floats(b.weights, arch.hashBits * arch.valueWidth, "brains[\(i)].weights"),
                read: try floats(b.read, arch.valueWidth, "brains[\(i)].read"),
                recurrent: try floats(b.recurrent, arch.recurrentWidth, "brains[\(i)].recurrent"),
                gate: try floats(b.gate, 1, "brains[\(i)].gate")[0], nonFinite: b.nonFinite))
        }
        let foodCount = a.foodPresent.count
        guard brains.count == n, a.alive.count == n, a.ticks.count == n, a.foodRegrowAt.count == foodCount else {
            throw fail("has columns of the wrong length")
        }
        let snapshot = ArenaSnapshot(
            tick: a.tick, x: try floats(a.x, n, "x"), y: try floats(a.y, n, "y"), hx: try floats(a.hx, n, "hx"),
            hy: try floats(a.hy, n, "hy"), speed: try floats(a.speed, n, "speed"), energy: try floats(a.energy, n, "energy"),
            alive: a.alive, taste: try floats(a.taste, n, "taste"), pain: try floats(a.pain, n, "pain"), ticks: a.ticks,
            food: try floats(a.food, n, "food"), damage: try floats(a.damage, n, "damage"), goal: try floats(a.goal, n, "goal"),
            foodPresent: a.foodPresent, foodRegrowAt: a.foodRegrowAt, typeSign: try floats(a.typeSign, spec.food.count, "type_sign"),
            brains: brains)
        var stats: [GenerationStats] = []
        for row in r.stats {
            guard let s = GenerationStats(csvRow: row) else { throw fail("has a malformed stats row '\(row)'") }
            stats.append(s)
        }
        guard r.worldHash == spec.hash else { throw fail("belongs to another world (\(r.worldHash))") }
        let probe = Arena(spec: spec, genomes: [], layoutSeed: Ecosystem.layoutSeed(spec))
        guard probe.foodAlive.count == foodCount else { throw fail("has \(foodCount) food items; the world has \(probe.foodAlive.count)") }
        let eco = Ecosystem(spec: spec, genomes: genomes, offspring: r.slots.map(\.offspring), epoch: r.epoch, snapshot: snapshot)
        let computed = checksum(eco, stats: stats)
        guard computed == r.checksum else {
            throw fail("fails its checksum (stored \(r.checksum), content gives \(computed)); the file is damaged")
        }
        return (eco, stats)
    }
}

import Foundation
import NTMBrain
import NTMWorld

/// The genome file: JSON, human-inspectable, exact.
///
///     { "format": "ntmlife-genome", "version": 1,
///       "architecture": { "sensor_count": 32, …, "sign_seed": "4e544d4c69666500" },
///       "parameters": { "count": 1024, "encoding": "f32le-base64", "data": "…" },
///       "lineage": { "parents": ["…"], "generation": 12 },
///       "evaluation": { "world_hash": "…", "seed": "…", …, "fitness": 3.25, "fitness_bits": "…" },
///       "checksum": "fnv1a64:…" }
///
/// Parameters are stored as their exact little-endian IEEE-754 bits (base64), so every
/// Float round-trips bit for bit; decimal text would not promise that. 64-bit seeds are
/// hex strings, since many JSON readers keep only 53 bits of a number. The checksum is
/// FNV-1a over the decoded content in a fixed order, so reformatting the JSON is harmless
/// but changing any value is caught.
extension Genome {
    public static let fileFormat = "ntmlife-genome"
    public static let fileVersion = 1

    /// The file's bytes (pretty-printed JSON with sorted keys, newline-terminated).
    public func fileData() -> Data {
        let record = GenomeFileRecord(self)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // Encoding plain structs of strings and finite numbers cannot fail.
        var data = try! encoder.encode(record)
        data.append(0x0A)
        return data
    }

    /// Writes the file atomically: a temporary file in the same directory, then a rename,
    /// so a reader (or a crash) never sees half a genome.
    public func save(to path: String) throws(GenomeFileError) {
        do {
            try FileAccess.write(fileData(), to: path)
        } catch {
            throw GenomeFileError(.io(error.message), path: path)
        }
    }

    /// Reads and fully validates a genome file.
    public static func load(from path: String) throws(GenomeFileError) -> Genome {
        let data: Data
        do {
            data = try FileAccess.read(path, limit: 1 << 28)
        } catch {
            throw GenomeFileError(.io(error.message), path: path)
        }
        do {
            return try decode(data)
        } catch {
            throw GenomeFileError(error.reason, path: path)
        }
    }

    /// Decodes and validates a genome file's bytes: format and version first, then the
    /// architecture, sizes, finiteness and finally the checksum.
    public static func decode(_ data: Data) throws(GenomeFileError) -> Genome {
        if let problem = StrictJSON.problem(in: data) { throw GenomeFileError(.malformed(problem)) }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let header: GenomeFileHeader
        do {
            header = try decoder.decode(GenomeFileHeader.self, from: data)
        } catch {
            throw GenomeFileError(.malformed(describe(error)))
        }
        guard header.format == fileFormat else { throw GenomeFileError(.notAGenome(format: header.format)) }
        guard header.version == fileVersion else {
            throw GenomeFileError(.unsupportedVersion(found: header.version, supported: fileVersion))
        }
        let record: GenomeFileRecord
        do {
            record = try decoder.decode(GenomeFileRecord.self, from: data)
        } catch {
            throw GenomeFileError(.malformed(describe(error)))
        }
        let genome = try record.genome()
        let computed = genome.checksum()
        guard Checksum(parsing: record.checksum) == computed else {
            throw GenomeFileError(.checksumMismatch(stored: record.checksum, computed: computed.description))
        }
        return genome
    }

    /// FNV-1a over format, version, architecture, parameter bits, lineage and evaluation,
    /// in that order.
    public func checksum() -> Checksum {
        var h = StateHash()
        h.combine(string: Self.fileFormat)
        h.combine(UInt64(Self.fileVersion))
        h.combine(architecture: architecture)
        h.combine(UInt64(parameters.count))
        h.combine(floats: parameters)
        h.combine(UInt64(lineage.parents.count))
        for parent in lineage.parents { h.combine(string: parent) }
        h.combine(UInt64(bitPattern: Int64(lineage.generation)))
        if let e = evaluation {
            h.combine(byte: 1)
            h.combine(string: e.worldHash.description)
            h.combine(e.seed)
            h.combine(UInt64(bitPattern: Int64(e.generation)))
            h.combine(UInt64(bitPattern: Int64(e.episodes)))
            h.combine(string: e.arrangement.rawValue)
            h.combine(e.fitness.bitPattern)
        } else {
            h.combine(byte: 0)
        }
        return Checksum(h)
    }

    /// A one-line account of a decoding error, naming the key path where there is one.
    static func describe(_ error: Error) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.isEmpty ? "the top level" : "'" + keys.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".") + "'"
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?:
            return "required key '\(key.stringValue)' is missing at \(path(context.codingPath))"
        case .typeMismatch(let type, let context)?:
            return "\(path(context.codingPath)) should be \(type)"
        case .valueNotFound(let type, let context)?:
            return "\(path(context.codingPath)) is null; expected \(type)"
        case .dataCorrupted(let context)?:
            return context.codingPath.isEmpty
                ? "not valid JSON (is the file truncated?)"
                : "\(path(context.codingPath)): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}

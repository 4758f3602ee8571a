import NTMBrain

/// Why a genome file was refused. Every case is a complete sentence for a person: what is
/// wrong and what would be accepted. Loading never returns a partial genome.
public struct GenomeFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// Not JSON, truncated, or a required key missing or of the wrong type.
        case malformed(String)
        /// Valid JSON, but not an NTMLife genome.
        case notAGenome(format: String)
        /// Written by a newer (or unknown) version of the format.
        case unsupportedVersion(found: Int, supported: Int)
        /// The architecture header cannot be built.
        case invalidArchitecture(BrainShapeError)
        /// The parameter block does not have the size the architecture needs.
        case wrongSize(expected: Int, found: Int, what: String)
        /// A parameter is NaN or infinite.
        case nonFiniteParameter(index: Int, bits: UInt32)
        /// The content does not match its checksum: the file was damaged or edited.
        case checksumMismatch(stored: String, computed: String)
        /// The file could not be read or written.
        case io(String)
    }

    /// The file concerned, when there is one.
    public var path: String?
    public var reason: Reason

    public init(_ reason: Reason, path: String? = nil) {
        self.reason = reason
        self.path = path
    }

    public var description: String {
        let subject = path.map { "genome file '\($0)'" } ?? "genome file"
        switch reason {
        case .malformed(let detail):
            return "\(subject) is malformed: \(detail)"
        case .notAGenome(let format):
            return "\(subject) is not an NTMLife genome: its format is '\(format)', expected '\(Genome.fileFormat)'"
        case let .unsupportedVersion(found, supported):
            return "\(subject) has format version \(found); this ntmlife reads version \(supported) (a newer ntmlife wrote it?)"
        case .invalidArchitecture(let error):
            return "\(subject) has an invalid architecture: \(error)"
        case let .wrongSize(expected, found, what):
            return "\(subject) has \(found) \(what); its architecture needs exactly \(expected)"
        case let .nonFiniteParameter(index, bits):
            let hex = String(bits, radix: 16)
            return "\(subject) has a non-finite parameter at index \(index) (bits 0x\(hex)); every parameter must be a finite number"
        case let .checksumMismatch(stored, computed):
            return "\(subject) fails its checksum (stored \(stored), content gives \(computed)); the file is damaged or was edited"
        case .io(let detail):
            return "\(subject): \(detail)"
        }
    }
}

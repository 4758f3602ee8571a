import Foundation
import NTMEvolution
import NTMViewer
import NTMWorld

/// The readers of untrusted input, each one fuzz target: bytes in, a value or a clear error
/// out, never a trap, an abort or a hang. A target returning is the whole oracle; libFuzzer
/// reports anything else (a crash, a timeout, a leak of memory without bound).
enum FuzzTarget: String, CaseIterable {
    /// A world file with its `[evolution]` table (`Experiment.parse`).
    case world
    /// A genome file (`Genome.decode`).
    case genome
    /// A generational run's checkpoint (`Checkpoint.decode`).
    case checkpoint
    /// An ecosystem checkpoint (`EcosystemCheckpoint.decode`), against the shipped ecosystem
    /// world with a population of 16, as the seed corpus's files were written.
    case ecosystemCheckpoint = "ecosystem-checkpoint"
    /// A `watch --script` input script (`InputScript(text:)`).
    case inputScript = "input-script"

    func run(_ data: Data) {
        switch self {
        case .world:
            _ = try? Experiment.parse(String(decoding: data, as: UTF8.self), file: "fuzz.toml")
        case .genome:
            _ = try? Genome.decode(data)
        case .checkpoint:
            _ = try? Checkpoint.decode(data, path: "fuzz.ckpt")
        case .ecosystemCheckpoint:
            let (world, setup) = Self.ecosystem
            _ = try? EcosystemCheckpoint.decode(data, path: "fuzz.ckpt", spec: world, setup: setup)
        case .inputScript:
            _ = try? InputScript(text: String(decoding: data, as: UTF8.self), name: "fuzz.script")
        }
    }

    /// The world the ecosystem corpus belongs to: `Worlds/ecosystem.toml` at population 16.
    static let ecosystem: (WorldSpec, EvolutionSetup) = {
        let path = (ProcessInfo.processInfo.environment["NTMLIFE_WORLDS"] ?? "Worlds") + "/ecosystem.toml"
        guard var experiment = try? Experiment.load(path: path) else {
            FileHandle.standardError.write(Data("ntmlife-fuzz: cannot read \(path) (run from the repository, or set NTMLIFE_WORLDS)\n".utf8))
            exit(2)
        }
        experiment.override(population: 16)
        return (experiment.world, experiment.setup)
    }()

    /// The target named by `NTMLIFE_FUZZ_TARGET`, or exit with the list.
    static func fromEnvironment() -> FuzzTarget {
        let name = ProcessInfo.processInfo.environment["NTMLIFE_FUZZ_TARGET"] ?? ""
        guard let target = FuzzTarget(rawValue: name) else {
            let names = allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("ntmlife-fuzz: set NTMLIFE_FUZZ_TARGET to one of: \(names)\n".utf8))
            exit(2)
        }
        return target
    }
}

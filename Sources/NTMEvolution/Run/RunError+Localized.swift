import Foundation
import NTMWorld

// Every error NTMLife throws is a sentence for a person (its `description`). Foundation's
// `localizedDescription`, which generic code reaches for, would otherwise print
// "NTMEvolution.GenomeFileError error 1." instead; these conformances make it the sentence.

extension GenomeFileError: LocalizedError {
    public var errorDescription: String? { description }
}

extension CheckpointError: LocalizedError {
    public var errorDescription: String? { description }
}

extension RunError: LocalizedError {
    public var errorDescription: String? { description }
}

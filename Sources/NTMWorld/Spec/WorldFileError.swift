/// A world file that cannot be used: where (file, line, key) and what would be accepted.
public struct WorldFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    /// Dotted key path, e.g. `body.rays` or `food[2].energy`.
    public var key: String?
    public var message: String

    public init(file: String, line: Int? = nil, key: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.key = key
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let key { return "\(location): '\(key)': \(message)" }
        return "\(location): \(message)"
    }
}

import Foundation

extension WorldFileError: LocalizedError {
    /// The sentence, also for code that asks for `localizedDescription`.
    public var errorDescription: String? { description }
}

/// A brain shape that cannot be built, with the offending field and what is accepted.
public enum BrainShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    case outOfRange(field: String, value: String, accepted: String)
    /// The controller is too narrow for the inputs or outputs the architecture needs.
    case tooNarrow(width: Int, needed: Int, what: String)

    public var description: String {
        switch self {
        case let .outOfRange(field, value, accepted):
            return "\(field) = \(value) is out of range; accepted: \(accepted)"
        case let .tooNarrow(width, needed, what):
            return "controller width \(width) is too small for \(needed) \(what); use a power of two ≥ \(needed)"
        }
    }
}

import NTMBrain

/// A file's checksum: FNV-1a (64-bit) over its decoded content in a fixed order, written
/// `fnv1a64:` and 16 hex digits. Reformatting a file keeps it; changing any value does not.
/// It detects accidents (a truncated copy, a hand edit), not adversaries.
public struct Checksum: Hashable, Sendable, CustomStringConvertible {
    public var value: UInt64

    public init(_ hash: StateHash) { value = hash.value }

    /// Parses `fnv1a64:` and 16 hex digits; nil for anything else.
    public init?(parsing text: String) {
        guard text.hasPrefix(Self.prefix) else { return nil }
        let hex = text.dropFirst(Self.prefix.count)
        guard hex.count == 16, let v = UInt64(hex, radix: 16) else { return nil }
        value = v
    }

    static let prefix = "fnv1a64:"
    public var description: String { Self.prefix + StateHash(value: value).hex }
}

/// Who a recorded fitness was measured among, which is what a replay must rebuild.
public enum Arrangement: String, Hashable, Sendable, CaseIterable {
    /// One agent per arena.
    case solo
    /// An arena filled with copies of the genome.
    case clones
    /// A living ecosystem: the score depends on the whole population and is not replayed.
    case ecosystem

    /// How a genome is evaluated alone in a world of episodes with `agentsPerArena` agents.
    public init(agentsPerArena: Int) { self = agentsPerArena == 1 ? .solo : .clones }
}

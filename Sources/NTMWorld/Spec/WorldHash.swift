import NTMBrain

/// The identity of a world: a 64-bit FNV-1a digest of everything that decides an episode's
/// outcome for a given genome (the world's canonical tables without `[world]`), labelled
/// with the world's name.
///
/// Written as `name:` and 16 hex digits (`forage:3f2a…`). Two hashes are the same world
/// when their digests agree: the name is a label for finding the shipped world a result came
/// from, not part of what the world is, so a renamed copy is still the same world.
/// Evolution settings (population, seed, algorithm, episodes per evaluation) are not in it:
/// a champion of `evolve forage --seed 2 --population 16` lived in the shipped `forage`.
public struct WorldHash: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var digest: UInt64

    public init(name: String, digest: UInt64) {
        self.name = name
        self.digest = digest
    }

    /// Parses `name:hex` (16 hex digits after the last colon); nil for anything else.
    public init?(parsing text: String) {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        let hex = text[text.index(after: colon)...]
        guard hex.count == 16, let digest = UInt64(hex, radix: 16) else { return nil }
        self.init(name: String(text[..<colon]), digest: digest)
    }

    public var description: String { "\(name):\(StateHash(value: digest).hex)" }

    public static func == (a: WorldHash, b: WorldHash) -> Bool { a.digest == b.digest }
    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

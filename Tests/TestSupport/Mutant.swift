import Foundation

/// Damaged copies of real files, the kinds of damage files suffer: cut short, a bit flipped,
/// a line lost or doubled, a number replaced by an extreme one. Deterministic (seeded), so a
/// failure names a mutant that can be rebuilt.
public struct Mutant {
    public var name: String
    public var bytes: Data

    /// A small deterministic generator (SplitMix64).
    public struct Draws {
        public var state: UInt64
        public init(state: UInt64) { self.state = state }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    static let extremes = ["-1", "0", "9223372036854775807", "-9223372036854775808", "1e308", "-1e308", "nan", "inf", "1e15", "\"x\"", "[]", "null"]

    /// `count` mutants of `original`, half of them cut short (which no file survives).
    public static func of(_ original: Data, count: Int, seed: UInt64) -> (truncated: [Mutant], other: [Mutant]) {
        var draws = Draws(state: seed)
        var truncated: [Mutant] = [], other: [Mutant] = []
        for k in 0..<count / 2 {
            let cut = 1 + draws.below(original.count - 1)
            truncated.append(Mutant(name: "cut at \(cut) (\(k))", bytes: original.prefix(cut)))
        }
        let text = String(decoding: original, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for k in 0..<(count - count / 2) {
            switch k % 4 {
            case 0:
                var bytes = original
                let i = draws.below(bytes.count)
                bytes[i] ^= UInt8(1 << draws.below(8))
                other.append(Mutant(name: "bit flip at byte \(i)", bytes: bytes))
            case 1:
                let i = draws.below(lines.count)
                var l = lines
                l.remove(at: i)
                other.append(Mutant(name: "line \(i + 1) removed", bytes: Data(l.joined(separator: "\n").utf8)))
            case 2:
                let i = draws.below(lines.count)
                var l = lines
                l.insert(lines[i], at: i)
                other.append(Mutant(name: "line \(i + 1) doubled", bytes: Data(l.joined(separator: "\n").utf8)))
            default:
                // A number somewhere replaced by an extreme value.
                let numbers = text.ranges(of: try! Regex("-?[0-9]+(\\.[0-9]+)?"))
                guard !numbers.isEmpty else { continue }
                let r = numbers[draws.below(numbers.count)]
                let value = extremes[draws.below(extremes.count)]
                var edited = text
                edited.replaceSubrange(r, with: value)
                other.append(Mutant(name: "'\(text[r])' at offset \(text.distance(from: text.startIndex, to: r.lowerBound)) → \(value)", bytes: Data(edited.utf8)))
            }
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return (truncated, other)
    }
}


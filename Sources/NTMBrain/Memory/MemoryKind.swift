/// Which tape an agent carries (NTMBrain.docc/Algorithms.md §4, "Variants"). Every kind
/// hashes keys the same way and writes by the same delta rule; they differ in *where* a
/// write lands and *how much* of it is kept.
///
/// - ``hashed``: one weight matrix W[D][m]; every key's write touches all of it, so
///   unrelated keys leak into each other's recall with overlap variance
///   s² ≈ 0.595/D + 0.405/nk (``MemoryCapacity``).
/// - ``blocks(bits:)``: 2^B matrices. The first B hash bits of a key (the signs of the first
///   B outputs of its first round) pick the one it reads or writes, so two keys that differ
///   in any of those bits have exactly zero crosstalk, at 2^B times the state and the same
///   work per step.
/// - ``decaying(rate:)``: before each step's write, W ← W·(1 − λ): what is not rewritten
///   fades with a half-life of ln 2/λ steps.
/// - ``noveltyGated(bucketBits:halfVisits:)``: a counting Bloom filter remembers how often
///   each region of key space has been written, and a write to a well-visited region is
///   damped (note 004's "progressively frozen tiling"). Round r of the hash gives the key a
///   bucket, the signs of its first β outputs read as a β-bit number, in table r of 2^β
///   counters. The key's visits n are the smallest of its d counters (a count-min
///   estimate: collisions only ever raise a counter), and the write's gate becomes
///
///       γ′ = γ · (τ / (τ + n))
///
///   after which each of the d counters grows by the requested γ. A key written k times at
///   γ = 1, alone, is written with γ′ = τ/(τ + k − 1): full strength the first time, half at
///   visit τ + 1 (by default τ = 1 and β = 4: γ/(1 + n), 16 buckets in each of d tables). Similar keys share buckets (the bits are locality-sensitive), so a region
///   stops being rewritten by *any* key once it has been visited, and novel keys keep the
///   full gate. The counters are lifetime state, zero at birth like W.
public enum MemoryKind: Hashable, Sendable {
    case hashed
    case blocks(bits: Int)
    case decaying(rate: Float)
    case noveltyGated(bucketBits: Int, halfVisits: Float)

    /// The name a world file gives it (`[brain] memory_kind`).
    public var name: String {
        switch self {
        case .hashed: return "hashed"
        case .blocks: return "blocks"
        case .decaying: return "decaying"
        case .noveltyGated: return "novelty-gated"
        }
    }

    public static let names = ["hashed", "blocks", "decaying", "novelty-gated"]

    /// The defaults a world file's `memory_kind` alone selects.
    public static let defaultBlockBits = 3
    public static let defaultDecay: Float = 0.01
    public static let defaultBucketBits = 4
    public static let defaultHalfVisits: Float = 1

    /// The kind with this name and its defaults, or nil.
    public static func named(_ name: String) -> MemoryKind? {
        switch name {
        case "hashed": return .hashed
        case "blocks": return .blocks(bits: defaultBlockBits)
        case "decaying": return .decaying(rate: defaultDecay)
        case "novelty-gated": return .noveltyGated(bucketBits: defaultBucketBits, halfVisits: defaultHalfVisits)
        default: return nil
        }
    }

    /// Number of weight matrices: 2^B for blocks, else 1.
    public var blockCount: Int {
        if case .blocks(let bits) = self { return 1 << bits }
        return 1
    }

    /// B, the hash bits that choose a block (0 unless blocks).
    public var blockBits: Int {
        if case .blocks(let bits) = self { return bits }
        return 0
    }

    /// λ, the fraction of W lost per step (0 unless decaying).
    public var decayRate: Float {
        if case .decaying(let rate) = self { return rate }
        return 0
    }

    /// Counters of the novelty filter: d tables of 2^β (0 unless novelty-gated).
    public func counterCount(density: Int) -> Int {
        if case .noveltyGated(let bits, _) = self { return density << bits }
        return 0
    }

    /// Checks the kind's parameters against the key width; the error names the world key.
    public func validate(keyWidth: Int) throws(BrainShapeError) {
        switch self {
        case .hashed: break
        case .blocks(let bits):
            if !(1...8).contains(bits) || bits > keyWidth {
                throw .outOfRange(field: "memory_blocks", value: "\(bits)", accepted: "1 to \(min(8, keyWidth)) (hash bits; 2^B blocks)")
            }
        case .decaying(let rate):
            if !(rate > 0 && rate < 1) {
                throw .outOfRange(field: "memory_decay", value: "\(rate)", accepted: "a number between 0 and 1, exclusive")
            }
        case .noveltyGated(let bits, let visits):
            if !(1...12).contains(bits) || bits > keyWidth {
                throw .outOfRange(field: "novelty_bits", value: "\(bits)", accepted: "1 to \(min(12, keyWidth))")
            }
            if !(visits.isFinite && visits > 0 && visits <= 1e6) {
                throw .outOfRange(field: "novelty_visits", value: "\(visits)", accepted: "a number > 0 and at most 10⁶")
            }
        }
    }
}

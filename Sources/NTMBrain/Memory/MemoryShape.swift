/// The shape of a hashed associative memory (NTMBrain.docc/Algorithms.md §4).
public struct MemoryShape: Hashable, Sendable {
    /// nk: key length, a power of two in 2...4096.
    public var keyWidth: Int
    /// d ≥ 1 rounds of flip + WHT; the hash has D = d·nk bits.
    public var density: Int
    /// m ≥ 1: the width of a stored value.
    public var valueWidth: Int
    /// c > 0: reads are clamped to [−c, c].
    public var readClamp: Float
    /// Seed of the fixed per-round flips.
    public var signSeed: UInt64

    public init(keyWidth: Int = 32, density: Int = 4, valueWidth: Int = 8, readClamp: Float = 2,
                signSeed: UInt64 = BrainArchitecture.defaultSignSeed) {
        self.keyWidth = keyWidth
        self.density = density
        self.valueWidth = valueWidth
        self.readClamp = readClamp
        self.signSeed = signSeed
    }

    /// D = d·nk: hash bits, i.e. rows of the weight matrix W[D][m].
    public var hashBits: Int { density * keyWidth }

    public func validate() throws(BrainShapeError) {
        if !(2...4096).contains(keyWidth) || keyWidth & (keyWidth - 1) != 0 {
            throw .outOfRange(field: "key_width", value: "\(keyWidth)", accepted: "a power of two from 2 to 4096")
        }
        if !(1...64).contains(density) {
            throw .outOfRange(field: "density", value: "\(density)", accepted: "1 to 64")
        }
        if !(1...1024).contains(valueWidth) {
            throw .outOfRange(field: "value_width", value: "\(valueWidth)", accepted: "1 to 1024")
        }
        if !readClamp.isFinite || readClamp <= 0 {
            throw .outOfRange(field: "read_clamp", value: "\(readClamp)", accepted: "a finite number > 0")
        }
    }

    /// The per-round flips, round r at `[r·nk ..< (r+1)·nk]`.
    public func flips() -> [Float] {
        (0..<density).flatMap { SignPattern.make(seed: signSeed, stream: UInt64(1 + $0), count: keyWidth) }
    }
}

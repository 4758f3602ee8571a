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
    /// Which variant of the tape (``MemoryKind``).
    public var kind: MemoryKind

    public init(keyWidth: Int = 32, density: Int = 4, valueWidth: Int = 8, readClamp: Float = 2,
                signSeed: UInt64 = BrainArchitecture.defaultSignSeed, kind: MemoryKind = .hashed) {
        self.keyWidth = keyWidth
        self.density = density
        self.valueWidth = valueWidth
        self.readClamp = readClamp
        self.signSeed = signSeed
        self.kind = kind
    }

    /// D = d·nk: hash bits, i.e. rows of the weight matrix W[D][m].
    public var hashBits: Int { density * keyWidth }

    /// Floats of one weight matrix, D·m.
    public var blockSize: Int { hashBits * valueWidth }

    /// Floats of a whole tape's state: every block of W, then the novelty counters.
    public var stateCount: Int { kind.blockCount * blockSize + kind.counterCount(density: density) }

    /// The block a key with these hash bits uses: bit t < B read as `b[t] < 0 ? 1 : 0`,
    /// least significant first (0 for every kind but blocks).
    ///
    /// Branch-free (a select per bit, not a jump): the bits are random signs, so a branch on
    /// each would be mispredicted half the time.
    @inlinable
    public func block(bits: (Int) -> Float) -> Int {
        var index = 0
        for t in 0..<kind.blockBits { index |= (bits(t) < 0 ? 1 : 0) &<< t }
        return index
    }

    /// The novelty filter's counter for round r: table r, bucket = the signs of the round's
    /// first β bits read as β-bit number, i.e. index `r·2^β + Σ_q [b[r·nk + q] < 0]·2^q`.
    /// Branch-free, as ``block(bits:)`` is.
    @inlinable
    public func counter(round r: Int, bucketBits beta: Int, bits: (Int) -> Float) -> Int {
        var index = 0
        for q in 0..<beta { index |= (bits(r * keyWidth + q) < 0 ? 1 : 0) &<< q }
        return r &<< beta | index
    }

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
        try kind.validate(keyWidth: keyWidth)
    }

    /// The per-round flips, round r at `[r·nk ..< (r+1)·nk]`.
    public func flips() -> [Float] {
        (0..<density).flatMap { SignPattern.make(seed: signSeed, stream: UInt64(1 + $0), count: keyWidth) }
    }
}

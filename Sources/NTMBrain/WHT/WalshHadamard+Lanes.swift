extension WalshHadamard {
    /// Transforms 8 vectors at once, stored *lane-wise*: register i holds element i of all
    /// eight vectors (`lanes[i][k]` = vector k, element i).
    ///
    /// This is the layout NTMLife keeps its population's activations in: with 8 agents per
    /// group, every WHT stage becomes whole-register adds and no shuffles are needed.
    ///
    /// - Precondition: `lanes.count` is a power of two in ``supportedLengths``.
    @inlinable
    public static func transform(lanes: inout [SIMD8<Float>], _ normalization: Normalization = .unnormalized) {
        lanes.withUnsafeMutableBufferPointer { transform(lanes: $0, normalization) }
    }

    /// The same on an aligned ``LaneBuffer`` (the layout the brains keep).
    public static func transform(lanes: LaneBuffer, _ normalization: Normalization = .unnormalized) {
        transform(lanes: UnsafeMutableBufferPointer(start: lanes.base, count: lanes.count), normalization)
    }

    @usableFromInline
    static func transform(lanes: UnsafeMutableBufferPointer<SIMD8<Float>>, _ normalization: Normalization = .unnormalized) {
        let n = lanes.count
        precondition(isSupported(length: n), "WHT length \(n) is not a power of two in 2...65536")
        let base = lanes.baseAddress!
        LaneKernel.transform(base, n)
        if normalization == .orthonormal {
            let c = SIMD8<Float>(repeating: scale(forLength: n))
            for i in 0..<n { base[i] *= c }
        }
    }

    /// Transforms many vectors of equal length: packs them eight at a time into the lane-wise
    /// layout, runs ``transform(lanes:_:)``, and unpacks. A convenience for callers that hold
    /// vectors the ordinary way; the simulation keeps its data lane-wise and skips the copies.
    public static func transform(batch vectors: inout [[Float]], _ normalization: Normalization = .unnormalized) {
        guard let n = vectors.first?.count else { return }
        precondition(vectors.allSatisfy { $0.count == n }, "all vectors in a batch must have the same length")
        var lanes = [SIMD8<Float>](repeating: .zero, count: n)
        for group in stride(from: 0, to: vectors.count, by: 8) {
            let members = group..<min(group + 8, vectors.count)
            for i in 0..<n {
                var register = SIMD8<Float>.zero
                for (k, v) in members.enumerated() { register[k] = vectors[v][i] }
                lanes[i] = register
            }
            lanes.withUnsafeMutableBufferPointer { transform(lanes: $0, normalization) }
            for (k, v) in members.enumerated() {
                for i in 0..<n { vectors[v][i] = lanes[i][k] }
            }
        }
    }
}

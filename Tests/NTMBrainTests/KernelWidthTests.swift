import CNTMKernels
@testable import NTMBrain
import Testing

/// The transforms run 16 floats a register where the machine has AVX-512 and 8 where it has
/// AVX2 only, and both must give the same bits, or a run on one machine would not replay on
/// another. Each test here runs at every width this machine has and compares. Serialized:
/// the width is one process-wide setting.
@Suite("Kernel width: AVX-512 and AVX2 give the same bits", .serialized)
struct KernelWidthTests {
    static let widths = KernelWidth.available

    /// Floats that probe what an add can do differently: signed zeros, subnormals,
    /// infinities, huge values whose sums overflow, and ordinary ones.
    static func awkwardFloats(_ count: Int, _ rng: inout Xoshiro256StarStar) -> [Float] {
        let specials: [Float] = [0, -0.0, .leastNonzeroMagnitude, -.leastNormalMagnitude, .infinity,
                                 -.infinity, .greatestFiniteMagnitude, 1e30, -1e-30, 1]
        return (0..<count).map { _ in
            rng.nextInt(below: 4) == 0 ? specials[rng.nextInt(below: specials.count)] : Float(rng.nextGaussian()) * 1e3
        }
    }

    /// `count` lane-wise registers of ``awkwardFloats(_:_:)``.
    static func awkwardRegisters(_ count: Int, _ rng: inout Xoshiro256StarStar) -> [SIMD8<Float>] {
        let f = awkwardFloats(8 * count, &rng)
        return (0..<count).map { i in SIMD8(f[(8 * i)..<(8 * i + 8)]) }
    }

    /// Float bits, with every NaN as one value: which NaN an add returns when both
    /// operands are NaN is the one thing x86 leaves to operand order.
    static func bits(_ v: [Float]) -> [UInt32] { v.map { $0.isNaN ? 0x7FC0_0000 : $0.bitPattern } }

    @Test("The machine offers the width in force, and AVX2 at least on x86-64 outside the portable build")
    func offered() {
        #expect(Self.widths.contains(KernelWidth.bits))
        #expect(Self.widths == Self.widths.sorted(by: >))
        #if arch(x86_64)
        #expect(Self.widths.contains(256) || Self.widths == [128])
        #endif
    }

    @Test("Single-vector and lane-wise transforms: every width, the same bits", arguments: (1...13).map { 1 << $0 })
    func transforms(n: Int) {
        var rng = testRNG(UInt64(900 + n))
        let vectors = (0..<8).map { _ in Self.awkwardFloats(n, &rng) }
        func run() -> [[UInt32]] {
            var batch = vectors
            WalshHadamard.transform(batch: &batch)
            let single = vectors.map { v -> [UInt32] in var v = v; WalshHadamard.transform(&v); return Self.bits(v) }
            return batch.map(Self.bits) + single
        }
        let widest = KernelWidth.capped(at: Self.widths[0], run)
        for width in Self.widths.dropFirst() {
            #expect(KernelWidth.capped(at: width, run) == widest, "\(width) bits against \(Self.widths[0])")
        }
    }

    @Test("The lane-wise fused forms (switch, tile, scale and flip) on awkward floats: every width, the same bits",
          arguments: [2, 8, 16, 32, 64, 128, 256, 512, 1024])
    func fusedForms(n: Int) {
        var rng = testRNG(UInt64(950 + n))
        func registers(_ count: Int) -> [SIMD8<Float>] { Self.awkwardRegisters(count, &rng) }
        let x = registers(n), negative = registers(n), positive = registers(n), u = registers(n / 2 + 1)
        let tiles = (0..<n).map { Int32($0 % (n / 2 + 1)) }
        let flips = (0..<n).map { _ in Float(rng.nextInt(below: 2) == 0 ? 1 : -1) }
        let scale = registers(1)[0]
        func run() -> [UInt32] {
            var out: [UInt32] = []
            for form in 0..<3 {
                var y = x
                y.withUnsafeMutableBufferPointer { y in
                    let y = y.baseAddress!
                    switch form {
                    case 0: LaneKernel.switchThenTransform(y, n, negative: negative, positive: positive)
                    case 1: LaneKernel.tileThenTransform(y, n, input: u, tiles: tiles, flips: flips)
                    default: LaneKernel.scaleFlipThenTransform(y, n, input: y, scale: scale, flips: flips)
                    }
                }
                out += Self.bits(y.flatMap { v in (0..<8).map { v[$0] } })
            }
            return out
        }
        let widest = KernelWidth.capped(at: Self.widths[0], run)
        for width in Self.widths.dropFirst() {
            #expect(KernelWidth.capped(at: width, run) == widest, "\(width) bits against \(Self.widths[0])")
        }
    }

    @Test("The switch with its slopes straight from eight rows of halves (transposed in registers into the first pass with AVX-512, n ≥ 32) gives the bits of widening the rows into lanes, then switching: every width",
          arguments: [16, 32, 64, 128, 256])
    func switchFromRows(n: Int) {
        var rng = testRNG(UInt64(990 + n))
        let x = Self.awkwardRegisters(n, &rng)
        // Any 16 bits: normals, subnormals, zeros, infinities and NaNs alike.
        let rows = (0..<8).map { _ in (0..<2 * n).map { _ in UInt16(truncatingIfNeeded: rng.next()) } }
        func run(direct: Bool) -> [UInt32] {
            var y = x
            var lanes = [SIMD8<Float>](repeating: .zero, count: 2 * n)
            let pointers = rows.map { UnsafeMutablePointer<UInt16>.allocate(capacity: $0.count) }
            defer { pointers.forEach { $0.deallocate() } }
            for (p, row) in zip(pointers, rows) { p.initialize(from: row, count: row.count) }
            let sources: [UnsafePointer<UInt16>?] = pointers.map { UnsafePointer($0) }
            sources.withUnsafeBufferPointer { r in
                y.withUnsafeMutableBufferPointer { y in
                    lanes.withUnsafeMutableBufferPointer { lanes in
                        let floats = UnsafeMutableRawPointer(lanes.baseAddress!).assumingMemoryBound(to: Float.self)
                        if direct {
                            ntm_wht_lanes_switch_rows(LaneKernel.floats(y.baseAddress!), n, r.baseAddress!, floats)
                        } else {
                            ntm_interleave_halves(floats, r.baseAddress!, 2 * n)
                            LaneKernel.switchThenTransform(y.baseAddress!, n, negative: lanes.baseAddress!, positive: lanes.baseAddress! + n)
                        }
                    }
                }
            }
            return Self.bits(y.flatMap { v in (0..<8).map { v[$0] } })
        }
        let reference = KernelWidth.capped(at: Self.widths.last!) { run(direct: false) }
        for width in Self.widths {
            #expect(KernelWidth.capped(at: width) { run(direct: true) } == reference, "rows straight in, \(width) bits, n = \(n)")
            #expect(KernelWidth.capped(at: width) { run(direct: false) } == reference, "rows into lanes, \(width) bits, n = \(n)")
        }
    }

    @Test("The tape's passes over W (recall; decay then recall; update then recall) on awkward floats: every width, the same bits",
          arguments: [1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 16])
    func tapePasses(m: Int) {
        let D = 128
        var rng = testRNG(UInt64(970 + m))
        func registers(_ count: Int) -> [SIMD8<Float>] { Self.awkwardRegisters(count, &rng) }
        func signs(_ count: Int) -> [SIMD8<Float>] {
            (0..<count).map { _ in SIMD8((0..<8).map { _ in Float(rng.nextInt(below: 2) == 0 ? 1 : -1) }) }
        }
        let w = registers(D * m), delta = registers(m), writeBits = signs(D), readBits = signs(D)
        func run() -> [UInt32] {
            var w = w, first = [SIMD8<Float>](repeating: .zero, count: m), second = first, decayed = first
            w.withUnsafeMutableBufferPointer { w in
                TapeKernel.recall(writeBits, w.baseAddress!, D, m, into: &first)
                TapeKernel.decayThenRecall(w.baseAddress!, D, m, keep: SIMD8(repeating: 0.99), bits: readBits, into: &decayed)
                TapeKernel.updateThenRecall(w.baseAddress!, D, m, writeBits: writeBits, delta: delta,
                                            readBits: readBits, into: &second)
            }
            return (first + decayed + second + w).flatMap { v in Self.bits((0..<8).map { v[$0] }) }
        }
        let widest = KernelWidth.capped(at: Self.widths[0], run)
        for width in Self.widths.dropFirst() {
            // A count, not two arrays of 9,000 floats, when it fails.
            let mismatches = zip(KernelWidth.capped(at: width, run), widest).filter { $0 != $1 }.count
            #expect(mismatches == 0, "\(width) bits against \(Self.widths[0]), m = \(m)")
        }
    }

    @Test("The brain's fused passes (tile, switch, hash rounds): a seeded run hashes the same at every width",
          arguments: [(MemoryKind.hashed, 1), (.hashed, 8), (.blocks(bits: 3), 1), (.noveltyGated(bucketBits: 4, halfVisits: 4), 1)])
    func brain(kind: MemoryKind, banks: Int) {
        var a = defaultArchitecture
        a.memoryKind = kind
        a.switchBanks = banks
        Self.expectSeededRunAgrees(a, "\(kind), \(banks) banks")
    }

    @Test("The hash rounds at key widths 8, 16, 32 and 64 (16-float kernels in registers for 16 and 32, the transform kernels and Swift signs otherwise): a seeded run hashes the same at every width",
          arguments: [8, 16, 32, 64])
    func hashWidths(keyWidth: Int) {
        var a = defaultArchitecture
        a.keyWidth = keyWidth
        if a.outputCount > a.controllerWidth { a.controllerWidth = 256 }   // room for two 64-wide keys
        Self.expectSeededRunAgrees(a, "key width \(keyWidth)")
    }

    @Test("The LSH-switched controller at controller widths 8 to 64 (rows shorter than a 32-element chunk; at 8, one block of sixteen holding both slope halves): a seeded run hashes the same at every kernel width, and batched equals single at each",
          arguments: [8, 16, 32, 64])
    func switchedControllerWidths(n: Int) throws {
        let a = BrainArchitecture(sensorCount: 3, motorCount: 2, controllerWidth: n, controllerLayers: 3,
                                  keyWidth: 2, density: 2, valueWidth: 1, recurrentWidth: 0, switchBanks: 8)
        try a.validate()
        Self.expectSeededRunAgrees(a, "controller width \(n), 8 banks")
        for width in Self.widths {
            let mismatches = KernelWidth.capped(at: width) { BrainBatchTests.compare(a, agents: 13, steps: 12, ablation: Ablation(), label: 190 + UInt64(n)) }
            #expect(mismatches == 0, "batched against single, \(width) bits, controller width \(n)")
        }
    }

    /// A seeded run of brains of architecture `a` hashes the same at every width.
    static func expectSeededRunAgrees(_ a: BrainArchitecture, _ label: String,
                                      sourceLocation: SourceLocation = #_sourceLocation) {
        let widest = KernelWidth.capped(at: widths[0]) { BrainBatchTests.seededRunHash(a) }
        for width in widths.dropFirst() {
            #expect(KernelWidth.capped(at: width) { BrainBatchTests.seededRunHash(a) } == widest, "\(width) bits, \(label)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("The slope banks' rewrite into lanes (all eight rows of halves transposed and widened) gives every half's float at every width: whole 32-element chunks, a last block of sixteen, a last eight",
          arguments: [8, 16, 24, 48, 64, 256])
    func bankMoves(count: Int) {
        var rng = testRNG(170 + UInt64(count))
        // Any 16 bits: normals, subnormals, zeros, infinities and NaNs alike.
        var rows = (0..<8).map { _ in (0..<count).map { _ in UInt16(truncatingIfNeeded: rng.next()) } }
        rows[3][0] = 0x7E01   // a quiet NaN's payload arrives as it left
        rows[5][1] = 0x0001   // the least subnormal
        func run() -> [UInt32] {
            var whole = [Float](repeating: 0, count: 8 * count)
            let pointers = rows.map { UnsafeMutablePointer<UInt16>.allocate(capacity: $0.count) }
            defer { pointers.forEach { $0.deallocate() } }
            for (p, row) in zip(pointers, rows) { p.initialize(from: row, count: row.count) }
            let sources: [UnsafePointer<UInt16>?] = pointers.map { UnsafePointer($0) }
            sources.withUnsafeBufferPointer { r in ntm_interleave_halves(&whole, r.baseAddress!, count) }
            return whole.map(\.bitPattern)
        }
        var expected = [UInt32](repeating: 0, count: 8 * count)
        for i in 0..<count {
            for k in 0..<8 { expected[8 * i + k] = Float(Float16(bitPattern: rows[k][ntm_row_position(i, count)])).bitPattern }
        }
        for width in Self.widths {
            let whole = KernelWidth.capped(at: width, run)
            #expect(zip(whole, expected).filter { $0 != $1 }.count == 0, "transpose, \(width) bits, \(count) floats")
        }
    }

    @Test("Rows are in pair order: each block of sixteen holds its even elements, then its odd; a row of eight is in natural order; every position is used once")
    func pairOrder() {
        #expect((0..<16).map { ntm_row_position($0, 16) } == [0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15])
        #expect((0..<8).map { ntm_row_position($0, 8) } == Array(0..<8))
        #expect(ntm_row_position(16 + 3, 32) == 16 + 8 + 1)
        for count in [8, 16, 24, 256] {
            #expect(Set((0..<count).map { ntm_row_position($0, count) }) == Set(0..<count), "\(count)")
            let natural = (0..<count).map { UInt16($0 * 3 + 1) }
            var row = [UInt16](repeating: 0, count: count)
            ntm_store_row_halves(&row, natural, count)
            #expect((0..<count).allSatisfy { row[ntm_row_position($0, count)] == natural[$0] }, "stored, \(count)")
        }
    }

    @Test("Every one of the 65,536 halves widens to the float Swift's Float16 gives, bit for bit (the kernels' conversion, by F16C or by fields in the portable build)")
    func halvesWiden() {
        var wrong = 0
        for h in 0...UInt16.max where ntm_half_to_float(h).bitPattern != Float(Float16(bitPattern: h)).bitPattern { wrong += 1 }
        #expect(wrong == 0)
        #expect(ntm_half_to_float(0x0001) == 0x1p-24)
        #expect(ntm_half_to_float(0x03FF) == 1023 * 0x1p-24)
        #expect(ntm_half_to_float(0x7BFF) == 65504)
        #expect(ntm_half_to_float(0xFC00) == -.infinity)
    }
}

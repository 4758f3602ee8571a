// The unsafe part of the WHT: SIMD8 kernels over raw pointers. Everything here is
// reached through the safe entry points in WalshHadamard.swift and WalshHadamard+Lanes.swift,
// which check lengths first.
//
// Operation order (the bit-for-bit contract): stages run in increasing h, each butterfly
// is exactly (a + b, a − b). Fusing three consecutive stages into one pass over registers
// ("radix 8") keeps that order for every element while cutting loads and stores by 3×,
// which matters because one core can store only one vector per cycle.

@usableFromInline
enum WHTPasses {
    @inline(__always) @usableFromInline
    static func load(_ p: UnsafeMutableRawPointer, _ i: Int) -> SIMD8<Float> {
        p.loadUnaligned(fromByteOffset: i &* 32, as: SIMD8<Float>.self)
    }

    @inline(__always) @usableFromInline
    static func store(_ p: UnsafeMutableRawPointer, _ i: Int, _ v: SIMD8<Float>) {
        p.storeBytes(of: v, toByteOffset: i &* 32, as: SIMD8<Float>.self)
    }

    @inline(__always) @usableFromInline
    static func butterfly(_ a: inout SIMD8<Float>, _ b: inout SIMD8<Float>) {
        let s = a + b
        b = a - b
        a = s
    }

    /// Stages h = 1, 2, 4 of an 8-element vector held in one register. For stage h, lane j
    /// gets `partner + v[j]·σ[j]` where partner = v[j ⊕ h] and σ[j] = −1 on the lanes with
    /// bit h set. On a low lane that is `b + a` (= a + b exactly: addition commutes); on a
    /// high lane `a + (−b)` (= a − b exactly). Multiplying by ±1 is exact.
    @inline(__always) @usableFromInline
    static func inRegister(_ v: SIMD8<Float>) -> SIMD8<Float> {
        var v = v
        v = SIMD8(v[1], v[0], v[3], v[2], v[5], v[4], v[7], v[6])
            + v * SIMD8(1, -1, 1, -1, 1, -1, 1, -1)
        v = SIMD8(v[2], v[3], v[0], v[1], v[6], v[7], v[4], v[5])
            + v * SIMD8(1, 1, -1, -1, 1, 1, -1, -1)
        v = SIMD8(v[4], v[5], v[6], v[7], v[0], v[1], v[2], v[3])
            + v * SIMD8(1, 1, 1, 1, -1, -1, -1, -1)
        return v
    }

    /// Stages 1, 2, 4 across eight registers (v0…v7 are elements 0…7 of the sub-transform).
    @inline(__always) @usableFromInline
    static func butterfly8(_ v0: inout SIMD8<Float>, _ v1: inout SIMD8<Float>, _ v2: inout SIMD8<Float>, _ v3: inout SIMD8<Float>,
                           _ v4: inout SIMD8<Float>, _ v5: inout SIMD8<Float>, _ v6: inout SIMD8<Float>, _ v7: inout SIMD8<Float>) {
        butterfly(&v0, &v1); butterfly(&v2, &v3); butterfly(&v4, &v5); butterfly(&v6, &v7)
        butterfly(&v0, &v2); butterfly(&v1, &v3); butterfly(&v4, &v6); butterfly(&v5, &v7)
        butterfly(&v0, &v4); butterfly(&v1, &v5); butterfly(&v2, &v6); butterfly(&v3, &v7)
    }

    /// The first pass over `count` (a multiple of 8) registers: register i is produced by
    /// `element(i)` (a load, possibly transformed), then stages 1, 2, 4 run across each
    /// block of eight consecutive registers, and the results are stored.
    @inline(__always) @usableFromInline
    static func firstPass(_ p: UnsafeMutableRawPointer, _ count: Int, _ element: (Int) -> SIMD8<Float>) {
        var i = 0
        while i < count {
            var v0 = element(i), v1 = element(i &+ 1), v2 = element(i &+ 2), v3 = element(i &+ 3)
            var v4 = element(i &+ 4), v5 = element(i &+ 5), v6 = element(i &+ 6), v7 = element(i &+ 7)
            butterfly8(&v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7)
            store(p, i, v0); store(p, i &+ 1, v1); store(p, i &+ 2, v2); store(p, i &+ 3, v3)
            store(p, i &+ 4, v4); store(p, i &+ 5, v5); store(p, i &+ 6, v6); store(p, i &+ 7, v7)
            i &+= 8
        }
    }

    /// Three stages (strides h, 2h, 4h, counted in 8-float registers) over `count` registers.
    @inline(__always) @usableFromInline
    static func radix8(_ p: UnsafeMutableRawPointer, _ count: Int, _ h: Int) {
        var i = 0
        while i < count {
            for j in i..<(i &+ h) {
                var v0 = load(p, j), v1 = load(p, j &+ h), v2 = load(p, j &+ 2 &* h), v3 = load(p, j &+ 3 &* h)
                var v4 = load(p, j &+ 4 &* h), v5 = load(p, j &+ 5 &* h), v6 = load(p, j &+ 6 &* h), v7 = load(p, j &+ 7 &* h)
                butterfly8(&v0, &v1, &v2, &v3, &v4, &v5, &v6, &v7)
                store(p, j, v0); store(p, j &+ h, v1); store(p, j &+ 2 &* h, v2); store(p, j &+ 3 &* h, v3)
                store(p, j &+ 4 &* h, v4); store(p, j &+ 5 &* h, v5); store(p, j &+ 6 &* h, v6); store(p, j &+ 7 &* h, v7)
            }
            i &+= 8 &* h
        }
    }

    /// Two stages (strides h, 2h registers) over `count` registers.
    @inline(__always) @usableFromInline
    static func radix4(_ p: UnsafeMutableRawPointer, _ count: Int, _ h: Int) {
        var i = 0
        while i < count {
            for j in i..<(i &+ h) {
                var v0 = load(p, j), v1 = load(p, j &+ h), v2 = load(p, j &+ 2 &* h), v3 = load(p, j &+ 3 &* h)
                butterfly(&v0, &v1); butterfly(&v2, &v3)
                butterfly(&v0, &v2); butterfly(&v1, &v3)
                store(p, j, v0); store(p, j &+ h, v1); store(p, j &+ 2 &* h, v2); store(p, j &+ 3 &* h, v3)
            }
            i &+= 4 &* h
        }
    }

    /// One stage (stride h registers) over `count` registers.
    @inline(__always) @usableFromInline
    static func radix2(_ p: UnsafeMutableRawPointer, _ count: Int, _ h: Int) {
        var i = 0
        while i < count {
            for j in i..<(i &+ h) {
                var v0 = load(p, j), v1 = load(p, j &+ h)
                butterfly(&v0, &v1)
                store(p, j, v0); store(p, j &+ h, v1)
            }
            i &+= 2 &* h
        }
    }

    /// All stages with stride ≥ `h` registers, three at a time while three remain.
    @inline(__always) @usableFromInline
    static func stages(from h: Int, _ p: UnsafeMutableRawPointer, _ count: Int) {
        var h = h
        while h < count {
            if 8 &* h <= count {
                radix8(p, count, h); h &*= 8
            } else if 4 &* h <= count {
                radix4(p, count, h); h &*= 4
            } else {
                radix2(p, count, h); h &*= 2
            }
        }
    }
}

/// The single-vector kernel: one vector of n floats, stages 1–4 inside registers.
@usableFromInline
enum VectorKernel {
    @usableFromInline
    static func transform(_ v: UnsafeMutablePointer<Float>, _ n: Int) {
        if n < 8 {
            ScalarKernel.transform(v, n)
            return
        }
        let p = UnsafeMutableRawPointer(v)
        let registers = n / 8
        if registers >= 8 {
            // Stages 1, 2, 4 in-register, then 8, 16, 32 across eight registers, in one pass.
            WHTPasses.firstPass(p, registers) { WHTPasses.inRegister(WHTPasses.load(p, $0)) }
            WHTPasses.stages(from: 8, p, registers)
        } else {
            for i in 0..<registers { WHTPasses.store(p, i, WHTPasses.inRegister(WHTPasses.load(p, i))) }
            WHTPasses.stages(from: 1, p, registers)
        }
    }
}

/// The definition's loop, one element at a time: the statement of the operation order that
/// every other kernel reproduces, the baseline `ntmlife bench` compares against, and the
/// kernel for n < 8.
@usableFromInline
enum ScalarKernel {
    @usableFromInline
    static func transform(_ v: UnsafeMutablePointer<Float>, _ n: Int) {
        var h = 1
        while h < n {
            var i = 0
            while i < n {
                for j in i..<(i + h) {
                    let a = v[j], b = v[j + h]
                    v[j] = a + b
                    v[j + h] = a - b
                }
                i += 2 * h
            }
            h *= 2
        }
    }
}

/// The lane-wise kernel: 8 vectors side by side, element i of all eight in one register.
/// Every stage, strides 1, 2 and 4 included, is then a plain vector add between registers.
@usableFromInline
enum LaneKernel {
    /// Transforms the 8 vectors stored lane-wise at `lanes` (n registers), in place.
    @usableFromInline
    static func transform(_ lanes: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int) {
        WHTPasses.stages(from: 1, UnsafeMutableRawPointer(lanes), n)
    }

    /// `x ← WHT(x ⊙ (x < 0 ? negative : positive))`: the switch-slope layer fused
    /// into the transform's first pass, so x is loaded and stored once less per layer. Each
    /// element is multiplied before any butterfly touches it, so the bits equal a separate
    /// multiply followed by ``transform(_:_:)``.
    @usableFromInline
    static func switchThenTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int,
                                    negative: UnsafePointer<SIMD8<Float>>, positive: UnsafePointer<SIMD8<Float>>) {
        @inline(__always) func slope(_ i: Int) -> SIMD8<Float> {
            let v = x[i]
            return v * positive[i].replacing(with: negative[i], where: v .< 0)
        }
        firstPassThenRest(x, n, slope)
    }

    /// `x ← WHT(x)` where `x[i] = u[i mod p] ⊙ flip[i]` is formed inside the first pass:
    /// the controller's "tile, flip, spread" step. `tiles[i]` holds i mod p, computed once:
    /// a division per element costs more than the rest of the pass.
    @usableFromInline
    static func tileThenTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int, input u: UnsafePointer<SIMD8<Float>>,
                                  tiles: UnsafePointer<Int32>, flips: UnsafePointer<Float>) {
        @inline(__always) func tile(_ i: Int) -> SIMD8<Float> { u[Int(tiles[i])] * SIMD8(repeating: flips[i]) }
        firstPassThenRest(x, n, tile)
    }

    /// `x ← WHT((v ⊙ c) ⊙ flip)`, the scaling and flip formed inside the first pass, two
    /// roundings in that order (the flip is exact). `v` may be `x` itself: the first pass
    /// reads each block of eight before it writes it. The tape hash's round.
    @usableFromInline
    static func scaleFlipThenTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int, input v: UnsafePointer<SIMD8<Float>>,
                                       scale c: SIMD8<Float>, flips: UnsafePointer<Float>) {
        @inline(__always) func element(_ i: Int) -> SIMD8<Float> { (v[i] * c) * SIMD8(repeating: flips[i]) }
        firstPassThenRest(x, n, element)
    }

    /// Stages h = 1, 2, 4 on registers produced by `element(i)`, stored to x, then the rest.
    @inline(__always) @usableFromInline
    static func firstPassThenRest(_ x: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int, _ element: (Int) -> SIMD8<Float>) {
        if n < 8 {      // widths 2 and 4: elementwise first, then the plain stages
            for i in 0..<n { x[i] = element(i) }
            WHTPasses.stages(from: 1, UnsafeMutableRawPointer(x), n)
            return
        }
        WHTPasses.firstPass(UnsafeMutableRawPointer(x), n, element)
        WHTPasses.stages(from: 8, UnsafeMutableRawPointer(x), n)
    }
}

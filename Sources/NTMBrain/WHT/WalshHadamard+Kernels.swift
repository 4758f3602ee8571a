// The unsafe part of the WHT: the kernels over raw pointers. Everything here is reached
// through the safe entry points in WalshHadamard.swift and WalshHadamard+Lanes.swift, which
// check lengths first.
//
// Operation order (the bit-for-bit contract): stages run in increasing h, each butterfly
// is exactly (a + b, a − b). The vector kernels are C (CNTMKernels, ntm_wht.h): Swift 6
// lowers SIMD8<Float> arithmetic to eight scalar operations for LLVM to re-vectorise, and
// in the fused passes it re-vectorised part of them four wide, which cost the transform a
// third of its speed. The passes there fuse three consecutive stages into one trip through
// registers ("radix 8"), which keeps every element's order while cutting loads and stores
// 3×: one core stores a single 32-byte register per cycle.
//
// The scalar loop below is the readable definition every kernel reproduces.

import CNTMKernels

/// The single-vector kernel: one vector of n floats, stages 1, 2, 4 inside each register
/// (a shuffle and a ±1 fused multiply-add per stage), the rest between registers.
@usableFromInline
enum VectorKernel {
    @usableFromInline
    static func transform(_ v: UnsafeMutablePointer<Float>, _ n: Int) {
        if n < 8 {
            ScalarKernel.transform(v, n)
            return
        }
        ntm_wht_vector(v, n)
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
/// The fused forms below form each register's input inside the first pass, so x is loaded
/// and stored once less per layer; each element is formed before any butterfly touches it,
/// so the bits equal forming it separately and then calling ``transform(_:_:)``.
@usableFromInline
enum LaneKernel {
    /// Transforms the 8 vectors stored lane-wise at `lanes` (n registers), in place.
    @usableFromInline
    static func transform(_ lanes: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int) {
        ntm_wht_lanes(floats(lanes), n)
    }

    /// `x ← WHT(x ⊙ (x < 0 ? negative : positive))`: the switch-slope layer.
    @usableFromInline
    static func switchThenTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int,
                                    negative: UnsafePointer<SIMD8<Float>>, positive: UnsafePointer<SIMD8<Float>>) {
        ntm_wht_lanes_switch(floats(x), n, floats(negative), floats(positive))
    }

    /// `x ← WHT(x)` where `x[i] = u[i mod p] ⊙ flip[i]`: the controller's "tile, flip,
    /// spread" step. `tiles[i]` holds i mod p, computed once: a division per element costs
    /// more than the rest of the pass.
    @usableFromInline
    static func tileThenTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int, input u: UnsafePointer<SIMD8<Float>>,
                                  tiles: UnsafePointer<Int32>, flips: UnsafePointer<Float>) {
        ntm_wht_lanes_tile(floats(x), n, floats(u), tiles, flips)
    }

    /// `x ← WHT((v ⊙ c) ⊙ flip)`, two roundings in that order (the flip is exact). `v` may
    /// be `x` itself: the first pass reads each block of eight before it writes it. The
    /// tape hash's round.
    @usableFromInline
    static func scaleFlipThenTransform(_ x: UnsafeMutablePointer<SIMD8<Float>>, _ n: Int, input v: UnsafePointer<SIMD8<Float>>,
                                       scale c: SIMD8<Float>, flips: UnsafePointer<Float>) {
        withUnsafePointer(to: c) { c in
            ntm_wht_lanes_scale_flip(floats(x), n, floats(v), floats(c), flips)
        }
    }

    /// The registers at `p` as floats (8 per register), for the C kernels.
    @inline(__always) @usableFromInline
    static func floats(_ p: UnsafeMutablePointer<SIMD8<Float>>) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: Float.self)
    }

    @inline(__always) @usableFromInline
    static func floats(_ p: UnsafePointer<SIMD8<Float>>) -> UnsafePointer<Float> {
        UnsafeRawPointer(p).assumingMemoryBound(to: Float.self)
    }
}

// swift-tools-version:5.9
//
// NTMLife: an evolutionary artificial-life simulator whose agents carry a small
// Neural Turing Machine (a Walsh–Hadamard filter-bank controller + a hashed tape).
//
// Module direction is one-way:  NTMBrain  ←  NTMWorld  ←  NTMEvolution  ←  ntmlife
//   NTMBrain      pure numerics (RNG, WHT kernels, controller, memory, NTM step); no Foundation.
//   NTMWorld      world files (TOML), arenas, bodies, sensing, the tick, episodes.
//   NTMEvolution  genomes, mutation, populations, runs, checkpoints (Foundation lives here and at the edges).
//   NTMViewer     SDL2 drawing: plots now, the window and inspector next (CSDL2 is its shim).
//   ntmlife       the command-line tool (swift-argument-parser), thin.

import PackageDescription
import class Foundation.ProcessInfo

/// The hot kernels are written against 8-lane `SIMD8<Float>`. On x86-64 we compile for
/// Haswell (AVX2) so those become single ymm instructions. Swift never contracts a*b+c
/// into an FMA on its own, so results are bit-identical with or without this flag and in
/// debug and release; a test asserts that. Set NTMLIFE_PORTABLE=1 to build for baseline
/// x86-64 (e.g. for a pre-2013 CPU).
///
/// `-fno-math-errno`: `squareRoot()` comes from a C shim that libm semantics would make set
/// errno on a negative input, so each lane became `sqrtss` plus a call on the error path;
/// without errno, `SIMD8.squareRoot()` is one `vsqrtps`. IEEE square root is exact, so the
/// bits are the same.
var kernelSettings: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-fno-math-errno"])]
/// The WHT passes are C (Sources/CNTMKernels/include/ntm_wht.h says why). `-ffp-contract=off`
/// keeps clang from fusing a·b + c, which would change bits; `-O2` even in debug builds, so
/// the tests run the kernels as shipped; AVX2, FMA and F16C (the LSH banks' halves, which
/// every AVX2 CPU has; widening a half is exact, so it changes no bits) under the same switch
/// as the Swift code.
var cKernelSettings: [CSetting] = [.unsafeFlags(["-ffp-contract=off", "-O2"])]
#if arch(x86_64)
if ProcessInfo.processInfo.environment["NTMLIFE_PORTABLE"] == nil {
    kernelSettings.append(.unsafeFlags(["-target-cpu", "haswell"]))
    kernelSettings.append(.define("NTMLIFE_FMA"))     // TapeKernel.accumulate
    cKernelSettings.append(.unsafeFlags(["-mavx2", "-mfma", "-mf16c"]))
}
#endif

let package = Package(
    name: "NTMLife",
    products: [
        .executable(name: "ntmlife", targets: ["ntmlife"]),
        .library(name: "NTMBrain", targets: ["NTMBrain"]),
        .library(name: "NTMEvolution", targets: ["NTMEvolution"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // libm: `squareRoot()` is a call to sqrtf in unoptimised builds.
        .target(name: "CNTMKernels", path: "Sources/CNTMKernels", cSettings: cKernelSettings),
        .target(name: "NTMBrain", dependencies: ["CNTMKernels"], swiftSettings: kernelSettings,
                linkerSettings: [.linkedLibrary("m")]),
        .target(name: "NTMWorld", dependencies: ["NTMBrain", "CNTMKernels", "TOMLKit"], swiftSettings: kernelSettings),
        .target(name: "NTMEvolution", dependencies: ["NTMBrain", "NTMWorld"], swiftSettings: kernelSettings),
        .systemLibrary(name: "CSDL2", pkgConfig: "sdl2",
                       providers: [.apt(["libsdl2-dev", "libsdl2-ttf-dev", "libsdl2-image-dev"])]),
        // The shipped worlds and the UI font, built into the program (see embedded.S), so a
        // copied or installed binary needs no Worlds/ or Assets/ beside it.
        .target(name: "CNTMAssets", path: "Sources/CNTMAssets", cSettings: [.headerSearchPath("../..")]),
        .target(name: "NTMViewer", dependencies: ["CSDL2", "CNTMAssets", "NTMWorld", "NTMEvolution"]),
        // prctl(PR_SET_PDEATHSIG) for the processes an executor starts (LocalExecutor.swift).
        .target(name: "CNTMProcess", path: "Sources/CNTMProcess"),
        .executableTarget(
            name: "ntmlife",
            dependencies: [
                "NTMBrain", "NTMWorld", "NTMEvolution", "NTMViewer", "CNTMProcess", "CNTMKernels",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The Ray driver is Python, built into the program by CNTMAssets (RayExecutor.swift).
            exclude: ["Executors/ntmlife_ray.py"],
            swiftSettings: kernelSettings
        ),
        // The fuzz targets (Tests/Fuzz/README.md): libFuzzer's entry points when built with
        // -sanitize=fuzzer -DFUZZING, a replayer of saved inputs otherwise.
        .executableTarget(
            name: "ntmlife-fuzz",
            dependencies: ["NTMWorld", "NTMEvolution", "NTMViewer"],
            path: "Sources/ntmlife-fuzz"
        ),
        // What every test target shares: the fixtures' paths, exact-bit comparison, temp dirs.
        .target(name: "NTMTestSupport", dependencies: ["NTMBrain", "NTMWorld", "NTMEvolution"], path: "Tests/TestSupport"),
        .testTarget(name: "NTMBrainTests", dependencies: ["NTMBrain", "NTMTestSupport"], swiftSettings: kernelSettings),
        .testTarget(name: "NTMWorldTests", dependencies: ["NTMWorld", "NTMTestSupport"]),
        .testTarget(name: "NTMEvolutionTests", dependencies: ["NTMEvolution", "NTMTestSupport"]),
        .testTarget(name: "NTMViewerTests", dependencies: ["NTMViewer", "NTMWorld", "NTMTestSupport"]),
        .testTarget(name: "ntmlifeTests", dependencies: ["ntmlife", "NTMEvolution", "NTMWorld", "NTMTestSupport"]),
    ]
)

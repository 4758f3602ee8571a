import Foundation

// Built with `-sanitize=fuzzer -DFUZZING` (see Tests/Fuzz/README.md), libFuzzer supplies
// `main` and calls this for every input it makes; `LLVMFuzzerInitialize` picks the target
// once. Built plainly (as `swift build` does), the program is a replayer instead: it runs
// the target named by NTMLIFE_FUZZ_TARGET over each file given, so a crash libFuzzer found
// can be reproduced and debugged without the fuzzer.

#if FUZZING
nonisolated(unsafe) private var target: FuzzTarget = .world

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// SwiftPM links an executable's entry point as `<module>_main`; here it hands over to
/// libFuzzer's driver, which parses libFuzzer's flags and calls back once per input.
@_cdecl("ntmlife_fuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    target = FuzzTarget.fromEnvironment()
    if target == .ecosystemCheckpoint { _ = FuzzTarget.ecosystem }
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { bytes, size in
        target.run(bytes.map { Data(bytes: $0, count: size) } ?? Data())
        return 0
    }
}
#else
@main
struct FuzzReplayer {
    static func main() {
        let target = FuzzTarget.fromEnvironment()
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                FileHandle.standardError.write(Data("ntmlife-fuzz: cannot read \(path)\n".utf8))
                exit(2)
            }
            target.run(data)
            print("\(target.rawValue): \(path): ok")
        }
    }
}
#endif

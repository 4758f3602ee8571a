#!/usr/bin/env bash
# Fuzzes NTMLife's readers of untrusted input with libFuzzer (see Tests/Fuzz/README.md).
#
#   bash Tests/Fuzz/fuzz.sh [TARGET ...] [-- LIBFUZZER_FLAGS ...]
#
# TARGET: world, genome, checkpoint, ecosystem-checkpoint, input-script (default: all, one
# after another). Default flags: -max_total_time=600 (ten minutes each). Each target starts
# from its committed seed corpus, Tests/Fuzz/Corpus/TARGET, and grows a working corpus in
# .build/fuzz/corpus/TARGET; a crash is saved as .build/fuzz/crash-TARGET-* and reproduced
# with `NTMLIFE_FUZZ_TARGET=TARGET swift run ntmlife-fuzz FILE`.
set -euo pipefail
cd "$(dirname "$0")/../.."

targets=()
while [[ $# -gt 0 && "$1" != "--" ]]; do targets+=("$1"); shift; done
[[ "${1:-}" == "--" ]] && shift
flags=("$@")
[[ ${#flags[@]} -eq 0 ]] && flags=(-max_total_time=600)
[[ ${#targets[@]} -eq 0 ]] && targets=(world genome checkpoint ecosystem-checkpoint input-script)

# Instrumented for coverage (Swift and the C++ TOML parser alike), linked with libFuzzer
# (lld: gold cannot link libFuzzer's archive beside SwiftPM's entry point).
swift build -c release --product ntmlife-fuzz --scratch-path .build/fuzz \
    -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING \
    -Xcc -fsanitize=fuzzer-no-link -Xcxx -fsanitize=fuzzer-no-link \
    -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld

# Swift's own backtracer would take the crash from libFuzzer, which then saves no input.
export SWIFT_BACKTRACE=enable=no
failed=()
for target in "${targets[@]}"; do
    corpus=.build/fuzz/corpus/$target
    mkdir -p "$corpus"
    echo "== $target"
    NTMLIFE_FUZZ_TARGET=$target .build/fuzz/release/ntmlife-fuzz "$corpus" "Tests/Fuzz/Corpus/$target" \
        -artifact_prefix=".build/fuzz/crash-$target-" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1 "${flags[@]}" \
        || failed+=("$target")
    echo "== $target: corpus of $(ls "$corpus" | wc -l) inputs"
done
if [[ ${#failed[@]} -gt 0 ]]; then echo "fuzzing found a failure in: ${failed[*]}"; exit 1; fi

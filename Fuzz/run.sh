#!/usr/bin/env bash
# Builds libFuzzer targets and fuzzes them; see Fuzz/README.md.
#
#   Fuzz/run.sh [seconds] [target]     default: 300 seconds, reader
#   Fuzz/run.sh --smoke [seconds]      build every target, then fuzz each for [seconds] (default 60),
#                                      FUZZ_JOBS at a time (default: one per CPU)
#   Fuzz/run.sh --build-only [target]  build one target (default: every target) and stop
#
# Targets: reader (CSV long-list reader), json (JSON parser and spec loader), records (draw.json,
# finalize.json and spec loading, with seeds from real records), returned (a returned list finalized
# against a fixed small draw), units (a --units-file against the example's units), workbook
# (Fuzz/workbook/: inflate, XML, zip, workbooks).
#
# The library is built once (per sanitizer setting) as the module CaseSampling with -enable-testing,
# with its dependencies: the C targets CSHA256 and CScan (clang, each linked as an object, its header
# found through a generated module map) and the Swift module NearMatch. Each target is then its entry
# file and FuzzSupport.swift, which reach the library's internal state through @testable import.
#
# Builds into .build-fuzz/ (git-ignored), fuzzes a copy of the seed corpus, and exits 1 when libFuzzer
# fails or leaves a crash, timeout, leak or out-of-memory file in .build-fuzz/artifacts-<target>/, and
# 2 when a build fails. FUZZ_SANITIZE picks the sanitizers (default fuzzer,address; "fuzzer" alone runs
# several times faster). Extra libFuzzer flags go in FUZZ_FLAGS; CASESAMPLE_FUZZ_SKIP=name,... switches
# off invariants that guard bugs already reported (see FuzzSupport.swift).
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

swiftc="${SWIFTC:-/opt/swift/usr/bin/swiftc}"
clang="${CLANG:-/opt/swift/usr/bin/clang}"
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
out=.build-fuzz
tag="${sanitize//,/-}"
deps="$out/deps-$tag"
all_targets=(reader json records returned units workbook)

# The per-target settings: entry file, seed directory, -max_len, libFuzzer's per-input timeout.
settings() {
    case "$1" in
        reader) entry=Fuzz/ReaderFuzz.swift; seeds=Fuzz/corpus; maxlen=4096; timeout=20 ;;
        json) entry=Fuzz/JSONFuzz.swift; seeds=Fuzz/corpus-json; maxlen=8192; timeout=20 ;;  # the domain-two spec is 7.7 KB
        records) entry=Fuzz/RecordsFuzz.swift; seeds=Fuzz/corpus-records; maxlen=32768; timeout=20 ;;  # a draw.json is about 20 KB
        returned) entry=Fuzz/ReturnedFuzz.swift; seeds=Fuzz/corpus-returned; maxlen=4096; timeout=20 ;;
        units) entry=Fuzz/UnitsFuzz.swift; seeds=Fuzz/corpus-units; maxlen=2048; timeout=20 ;;
        workbook) entry=Fuzz/workbook/WorkbookFuzz.swift; seeds=Fuzz/workbook/corpus; maxlen=16384; timeout=10 ;;
        *) echo "unknown target: $1 (one of ${all_targets[*]})" >&2; exit 2 ;;
    esac
}

# The library and its dependencies, once per sanitizer setting and rebuilt when a source is newer:
# CSHA256 and CScan (clang, objects, each header found through a generated module map), NearMatch and
# CaseSampling (Swift modules and objects; CaseSampling with -enable-testing, so that the entry files
# reach its internal state through @testable import).
build_library() {
    [ -f "$deps/.built" ] && [ -z "$(find Sources/CSHA256 Sources/CScan Sources/NearMatch Sources/CaseSampling -newer "$deps/.built" -print -quit)" ] && return 0
    rm -rf "$deps"
    mkdir -p "$deps/modules"
    local c_sanitize="${sanitize//fuzzer/fuzzer-no-link}" module
    for module in CSHA256 CScan; do
        mkdir -p "$deps/modules/$module"
        printf 'module %s {\n    header "%s"\n    export *\n}\n' "$module" "$root/Sources/$module/include/$module.h" \
            >"$deps/modules/$module/module.modulemap"
        "$clang" -O2 -fsanitize="$c_sanitize" -c "Sources/$module/$module.c" -I "Sources/$module/include" -o "$deps/$module.o" || return 1
    done
    local swift_sanitize=()
    case "$sanitize" in *address*) swift_sanitize=(-sanitize=address) ;; esac
    "$swiftc" "${swift_sanitize[@]}" -parse-as-library -O -wmo -swift-version 6 -module-name NearMatch -emit-module \
        -emit-module-path "$deps/modules/NearMatch/NearMatch.swiftmodule" -c Sources/NearMatch/*.swift -o "$deps/NearMatch.o" || return 1
    # shellcheck disable=SC2046
    "$swiftc" -sanitize="$sanitize" -parse-as-library -O -wmo -enable-testing -swift-version 6 -package-name casesample -module-name CaseSampling \
        -I "$deps/modules/CSHA256" -I "$deps/modules/CScan" -I "$deps/modules/NearMatch" -emit-module \
        -emit-module-path "$deps/modules/CaseSampling/CaseSampling.swiftmodule" \
        -c $(find Sources/CaseSampling -name '*.swift' | sort) -o "$deps/CaseSampling.o" || return 1
    touch "$deps/.built"
}

# Builds $out/<target>-fuzz-<sanitizers>; exits 2 when the build fails.
build() {
    settings "$1"
    binary="$out/$1-fuzz-$tag"
    mkdir -p "$out"
    if ! build_library >"$out/build-library.log" 2>&1; then
        grep -v "warning: Cannot export local symbol" "$out/build-library.log" >&2
        echo "build of the library (CSHA256, CScan, NearMatch, CaseSampling) failed" >&2
        exit 2
    fi
    echo "building $binary" >&2
    rm -f "$binary"
    if ! "$swiftc" -sanitize="$sanitize" -parse-as-library -O -swift-version 6 -package-name casesample -module-name "Fuzz_$1" \
        -I "$deps/modules/CSHA256" -I "$deps/modules/CScan" -I "$deps/modules/NearMatch" -I "$deps/modules/CaseSampling" \
        "$entry" Fuzz/FuzzSupport.swift "$deps/CaseSampling.o" "$deps/CSHA256.o" "$deps/CScan.o" "$deps/NearMatch.o" \
        -o "$binary" >"$out/build-$1.log" 2>&1; then
        grep -v "warning: Cannot export local symbol" "$out/build-$1.log" >&2
        echo "build of $1 failed" >&2
        exit 2
    fi
}

# Fuzzes a built target for $2 seconds; returns 1 when anything failed.
fuzz() {
    settings "$1"
    local seconds="$2" work="$out/corpus-$1" artifacts="$out/artifacts-$1" status=0 found
    binary="$out/$1-fuzz-$tag"
    mkdir -p "$work" "$artifacts"
    # libFuzzer adds new inputs to the first corpus directory, so fuzz a copy and keep Fuzz/ clean.
    cp -n "$seeds"/* "$work"/ 2>/dev/null || true
    rm -f "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/leak-* "$artifacts"/oom-* "$artifacts"/slow-unit-*
    # The Swift runtime's own crash handler fights ASan's and can hang; libFuzzer reports crashes itself.
    # shellcheck disable=SC2086
    SWIFT_BACKTRACE=enable=no "$binary" "$work" -max_total_time="$seconds" -max_len="$maxlen" -timeout="$timeout" \
        -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} || status=$?
    found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' \) | wc -l)
    if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
        echo "fuzzing $1 failed (libFuzzer status $status); inputs that fail:" >&2
        find "$artifacts" -type f >&2
        return 1
    fi
    echo "$1: no failures in $seconds s" >&2
}

case "${1:-}" in
    --smoke)
        seconds="${2:-60}"
        # Build everything first, so that a broken build fails before any time is spent fuzzing.
        for target in "${all_targets[@]}"; do build "$target"; done
        # The targets fuzz FUZZ_JOBS at a time (default: one per CPU), each logging to its own file,
        # shown whole once it ends.
        jobs="${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}"
        failed=()
        running=()
        finish() {  # waits for the first running target and reports it
            local target="${running[0]}" pid="${pids[0]}"
            running=("${running[@]:1}")
            pids=("${pids[@]:1}")
            wait "$pid" || failed+=("$target")
            cat "$out/smoke-$target.log" >&2
        }
        pids=()
        for target in "${all_targets[@]}"; do
            [ "${#running[@]}" -ge "$jobs" ] && finish
            fuzz "$target" "$seconds" >"$out/smoke-$target.log" 2>&1 &
            running+=("$target")
            pids+=("$!")
        done
        while [ "${#running[@]}" -gt 0 ]; do finish; done
        if [ "${#failed[@]}" -gt 0 ]; then
            echo "fuzz smoke failed: ${failed[*]}" >&2
            exit 1
        fi
        echo "fuzz smoke: ${#all_targets[@]} targets built and fuzzed ${seconds} s each, no failures" >&2
        ;;
    --build-only)
        if [ -n "${2:-}" ]; then build "$2"; else for target in "${all_targets[@]}"; do build "$target"; done; fi
        ;;
    *)
        seconds="${1:-300}"
        target="${2:-reader}"
        build "$target"
        fuzz "$target" "$seconds" || exit 1
        ;;
esac

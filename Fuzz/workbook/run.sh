#!/usr/bin/env bash
# Builds the workbook libFuzzer target and fuzzes it; see Fuzz/workbook/README.md.
#
#   Fuzz/workbook/run.sh [seconds]      default: 300 seconds
#
# Self-contained beside Fuzz/run.sh: it also builds the library's dependencies, which Fuzz/run.sh does
# not yet do: the C targets CSHA256 and CScan (clang, linked as objects, their headers found through a
# generated module map) and the Swift module NearMatch (built first, then imported).
# Builds into .build-fuzz/ (git-ignored), fuzzes a copy of the seed corpus, and exits non-zero when
# libFuzzer fails or leaves a crash, timeout, leak or out-of-memory file in .build-fuzz/artifacts-workbook/.
# FUZZ_SANITIZE picks the sanitizers (default fuzzer,address); extra libFuzzer flags go in FUZZ_FLAGS.
set -euo pipefail

seconds="${1:-300}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"

swiftc="${SWIFTC:-/opt/swift/usr/bin/swiftc}"
clang="${CLANG:-/opt/swift/usr/bin/clang}"
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
out=.build-fuzz
binary="$out/workbook-fuzz-${sanitize//,/-}"
work="$out/corpus-workbook"
artifacts="$out/artifacts-workbook"
module="$out/csha256-module"
mkdir -p "$out" "$work" "$artifacts" "$module"

cat >"$module/module.modulemap" <<MAP
module CSHA256 {
    header "$root/Sources/CSHA256/include/CSHA256.h"
    export *
}
module CScan {
    header "$root/Sources/CScan/include/CScan.h"
    export *
}
MAP
c_sanitize="${sanitize//fuzzer/fuzzer-no-link}"
"$clang" -O2 -fsanitize="$c_sanitize" -c Sources/CSHA256/CSHA256.c -I Sources/CSHA256/include -o "$out/CSHA256.o"
"$clang" -O2 -fsanitize="$c_sanitize" -c Sources/CScan/CScan.c -I Sources/CScan/include -o "$out/CScan.o"

# NearMatch is its own module, imported by the library: build it first.
nearmatch="$out/nearmatch-module"
mkdir -p "$nearmatch"
swift_module_sanitize=()
case "$sanitize" in *address*) swift_module_sanitize=(-sanitize=address) ;; esac
"$swiftc" "${swift_module_sanitize[@]}" -parse-as-library -O -swift-version 6 -module-name NearMatch -emit-module \
    -emit-module-path "$nearmatch/NearMatch.swiftmodule" -c Sources/NearMatch/*.swift -o "$out/NearMatch.o"

echo "building $binary" >&2
rm -f "$binary"
# shellcheck disable=SC2046
if ! "$swiftc" -sanitize="$sanitize" -parse-as-library -O -swift-version 6 -module-name CaseSampling -package-name casesample \
    -I "$module" -I "$nearmatch" Fuzz/workbook/WorkbookFuzz.swift Fuzz/FuzzSupport.swift \
    $(find Sources/CaseSampling -name '*.swift' | sort) "$out/CSHA256.o" "$out/CScan.o" "$out/NearMatch.o" \
    -o "$binary" >"$out/build-workbook.log" 2>&1; then
    grep -v "warning: Cannot export local symbol" "$out/build-workbook.log" >&2
    echo "build failed" >&2
    exit 2
fi

cp -n Fuzz/workbook/corpus/* "$work"/ 2>/dev/null || true
rm -f "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/leak-* "$artifacts"/oom-* "$artifacts"/slow-unit-*

export SWIFT_BACKTRACE=enable=no
status=0
# shellcheck disable=SC2086
"$binary" "$work" -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} || status=$?

found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' \) | wc -l)
if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
    echo "fuzzing failed (libFuzzer status $status); inputs that fail:" >&2
    find "$artifacts" -type f >&2
    exit 1
fi
echo "no failures in $seconds s" >&2

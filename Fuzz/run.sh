#!/usr/bin/env bash
# Builds a libFuzzer target and fuzzes it; see Fuzz/README.md.
#
#   Fuzz/run.sh [seconds] [reader|json]     default: 300 seconds, reader
#
# Builds into .build-fuzz/ (git-ignored), fuzzes a copy of the seed corpus, and exits non-zero when
# libFuzzer fails or leaves a crash, timeout, leak or out-of-memory file in .build-fuzz/artifacts-<target>/.
# FUZZ_SANITIZE picks the sanitizers (default fuzzer,address; "fuzzer" alone runs several times faster,
# since ASan makes each of the reader's 4 MiB buffers a fresh mmap). Extra libFuzzer flags go in FUZZ_FLAGS; CASESAMPLE_FUZZ_SKIP=name,... switches off
# invariants that guard bugs already reported (see ReaderFuzz.swift).
set -euo pipefail

seconds="${1:-300}"
target="${2:-reader}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

case "$target" in
    reader) entry=Fuzz/ReaderFuzz.swift; seeds=Fuzz/corpus; maxlen=4096 ;;
    json) entry=Fuzz/JSONFuzz.swift; seeds=Fuzz/corpus-json; maxlen=8192 ;;  # the domain-two spec is 7.7 KB
    *) echo "unknown target: $target (reader or json)" >&2; exit 2 ;;
esac

swiftc="${SWIFTC:-/opt/swift/usr/bin/swiftc}"
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
out=.build-fuzz
binary="$out/$target-fuzz-${sanitize//,/-}"
work="$out/corpus-$target"
artifacts="$out/artifacts-$target"
mkdir -p "$out" "$work" "$artifacts"

echo "building $binary" >&2
rm -f "$binary"
# shellcheck disable=SC2046
if ! "$swiftc" -sanitize="$sanitize" -parse-as-library -O -swift-version 6 -module-name CaseSampling \
    "$entry" Fuzz/FuzzSupport.swift $(find Sources/CaseSampling -name '*.swift' | sort) -o "$binary" >"$out/build-$target.log" 2>&1; then
    grep -v "warning: Cannot export local symbol" "$out/build-$target.log" >&2
    echo "build failed" >&2
    exit 2
fi

# libFuzzer adds new inputs to the first corpus directory, so fuzz a copy and keep Fuzz/ clean.
cp -n "$seeds"/* "$work"/ 2>/dev/null || true
rm -f "$artifacts"/crash-* "$artifacts"/timeout-* "$artifacts"/leak-* "$artifacts"/oom-*

# The Swift runtime's own crash handler fights ASan's and can hang; libFuzzer reports crashes itself.
export SWIFT_BACKTRACE=enable=no
status=0
# shellcheck disable=SC2086
"$binary" "$work" -max_total_time="$seconds" -max_len="$maxlen" -timeout=20 -print_final_stats=1 \
    -artifact_prefix="$artifacts/" ${FUZZ_FLAGS:-} || status=$?

found=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' \) | wc -l)
if [ "$found" -gt 0 ] || [ "$status" -ne 0 ]; then
    echo "fuzzing failed (libFuzzer status $status); inputs that fail:" >&2
    find "$artifacts" -type f >&2
    exit 1
fi
echo "no failures in $seconds s" >&2

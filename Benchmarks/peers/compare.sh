#!/usr/bin/env bash
# Runs the five peer jobs on one long list, checks each one's sample with check_sample.py (valid
# rows, eligible, exact largest-remainder allocation, one substitute each, no duplicates, and the
# count lines it printed), and diffs the count lines between jobs. The drawn rows themselves
# differ (each tool has its own seeded generator or hash), except that both polars jobs hash the
# CRN with the same seed and so must draw the same rows; that is checked too.
#
# usage: Benchmarks/peers/compare.sh LONG_LIST.csv [OUT_DIR]
#   OUT_DIR keeps each job's sample.csv and counts.txt (default: a temporary directory, removed).
# Exit status: 0 all valid and agreeing, 1 a job failed or a check did not pass, 64 bad usage.
set -euo pipefail

usage() {
  sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'
}
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  usage
  exit 0
fi
if [ $# -lt 1 ] || [ $# -gt 2 ] || [ ! -f "$1" ]; then
  usage >&2
  exit 64
fi
csv="$1"
here="$(cd "$(dirname "$0")" && pwd)"
if [ $# -eq 2 ]; then
  out="$2"
  mkdir -p "$out"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

jobs=(duckdb polars polars_streaming pandas datatable)
dirs=()
for job in "${jobs[@]}"; do
  mkdir -p "$out/$job"
  case "$job" in
    datatable) command=(Rscript "$here/datatable_job.R") ;;
    *) command=(python3 "$here/${job}_job.py") ;;
  esac
  if ! "${command[@]}" "$csv" "$out/$job/sample.csv" > "$out/$job/counts.txt"; then
    echo "compare: the $job job failed" >&2
    exit 1
  fi
  dirs+=("$out/$job")
done

status=0
python3 "$here/check_sample.py" "$csv" "${dirs[@]}" || status=1
for job in "${jobs[@]:1}"; do
  if ! diff -u --label duckdb --label "$job" "$out/duckdb/counts.txt" "$out/$job/counts.txt"; then
    status=1
  fi
done
if ! cmp -s "$out/polars/sample.csv" "$out/polars_streaming/sample.csv"; then
  echo "compare: polars and polars_streaming drew different rows" >&2
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "all ${#jobs[@]} jobs drew valid samples and agree on every count for $csv"
else
  echo "compare: a check failed (above)" >&2
fi
exit "$status"

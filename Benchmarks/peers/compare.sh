#!/usr/bin/env bash
# Runs the four peer jobs on one long list and checks that they agree on every count: rows,
# exclusions per reason, eligible rows, each cell's count, expected share, allocation and draw,
# and each unit's eligible rows. The sampled rows themselves differ (each tool has its own
# generator); only how many were drawn is compared.
#
# usage: Benchmarks/peers/compare.sh LONG_LIST.csv
# Exit status: 0 all agree, 1 a job failed or the counts differ, 64 bad usage.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -f "$1" ]; then
  echo "usage: $0 LONG_LIST.csv   (a long list, e.g. from casesample-gen)" >&2
  exit 64
fi
csv="$1"
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

jobs=(polars pandas duckdb datatable)
for job in "${jobs[@]}"; do
  case "$job" in
    datatable) command=(Rscript "$here/datatable_job.R" "$csv") ;;
    *) command=(python3 "$here/${job}_job.py" "$csv") ;;
  esac
  if ! "${command[@]}" > "$out/$job.txt"; then
    echo "compare: the $job job failed" >&2
    exit 1
  fi
done

status=0
for job in "${jobs[@]:1}"; do
  if ! diff -u --label polars --label "$job" "$out/polars.txt" "$out/$job.txt"; then
    status=1
  fi
done

summary() { grep -E "^($1)"$'\t' "$out/polars.txt" | cut -f2- | tr '\t' ' ' | paste -sd ';' | sed 's/;/; /g'; }
if [ "$status" -eq 0 ]; then
  echo "all ${#jobs[@]} jobs agree on $csv:"
  echo "  rows $(summary rows); eligible $(summary eligible); sample $(summary sample)"
  echo "  excluded: $(summary excluded)"
  echo "  $(grep -c $'^cell\t' "$out/polars.txt") cells, $(grep -c $'^unit\t' "$out/polars.txt") tier-2 units"
else
  echo "compare: the jobs disagree (diffs above)" >&2
fi
exit "$status"

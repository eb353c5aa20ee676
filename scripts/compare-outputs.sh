#!/usr/bin/env bash
# Runs the same casesample commands with two builds and compares every output byte for byte: stdout,
# stderr, exit status and every file written. For refactors that must not change behaviour.
#
# usage: scripts/compare-outputs.sh OLD_BINARY NEW_BINARY [LONG_LIST...]
#   Without long lists: the shipped example only. Extra long lists (a 1M-row file, a shuffled copy)
#   get draw, inspect --json, units --csv and verify.
set -euo pipefail
if [ $# -lt 2 ] || [ "$1" = "--help" ]; then sed -n '2,7p' "$0"; exit 64; fi
old=$1 new=$2; shift 2
cd "$(dirname "$0")/.."
example=SampleSpecs/examples/long-list.csv
returned=SampleSpecs/examples/returned.csv
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
differences=0

run() {  # run NAME ARGS... : runs both builds in their own folder; {dir} in ARGS is that folder
  local name=$1; shift
  for side in old new; do
    local bin=$old; [ $side = new ] && bin=$new
    local dir="$work/$side/$name"; mkdir -p "$dir"
    local args=(); for a in "$@"; do args+=("${a//\{dir\}/$dir}"); done
    set +e; "$bin" "${args[@]}" > "$dir/.stdout" 2> "$dir/.stderr"; echo $? > "$dir/.status"; set -e
    sed -i "s#$dir#{dir}#g; s#$bin#{bin}#g" "$dir/.stdout" "$dir/.stderr"
  done
  if diff -r "$work/old/$name" "$work/new/$name" > "$work/$name.diff"; then
    echo "same: $name"
  else
    echo "DIFFERENT: $name"; head -20 "$work/$name.diff"; differences=$((differences + 1))
  fi
}

run draw-example draw $example --size 120 --seed 7 --out {dir}/sample
run draw-default-json draw $example --out {dir}/sample --json
run draw-units draw $example --units 'North/Durham,North/Stockton,South/*' --min-per-unit 12 --max-per-officer 4 --out {dir}/sample
run draw-substitutes draw $example --size 40 --substitutes 2 --seed 731 --out {dir}/sample
run inspect inspect $example
run inspect-json inspect $example --json
run units units $example --csv {dir}/units.csv
run units-json units $example --json
run size size --population 1624
run confidence confidence --yes 84 --of 130 --population 1624
for side in old new; do
  bin=$old; [ $side = new ] && bin=$new
  mkdir -p "$work/$side/finalize"
  "$bin" draw $example --size 120 --seed 7 --out "$work/$side/finalize/sample" > /dev/null
  "$bin" finalize --draw "$work/$side/finalize/sample" --returned $returned > "$work/$side/finalize/.stdout"
  sed -i "s#$work/$side/finalize#{dir}#g" "$work/$side/finalize/.stdout"
  "$bin" verify "$work/$side/finalize/sample" $example > "$work/$side/finalize/.verify" 2>&1 || true
  sed -i "s#$work/$side/finalize#{dir}#g" "$work/$side/finalize/.verify"
done
if diff -r "$work/old/finalize" "$work/new/finalize"; then echo "same: finalize, verify"; else echo "DIFFERENT: finalize"; differences=$((differences + 1)); fi

for list in "$@"; do
  tag=$(basename "$list" .csv)
  run "draw-$tag" draw "$list" --size 120 --seed 7 --out {dir}/sample
  run "inspect-$tag" inspect "$list" --json
  run "units-$tag" units "$list" --csv {dir}/units.csv
done
echo "$differences difference(s)"
[ $differences -eq 0 ]

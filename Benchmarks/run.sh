#!/usr/bin/env bash
# Times casesample against the peer tools on generated long lists, from a fresh clone.
#
# usage: Benchmarks/run.sh [options]
#
#   --data DIR        where the long lists and outputs go, outside the repository
#                     (default /tmp/casesample-bench, or $CASESAMPLE_BENCH_DATA)
#   --sizes LIST      which files, comma-separated, of 100k, 1m, 10m (default all three; the
#                     shuffled copy of the 1M file is timed whenever 1m is)
#   --runs N          timed runs per contender at 100k and 1M (default 5)
#   --runs-10m N      timed runs per contender at 10M (default 3)
#   --max-busy F      a round starts only when other processes kept the CPUs busy less than this
#                     share over 5 seconds (default 0.10: a fifth of one of two cores)
#   --max-wait S      seconds to wait for that before each round, then run anyway (default 900)
#   --wait-budget S   seconds of waiting in all, after which rounds no longer wait (default 10800)
#   --no-install      do not install the peer tools (pip, apt); use what is there
#   --no-readme       do not rewrite Benchmarks/README.md; print the results section instead
#   -h, --help        show this help
#
# What it does: installs the peers (Benchmarks/peers/install.sh), builds casesample and
# casesample-gen in release, generates `casesample-gen --rows N --seed 1` files (reused when their
# SHA-256 is the documented one) and a copy of the 1M file with its records shuffled (header
# first), warms the page cache, runs every peer once per file and checks its sample with
# Benchmarks/peers/check_sample.py (stops if any is invalid), then times every contender in
# rounds: each round runs each contender once, one after the other (paired runs), with GNU time
# (wall, user + sys CPU seconds, peak RSS) and the CPU time other processes used meanwhile (from
# /proc/stat). Finally Benchmarks/report.py turns the runs into tables and writes them between
# `<!-- results:begin -->` and `<!-- results:end -->` in Benchmarks/README.md. Raw runs are kept in
# DIR/results/. Progress goes to stderr. Exit status 0 done, 1 a step or a check failed, 64 usage.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"

data="${CASESAMPLE_BENCH_DATA:-/tmp/casesample-bench}"
sizes="100k,1m,10m"
runs=5
runs_10m=3
max_busy=0.10
max_wait=900
wait_budget=10800
install=1
readme=1

usage() { sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; }
die() { echo "run.sh: $*" >&2; exit 1; }
need_value() { [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; usage >&2; exit 64; }; }

invocation="Benchmarks/run.sh${*:+ $*}"
while [ $# -gt 0 ]; do
  case "$1" in
    --data) need_value "$@"; data="$2"; shift 2 ;;
    --sizes) need_value "$@"; sizes="$2"; shift 2 ;;
    --runs) need_value "$@"; runs="$2"; shift 2 ;;
    --runs-10m) need_value "$@"; runs_10m="$2"; shift 2 ;;
    --max-busy) need_value "$@"; max_busy="$2"; shift 2 ;;
    --max-wait) need_value "$@"; max_wait="$2"; shift 2 ;;
    --wait-budget) need_value "$@"; wait_budget="$2"; shift 2 ;;
    --no-install) install=0; shift ;;
    --no-readme) readme=0; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "run.sh: unknown option $1" >&2; usage >&2; exit 64 ;;
  esac
done
for number in "$runs" "$runs_10m" "$max_wait" "$wait_budget"; do
  [[ "$number" =~ ^[0-9]+$ ]] || { echo "run.sh: not a whole number: $number" >&2; exit 64; }
done
[[ "$max_busy" =~ ^[0-9]*\.?[0-9]+$ ]] || { echo "run.sh: --max-busy is not a number: $max_busy" >&2; exit 64; }
labels=()
IFS=, read -r -a wanted <<< "$sizes"
for size in "${wanted[@]}"; do
  case "$size" in
    100k | 1m | 10m) labels+=("$size") ;;
    *) echo "run.sh: --sizes takes 100k, 1m, 10m, not $size" >&2; exit 64 ;;
  esac
done
case "$(cd "$data" 2> /dev/null && pwd || echo "$data")/" in
  "$repo"/*) die "--data $data is inside the repository; generated files are never kept there" ;;
esac

started=$(date +%s)
progress() { printf '[run.sh %s +%ds] %s\n' "$(date -u +%H:%M:%S)" "$(($(date +%s) - started))" "$*" >&2; }

# --- Tools --------------------------------------------------------------------------------------
if [ "$install" -eq 1 ]; then
  progress "installing peer tools (skipping what is present)"
  bash "$here/peers/install.sh" >&2
fi
for tool in python3 Rscript /usr/bin/time swift; do
  command -v "$tool" > /dev/null || die "$tool is missing (run without --no-install, or install it)"
done

progress "building casesample and casesample-gen (release)"
(cd "$repo" && swift build -c release --product casesample >&2 && swift build -c release --product casesample-gen >&2)
bin="$(cd "$repo" && swift build -c release --show-bin-path)"
casesample="$bin/casesample"
generator="$bin/casesample-gen"

# --- Files --------------------------------------------------------------------------------------
mkdir -p "$data/results"
data="$(cd "$data" && pwd)"
declare -A rows=([100k]=100000 [1m]=1000000 [10m]=10000000)
declare -A digest=(
  [100k]=488878b4ec8d585261f42c80012256a2c71ee1564564463bdfeb0f7912680e3f
  [1m]=4acc69719d574aa154b8bde6b290ccc698b20b3b3c1f25aaaa79ab3746b51629
  [10m]=1e95ebed8d197fb421cf5a661aa18ea5921e498b6f7cc3f060fdf1c367e5288f
)
for size in "${labels[@]}"; do
  file="$data/ll-$size.csv"
  if [ -f "$file" ] && [ "$(sha256sum "$file" | cut -d' ' -f1)" = "${digest[$size]}" ]; then
    progress "$file is there (SHA-256 as documented)"
  else
    progress "generating $file (casesample-gen --rows ${rows[$size]} --seed 1)"
    "$generator" --rows "${rows[$size]}" --seed 1 --out "$file"
    [ "$(sha256sum "$file" | cut -d' ' -f1)" = "${digest[$size]}" ] ||
      progress "note: $file's SHA-256 differs from the one in Benchmarks/README.md (generator changed?)"
  fi
done
files=("${labels[@]}")
if [[ " ${labels[*]} " == *" 1m "* ]]; then
  shuffled="$data/ll-1m-shuffled.csv"
  if [ ! -f "$shuffled" ] || [ "$shuffled" -ot "$data/ll-1m.csv" ]; then
    progress "shuffling the records of ll-1m.csv into $shuffled"
    python3 "$here/shuffle_records.py" "$data/ll-1m.csv" "$shuffled"
  fi
  files+=("1m-shuffled")
fi
progress "warming the page cache"
for label in "${files[@]}"; do cat "$data/ll-$label.csv" > /dev/null; done

# --- Contenders ---------------------------------------------------------------------------------
peers=(duckdb polars polars-streaming pandas datatable)
ours=(inspect units draw verify)
floors=(wc-l cat)
contenders_for() {  # the contenders timed on a file
  case "$1" in
    1m-shuffled) echo "${floors[*]} ${ours[*]}" ;;
    *) echo "${floors[*]} ${ours[*]} ${peers[*]}" ;;
  esac
}
work="$data/work"

# Sets `cmd` to the command line of contender $1 on file label $2 with outputs under $3, and
# `stdout_to` to where its standard output goes.
command_for() {
  local name="$1" label="$2" out="$3" file="$data/ll-$2.csv"
  stdout_to="$out/stdout.txt"
  case "$name" in
    wc-l) cmd=(wc -l "$file") ;;
    cat) cmd=(cat "$file"); stdout_to=/dev/null ;;
    inspect | units) cmd=("$casesample" "$name" "$file") ;;
    draw) cmd=("$casesample" draw "$file" --size 120 --seed 7 --out "$out/draw") ;;
    verify) cmd=("$casesample" verify "$work/$label/draw-for-verify" "$file") ;;
    duckdb | polars | pandas) cmd=(python3 "$here/peers/${name}_job.py" "$file" "$out/sample.csv") ;;
    polars-streaming) cmd=(python3 "$here/peers/polars_streaming_job.py" "$file" "$out/sample.csv") ;;
    datatable) cmd=(Rscript "$here/peers/datatable_job.R" "$file" "$out/sample.csv") ;;
  esac
}

# Busy jiffies (all CPUs) so far, from the first line of /proc/stat.
busy_jiffies() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9; exit}' /proc/stat; }
all_jiffies() { awk '/^cpu /{print $2+$3+$4+$5+$6+$7+$8+$9; exit}' /proc/stat; }
hz=$(getconf CLK_TCK)

# Waits until other processes keep the CPUs busy less than max_busy over 5 s, at most max_wait s
# (and at most what is left of wait_budget). Sets quiet_note to what it saw.
waited_total=0
wait_for_quiet() {
  local waited=0 b0 a0 b1 a1 share
  while :; do
    b0=$(busy_jiffies); a0=$(all_jiffies); sleep 5; b1=$(busy_jiffies); a1=$(all_jiffies)
    share=$(awk -v b=$((b1 - b0)) -v a=$((a1 - a0)) 'BEGIN { printf "%.2f", (a > 0 ? b / a : 0) }')
    if awk -v s="$share" -v m="$max_busy" 'BEGIN { exit !(s < m) }'; then
      quiet_note="busy $share"
      [ "$waited" -eq 0 ] || quiet_note="busy $share after waiting ${waited}s"
      return
    fi
    waited=$((waited + 5))
    waited_total=$((waited_total + 5))
    if [ "$waited" -ge "$max_wait" ] || [ "$waited_total" -ge "$wait_budget" ]; then
      quiet_note="not quiet: busy $share after waiting ${waited}s"
      progress "still busy ($share of the CPUs used by others) after ${waited}s; running anyway"
      return
    fi
    if [ $((waited % 60)) -eq 0 ]; then
      progress "waiting for a quiet machine: others use $share of the CPUs (load $(cut -d' ' -f1 /proc/loadavg)), ${waited}s so far"
    fi
  done
}

# Times one run; appends a line to the results TSV.
tsv="$data/results/runs-$(date -u +%Y%m%dT%H%M%SZ).tsv"
printf 'file\tcontender\tround\twall_s\tuser_s\tsys_s\tmaxrss_kb\tload1\tothers_cpu_s\tquiet\n' > "$tsv"
time_run() {
  local name="$1" label="$2" round="$3" out="$work/$2/$1" t0 t1 b0 b1 load wall user sys rss others
  rm -rf "$out"
  mkdir -p "$out"
  command_for "$name" "$label" "$out"
  load=$(cut -d' ' -f1 /proc/loadavg)
  b0=$(busy_jiffies)
  t0=$EPOCHREALTIME
  /usr/bin/time -f '%U %S %M' -o "$out/time.txt" "${cmd[@]}" > "$stdout_to" ||
    die "$name failed on ll-$label.csv (see $out)"
  t1=$EPOCHREALTIME
  b1=$(busy_jiffies)
  read -r user sys rss < <(tail -n 1 "$out/time.txt")
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  others=$(awk -v j=$((b1 - b0)) -v hz="$hz" -v u="$user" -v s="$sys" 'BEGIN { o = j / hz - u - s; printf "%.2f", (o > 0 ? o : 0) }')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$name" "$round" "$wall" "$user" "$sys" "$rss" "$load" "$others" "$quiet_note" >> "$tsv"
  last_wall="$wall"
}

# --- Checks (also the warm-up run of every contender) -------------------------------------------
for label in "${files[@]}"; do
  file="$data/ll-$label.csv"
  progress "ll-$label.csv: one untimed run of every contender, and the checks"
  mkdir -p "$work/$label"
  rm -rf "$work/$label/draw-for-verify"
  "$casesample" draw "$file" --size 120 --seed 7 --out "$work/$label/draw-for-verify" > /dev/null ||
    die "casesample draw failed on $file"
  checked=()
  for name in $(contenders_for "$label"); do
    out="$work/$label/$name"
    rm -rf "$out"
    mkdir -p "$out"
    command_for "$name" "$label" "$out"
    "${cmd[@]}" > "$stdout_to" || die "$name failed on $file (see $out)"
    case " ${peers[*]} " in
      *" $name "*) cp "$out/stdout.txt" "$out/counts.txt"; checked+=("$out") ;;
    esac
  done
  if [ "${#checked[@]}" -gt 0 ]; then
    progress "checking the peers' samples of ll-$label.csv (check_sample.py)"
    python3 "$here/peers/check_sample.py" "$file" "${checked[@]}" | tee "$work/$label/check.txt" >&2 ||
      die "a peer's sample of $file is not valid (above); nothing was timed"
  fi
done

# --- Timing -------------------------------------------------------------------------------------
for label in "${files[@]}"; do
  n="$runs"
  [ "$label" = 10m ] && n="$runs_10m"
  read -r -a contenders <<< "$(contenders_for "$label")"
  for ((round = 1; round <= n; round++)); do
    wait_for_quiet
    progress "ll-$label.csv round $round/$n ($quiet_note, load $(cut -d' ' -f1 /proc/loadavg))"
    # Rotate the order each round so that no contender always follows the same one.
    count=${#contenders[@]}
    for ((i = 0; i < count; i++)); do
      name="${contenders[$(((i + round - 1) % count))]}"
      time_run "$name" "$label" "$round"
      progress "  $label $name: ${last_wall} s"
    done
  done
done

# --- Report -------------------------------------------------------------------------------------
elapsed=$(($(date +%s) - started))
progress "all runs done in ${elapsed}s; writing the report"
report=(python3 "$here/report.py" "$tsv" --data "$data" --repo "$repo" --elapsed "$elapsed" --invocation "$invocation")
if [ "$readme" -eq 1 ]; then
  "${report[@]}" --readme "$here/README.md"
  progress "wrote the results into Benchmarks/README.md (raw runs: $tsv)"
else
  "${report[@]}"
fi

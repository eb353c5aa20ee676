"""Turns the runs Benchmarks/run.sh recorded into the results section of Benchmarks/README.md.

usage: python3 report.py RUNS.tsv --data DIR --repo DIR [--elapsed S] [--invocation TEXT] [--readme README.md]

RUNS.tsv has one line per timed run (file, contender, round, wall_s, user_s, sys_s, maxrss_kb,
load1, others_cpu_s, quiet). With --readme the text between `<!-- results:begin -->` and
`<!-- results:end -->` is replaced; without it the section is printed.
"""
import argparse
import csv
import datetime
import os
import platform
import re
import statistics
import subprocess
import sys
from collections import defaultdict

BEGIN, END = "<!-- results:begin -->", "<!-- results:end -->"
FILES = ["10m", "1m", "100k", "1m-shuffled"]
ROWS = {"100k": 100_000, "1m": 1_000_000, "10m": 10_000_000, "1m-shuffled": 1_000_000}
TITLES = {
    "10m": "10,000,000 rows (`ll-10m.csv`, 1.45 GB)",
    "1m": "1,000,000 rows (`ll-1m.csv`, 145 MB)",
    "100k": "100,000 rows (`ll-100k.csv`, 14.5 MB)",
    "1m-shuffled": "1,000,000 rows, records shuffled (`ll-1m-shuffled.csv`)",
}
NAMES = {
    "wc-l": "`wc -l`",
    "cat": "`cat > /dev/null`",
    "inspect": "casesample `inspect`",
    "units": "casesample `units`",
    "draw": "casesample `draw`",
    "verify": "casesample `verify`",
    "duckdb": "DuckDB",
    "polars": "polars (eager)",
    "polars-streaming": "polars (streaming)",
    "pandas": "pandas (pyarrow engine)",
    "datatable": "R data.table + sampling",
}
PEERS = ["duckdb", "polars", "polars-streaming", "pandas", "datatable"]
COMMANDS = """\
F=/tmp/casesample-bench/ll-10m.csv              # or ll-100k.csv, ll-1m.csv, ll-1m-shuffled.csv
B=.build/release/casesample; P=Benchmarks/peers; O=an empty directory per run
wc -l $F
cat $F > /dev/null
$B inspect $F
$B units $F
$B draw $F --size 120 --seed 7 --out $O/draw     # $O removed before every run
$B verify $D $F                                  # $D: one draw of $F made before the runs
python3 $P/duckdb_job.py $F $O/sample.csv
python3 $P/polars_job.py $F $O/sample.csv
python3 $P/polars_streaming_job.py $F $O/sample.csv
python3 $P/pandas_job.py $F $O/sample.csv
Rscript $P/datatable_job.R $F $O/sample.csv"""


def output(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as handle:
        total_kb = int(re.search(r"MemTotal:\s+(\d+)", handle.read()).group(1))
    return f"{os.cpu_count()} CPUs ({model}), {total_kb / 2**20:.1f} GiB memory, Linux {platform.release()}"


def versions():
    python = output([sys.executable, "-c",
                     "import duckdb, polars, pandas, pyarrow, numpy; print(f'DuckDB {duckdb.__version__}, "
                     "polars {polars.__version__}, pandas {pandas.__version__}, pyarrow {pyarrow.__version__}, "
                     "numpy {numpy.__version__}')"])
    r = output(["Rscript", "-e", "cat(sprintf('R %s, data.table %s, sampling %s', getRversion(), "
                "packageVersion('data.table'), packageVersion('sampling')))"])
    return f"{python}; Python {platform.python_version()}; {r}"


def seconds(value):
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def summarise(runs):
    """Per (file, contender): runs, median and range of wall time, median CPU, peak RSS."""
    table = {}
    for key, rows in runs.items():
        walls = [float(row["wall_s"]) for row in rows]
        cpus = [float(row["user_s"]) + float(row["sys_s"]) for row in rows]
        table[key] = {
            "n": len(rows),
            "median": statistics.median(walls),
            "low": min(walls),
            "high": max(walls),
            "cpu": statistics.median(cpus),
            "peak_mib": max(int(row["maxrss_kb"]) for row in rows) / 1024,
            "others": max(float(row["others_cpu_s"]) for row in rows),
        }
    return table


def ratio(a, b):
    return f"{a / b:.2f}×" if b > 0 else "–"


def render(rows, args):
    runs = defaultdict(list)
    for row in rows:
        runs[(row["file"], row["contender"])].append(row)
    table = summarise(runs)
    files = [f for f in FILES if any(key[0] == f for key in table)]
    loads = [float(row["load1"]) for row in rows]
    others = [float(row["others_cpu_s"]) for row in rows]
    rounds = {(row["file"], row["round"]): row["quiet"] for row in rows}
    not_quiet = sorted(f"{f} round {r}" for (f, r), note in rounds.items() if note.startswith("not quiet"))
    waited = sum(int(m.group(1)) for note in rounds.values() for m in [re.search(r"waiting (\d+)s", note)] if m)
    now = datetime.datetime.now(datetime.timezone.utc)
    swift = output(["swift", "--version"]).splitlines()
    lines = [
        BEGIN,
        "",
        f"Written by `{args.invocation}` on {now:%Y-%m-%d %H:%M} UTC"
        + (f" (the whole run took {int(args.elapsed) // 60} min {int(args.elapsed) % 60} s)." if args.elapsed else "."),
        "",
        f"- Machine: {machine()}.",
        f"- Toolchain: {swift[0] if swift else 'unknown'}; release builds.",
        f"- Peers: {versions()}.",
        f"- Files: `casesample-gen --rows N --seed 1` in `{args.data}`, warm in the page cache; "
        "each contender's output directory is removed before each run.",
        f"- Load: 1-minute load average {min(loads):.2f}–{max(loads):.2f} at the starts of the runs "
        "(it includes the previous run of this harness, which it trails by about a minute); CPU time other "
        f"processes used during a run: at most {max(others):.2f} s"
        + f"; {len(rounds) - len(not_quiet)} of {len(rounds)} rounds started after 5 s in which other processes used "
        "less than the --max-busy share of the CPUs"
        + (f" (not: {', '.join(not_quiet)})" if not_quiet else "")
        + f"; {waited} s spent waiting for that.",
        "",
        "Each round runs every contender once, one after another, in an order that rotates from round to",
        "round. Wall time is the median and range over the rounds; CPU is the median user + sys seconds",
        "and peak the largest maximum RSS (GNU time); `× peer` is the median over the fastest peer's",
        "median (below 1 is faster), `× wc -l` over `wc -l`'s. \"Others\" is the most CPU time other processes",
        "used during any one run of the contender (from /proc/stat), a sign of interference.",
        "",
        "```",
        COMMANDS,
        "```",
    ]
    for f in files:
        peers = [table[(f, p)]["median"] for p in PEERS if (f, p) in table]
        fastest = min(peers) if peers else None
        wc = table.get((f, "wc-l"), {}).get("median")
        lines += ["", f"#### {TITLES[f]}", "",
                  "| contender | runs | wall, median | range | CPU s | peak MiB | × peer | × `wc -l` | others, s |",
                  "|---|---|---|---|---|---|---|---|---|"]
        for name in NAMES:
            if (f, name) not in table:
                continue
            t = table[(f, name)]
            lines.append(
                f"| {NAMES[name]} | {t['n']} | {seconds(t['median'])} s | {seconds(t['low'])}–{seconds(t['high'])} s "
                f"| {t['cpu']:.2f} | {t['peak_mib']:.0f} | {ratio(t['median'], fastest) if fastest else '–'} "
                f"| {ratio(t['median'], wc) if wc else '–'} | {t['others']:.2f} |")

    sized = [f for f in ["100k", "1m", "10m"] if f in files]
    if len(sized) > 1:
        lines += ["", "#### Scaling (casesample; seconds per million rows from the medians)", "",
                  "| contender | " + " | ".join(f"{f}: median, per 1M rows" for f in sized) + " | largest / smallest per-1M |",
                  "|---|" + "---|" * len(sized) + "---|"]
        for name in ["inspect", "units", "draw", "verify", "wc-l"]:
            if all((f, name) in table for f in sized):
                per = [table[(f, name)]["median"] / (ROWS[f] / 1e6) for f in sized]
                cells = [f"{seconds(table[(f, name)]['median'])} s, {seconds(p)} s" for f, p in zip(sized, per)]
                lines.append(f"| {NAMES[name]} | " + " | ".join(cells) + f" | {max(per) / min(per):.2f} |")

    if "1m" in files and "1m-shuffled" in files:
        lines += ["", "#### Row order (1M rows: as generated, and shuffled)", "",
                  "| contender | ordered, median | shuffled, median | shuffled / ordered | peak MiB, ordered / shuffled |",
                  "|---|---|---|---|---|"]
        for name in ["inspect", "units", "draw", "verify", "wc-l", "cat"]:
            if ("1m", name) in table and ("1m-shuffled", name) in table:
                a, b = table[("1m", name)], table[("1m-shuffled", name)]
                lines.append(f"| {NAMES[name]} | {seconds(a['median'])} s | {seconds(b['median'])} s "
                             f"| {b['median'] / a['median']:.2f} | {a['peak_mib']:.0f} / {b['peak_mib']:.0f} |")

    lines += ["", "#### Against the targets (issue 14)", ""]
    lines += targets(table, files)
    lines += ["", END]
    return "\n".join(lines)


def targets(table, files):
    out = []
    if "10m" in files and ("10m", "draw") in table:
        peers = {p: table[("10m", p)]["median"] for p in PEERS if ("10m", p) in table}
        draw = table[("10m", "draw")]
        if peers:
            best = min(peers, key=peers.get)
            speedup = peers[best] / draw["median"]
            out.append(f"- `draw` at least 5× faster than the fastest peer at 10M: {NAMES[best]} "
                       f"{seconds(peers[best])} s, `draw` {seconds(draw['median'])} s: {speedup:.2f}× "
                       f"({'met' if speedup >= 5 else 'not met'}).")
        out.append(f"- Peak memory ≤ 300 MiB at 10M: `draw` {draw['peak_mib']:.0f} MiB "
                   f"({'met' if draw['peak_mib'] <= 300 else 'not met'}).")
    if "10m" in files and ("10m", "wc-l") in table:
        wc = table[("10m", "wc-l")]["median"]
        for name in ["inspect", "units", "verify"]:
            if ("10m", name) in table:
                r = table[("10m", name)]["median"] / wc
                out.append(f"- `{name}` within 3× of `wc -l` at 10M: {r:.1f}× ({'met' if r <= 3 else 'not met'}).")
    sized = [f for f in ["100k", "1m", "10m"] if f in files]
    for name in ["draw", "inspect"]:
        if len(sized) > 1 and all((f, name) in table for f in sized):
            per = [table[(f, name)]["median"] / (ROWS[f] / 1e6) for f in sized]
            spread = per[-1] / per[-2]
            out.append(f"- `{name}` linear in rows: seconds per million rows "
                       + ", ".join(f"{seconds(p)} ({f})" for f, p in zip(sized, per))
                       + f"; {sized[-1]} / {sized[-2]} = {spread:.2f} "
                       + f"({'met' if 0.8 <= spread <= 1.25 else 'not met'}, taking within ±25% between the two largest files as linear; "
                       + "the smallest file carries the fixed start-up costs).")
    if "1m" in files and "1m-shuffled" in files:
        for name in ["draw", "inspect"]:
            if ("1m", name) in table and ("1m-shuffled", name) in table:
                r = table[("1m-shuffled", name)]["median"] / table[("1m", name)]["median"]
                out.append(f"- `{name}` the same whatever the row order: shuffled / ordered = {r:.2f} "
                           f"({'met' if 0.9 <= r <= 1.1 else 'not met'}, within ±10%).")
    return out or ["- (no 10M or 1M runs in this report)"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs")
    parser.add_argument("--data", required=True)
    parser.add_argument("--repo", required=True)
    parser.add_argument("--elapsed", type=float, default=0)
    parser.add_argument("--invocation", default="Benchmarks/run.sh")
    parser.add_argument("--readme")
    args = parser.parse_args()
    with open(args.runs, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    if not rows:
        sys.exit("report.py: no runs recorded")
    os.chdir(args.repo)
    section = render(rows, args)
    if not args.readme:
        print(section)
        return
    with open(args.readme, encoding="utf-8") as handle:
        text = handle.read()
    if BEGIN not in text or END not in text:
        sys.exit(f"report.py: {args.readme} has no {BEGIN} … {END} section")
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    with open(args.readme + ".tmp", "w", encoding="utf-8") as handle:
        handle.write(head + section + tail)
    os.replace(args.readme + ".tmp", args.readme)


if __name__ == "__main__":
    main()

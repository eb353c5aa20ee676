"""Checks that peer jobs drew a valid domain-two sample from a long list.

usage: python3 check_sample.py LONG_LIST.csv DIR [DIR ...]

Each DIR holds one job's output: sample.csv (the drawn rows) and, optionally, counts.txt (what the
job printed). The long list is read once, with Python's csv module only, so that nothing here
shares code with the tools being checked. For every DIR it checks:

- sample.csv has the long list's 19 columns, then Stratum, Rank and Role;
- every row is a row of the long list, field for field, and no case reference appears twice;
- every row is eligible (no flag Y; a community case has a qualifying requirement), and its
  Stratum is its (gender, sentence group, RoSH) cell, written gender/group/rosh;
- each cell has exactly its largest-remainder allocation of 120 as `selected` rows and as many
  `substitute` rows (fewer only when the cell has too few eligible cases), Ranks 1, 2, ... in the
  cell, the selected ones first: 240 rows in all on any realistic list;
- counts.txt, when present, equals the expected count lines exactly.

Prints one line per DIR; exit status 0 when all pass, 1 when any fails, 64 on bad usage.

The count lines (tab-separated, in this order):

    rows        N                          data rows in the long list
    excluded    N                          rows meeting at least one exclusion rule
    eligible    N
    cell        GENDER GROUP ROSH N EXPECTED ALLOCATED   one per cell with eligible cases, in byte
                                           order of (gender, group, rosh); EXPECTED = 120 * N /
                                           eligible, printed with six decimals
    sample      SELECTED SUBSTITUTES
"""
import csv
import math
import os
import sys
from collections import Counter, defaultdict

SAMPLE_SIZE = 120
COLUMNS = [
    "CRN", "Surname", "Forename", "DateOfBirth", "Gender", "Tier1Unit", "Tier2Unit", "ResponsibleOfficer",
    "SentenceType", "SentenceDate", "ReleaseDate", "RoSH", "Requirements", "YOTHeld", "SFOReview",
    "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess",
]
EXTRA = ["Stratum", "Rank", "Role"]
FLAGS = ["YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess"]
EXCLUDING_ONLY = {"Unpaid Work", "Attendance Centre", "Exclusion", "Curfew", ""}
GENDER = {"Male": "male", "Female": "female"}
SENTENCE_GROUP = {
    "Community Order": "community", "Suspended Sentence Order": "community",
    "Licence": "post-custody", "Post Sentence Supervision": "post-custody",
}
ROSH = {"Low": "low", "Medium": "medium", "High": "high", "Very High": "very high"}


def cell_of(row, index):
    """The row's (gender, group, rosh) cell, or None when an exclusion rule applies."""
    if any(row[index[flag]] == "Y" for flag in FLAGS):
        return None
    group = SENTENCE_GROUP.get(row[index["SentenceType"]], "unknown")
    if group == "community" and all(item.strip() in EXCLUDING_ONLY for item in row[index["Requirements"]].split(";")):
        return None
    return (GENDER.get(row[index["Gender"]], "unknown"), group, ROSH.get(row[index["RoSH"]], "unknown"))


def allocate(cells):
    """Largest remainder: each cell gets the floor of 120 * n / eligible, and the cells with the
    largest remainders one more each until 120 are given (ties to the earlier cell in byte order)."""
    eligible = sum(cells.values())
    order = sorted(cells, key=lambda key: tuple(part.encode() for part in key))
    expected = {key: float(SAMPLE_SIZE) * cells[key] / eligible for key in order}
    allocation = {key: math.floor(expected[key]) for key in order}
    shortfall = SAMPLE_SIZE - sum(allocation.values())
    ranked = sorted(range(len(order)), key=lambda i: (-(expected[order[i]] - allocation[order[i]]), i))
    for i in ranked[:shortfall]:
        allocation[order[i]] += 1
    allocation = {key: min(allocation[key], cells[key]) for key in order}
    return order, expected, allocation


def read_sample(path):
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            return header, list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        return f"cannot read {path}: {error}", []


def main(long_list, dirs):
    samples = {}
    wanted = set()
    for directory in dirs:
        header, rows = read_sample(os.path.join(directory, "sample.csv"))
        samples[directory] = (header, rows)
        if header == COLUMNS + EXTRA:
            wanted.update(row[0] for row in rows if row)

    totals = Counter()
    cells = Counter()
    found = {}
    with open(long_list, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != COLUMNS:
            sys.exit(f"check_sample: {long_list} does not have the long list's header")
        index = {name: i for i, name in enumerate(header)}
        for row in reader:
            totals["rows"] += 1
            cell = cell_of(row, index)
            if cell is None:
                totals["excluded"] += 1
            else:
                cells[cell] += 1
            if row[0] in wanted:
                found[row[0]] = (row, cell)

    order, expected, allocation = allocate(cells)
    substitutes = {key: min(allocation[key], cells[key] - allocation[key]) for key in order}
    n_selected, n_substitutes = sum(allocation.values()), sum(substitutes.values())
    lines = [f"rows\t{totals['rows']}", f"excluded\t{totals['excluded']}", f"eligible\t{sum(cells.values())}"]
    lines += [f"cell\t{g}\t{s}\t{r}\t{cells[(g, s, r)]}\t{expected[(g, s, r)]:.6f}\t{allocation[(g, s, r)]}"
              for g, s, r in order]
    lines.append(f"sample\t{n_selected}\t{n_substitutes}")

    failed = 0
    for directory in dirs:
        header, rows = samples[directory]
        problems = check(header, rows, found, order, allocation, substitutes)
        counts = os.path.join(directory, "counts.txt")
        if os.path.exists(counts):
            with open(counts, encoding="utf-8") as handle:
                printed = handle.read().splitlines()
            if printed != lines:
                first = next((i for i, (a, b) in enumerate(zip(printed, lines)) if a != b), min(len(printed), len(lines)))
                got = printed[first] if first < len(printed) else "(end)"
                want = lines[first] if first < len(lines) else "(end)"
                problems.append(f"counts.txt line {first + 1} is {got!r}, expected {want!r}")
        if problems:
            failed += 1
            print(f"FAIL {directory}: " + "; ".join(problems[:5]) + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""))
        else:
            print(f"ok   {directory}: {len(rows)} rows = {n_selected} selected + {n_substitutes} substitutes "
                  f"over {len(order)} cells, all eligible, allocation exact, no duplicates")
    print(f"check_sample: {long_list}: {totals['rows']} rows, {sum(cells.values())} eligible; "
          f"{len(dirs) - failed} of {len(dirs)} samples valid")
    return 1 if failed else 0


def check(header, rows, found, order, allocation, substitutes):
    if isinstance(header, str):
        return [header]
    if header != COLUMNS + EXTRA:
        return [f"header is {header!r}, expected the long list's columns then {', '.join(EXTRA)}"]
    problems = []
    seen = set()
    by_cell = defaultdict(list)
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            problems.append(f"line {number}: {len(row)} fields")
            continue
        crn, stratum, rank, role = row[0], row[-3], row[-2], row[-1]
        if crn in seen:
            problems.append(f"line {number}: {crn} appears twice")
        seen.add(crn)
        if crn not in found:
            problems.append(f"line {number}: {crn} is not in the long list")
            continue
        original, cell = found[crn]
        if row[:len(COLUMNS)] != original:
            problems.append(f"line {number}: {crn} differs from its row in the long list")
        if cell is None:
            problems.append(f"line {number}: {crn} is not eligible")
            continue
        if stratum != "/".join(cell):
            problems.append(f"line {number}: {crn} has Stratum {stratum!r}, its cell is {'/'.join(cell)!r}")
        if role not in ("selected", "substitute") or not rank.isdigit():
            problems.append(f"line {number}: Role {role!r}, Rank {rank!r}")
            continue
        by_cell[cell].append((int(rank), role))
    for key in set(by_cell) - set(order):
        problems.append(f"cell {'/'.join(key)} has no eligible cases")
    for key in order:
        drawn = sorted(by_cell.get(key, []))
        want = [(i, "selected") for i in range(1, allocation[key] + 1)]
        want += [(allocation[key] + i, "substitute") for i in range(1, substitutes[key] + 1)]
        if drawn != want:
            got = Counter(role for _, role in drawn)
            problems.append(f"cell {'/'.join(key)}: {got['selected']} selected and {got['substitute']} substitutes "
                            f"(ranks {[r for r, _ in drawn][:8]}...), expected {allocation[key]} and {substitutes[key]} ranked 1..")
    return problems


if __name__ == "__main__":
    if len(sys.argv) < 3:
        print("usage: python3 check_sample.py LONG_LIST.csv DIR [DIR ...]   (each DIR has sample.csv, counts.txt)",
              file=sys.stderr)
        sys.exit(64)
    sys.exit(main(sys.argv[1], sys.argv[2:]))

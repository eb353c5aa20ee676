"""The domain-two job on a long list, with pandas (pyarrow engine, numpy masks). See
Benchmarks/README.md ("Peers").

usage: python3 pandas_job.py LONG_LIST.csv SAMPLE.csv

Reads the file with the pyarrow engine (multi-threaded), the few-valued columns as categoricals
(Arrow dictionaries) and the rest as Arrow strings, so that every rule is decided once per distinct
value and applied to the rows as numpy arrays of codes. Each eligible row gets a cell number and a
uniform random number from numpy's seeded generator; per cell, argpartition finds the 240 smallest
(a top-k, not a sort). The allocation of 120 by largest remainder is made on the 16 cell counts; each
cell's first k rows are the sample and the next k their substitutes. Arrow allocates with the C
library's allocator (see main). Prints the shared count lines
(see peers/check_sample.py) to stdout.
"""
import re
import sys

import numpy as np
import pandas as pd
import pyarrow as pa

from job_common import (FLAGS, GENDER, GENDERS, GROUPS, ONLY_EXCLUDING, ROSH, ROSHS, SAMPLE_SIZE, SEED, SENTENCE_GROUP, TOP,
                        cell_label, count_lines)

CATEGORICAL = ["Gender", "SentenceType", "RoSH", "Requirements", *FLAGS]


def codes(column: pd.Series, table: dict, order: list) -> np.ndarray:
    """The position in `order` of each row's mapped value (unknown for anything not in `table`)."""
    lookup = np.array([order.index(table.get(value, "unknown")) for value in column.cat.categories] + [order.index("unknown")],
                      dtype=np.int16)
    return lookup[column.cat.codes.to_numpy()]  # code -1 (missing) takes the last entry


def per_category(column: pd.Series, test) -> np.ndarray:
    """`test` of each row's value, decided once per category; a missing value counts as ''."""
    lookup = np.array([test(value) for value in column.cat.categories] + [test("")], dtype=bool)
    return lookup[column.cat.codes.to_numpy()]


def main(path: str, out: str) -> None:
    # The C library's allocator instead of pyarrow's default (mimalloc): measured on this machine,
    # a 10M-row read then needs about 4.4 GB instead of 5.0 GB and a third less CPU time.
    pa.set_memory_pool(pa.system_memory_pool())
    df = pd.read_csv(path, engine="pyarrow", dtype={name: "category" for name in CATEGORICAL}, dtype_backend="pyarrow")
    g = codes(df["Gender"], GENDER, GENDERS)
    s = codes(df["SentenceType"], SENTENCE_GROUP, GROUPS)
    r = codes(df["RoSH"], ROSH, ROSHS)
    only_excluding = re.compile(ONLY_EXCLUDING)
    excluded = (s == GROUPS.index("community")) & per_category(df["Requirements"], lambda v: only_excluding.fullmatch(v) is not None)
    for flag in FLAGS:
        excluded |= per_category(df[flag], lambda v: v == "Y")

    cell = (g * len(GROUPS) + s) * len(ROSHS) + r
    cell[excluded] = -1
    n_cells = len(GENDERS) * len(GROUPS) * len(ROSHS)
    counts = np.bincount(cell[~excluded], minlength=n_cells)
    present = np.flatnonzero(counts)
    eligible = int(counts.sum())

    expected = float(SAMPLE_SIZE) * counts[present] / eligible
    allocated = np.floor(expected).astype(np.int64)
    shortfall = SAMPLE_SIZE - int(allocated.sum())
    # Largest remainder, ties to the earlier cell (a stable sort keeps cell order among equals).
    allocated[np.argsort(-(expected - allocated), kind="stable")[:shortfall]] += 1
    allocated = np.minimum(allocated, counts[present])

    u = np.random.default_rng(SEED).random(len(df))
    picked, stratum, rank, role = [], [], [], []
    for c, a in zip(present, allocated):
        rows = np.flatnonzero(cell == c)
        k = min(2 * int(a), len(rows), TOP)
        top = rows[np.argpartition(u[rows], k - 1)[:k]] if k < len(rows) else rows
        top = top[np.argsort(u[top], kind="stable")]
        picked.append(top)
        stratum += ["/".join(cell_label(c))] * len(top)
        rank += range(1, len(top) + 1)
        role += ["selected" if i < a else "substitute" for i in range(len(top))]
    sample = df.iloc[np.concatenate(picked)].assign(Stratum=stratum, Rank=rank, Role=role)
    sample.to_csv(out, index=False)

    cells = [(*cell_label(c), int(n), float(e), int(a)) for c, n, e, a in zip(present, counts[present], expected, allocated)]
    print(count_lines(len(df), len(df) - eligible, cells))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 pandas_job.py LONG_LIST.csv SAMPLE.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])

"""The domain-two job on a long list, with polars' streaming engine in two scan_csv passes. See
Benchmarks/README.md ("Peers").

usage: python3 polars_streaming_job.py LONG_LIST.csv SAMPLE.csv

Pass 1 reads only the columns the rules need, with the file's row numbers, and keeps per cell its
count and the row numbers of the 240 rows with the smallest seeded hash of the CRN (bottom_k_by on
a one-byte cell number, so what the group-by holds stays small). The allocation of 120 by largest
remainder is made on the 16-row cell table (as in polars_job.py, so both draw the same rows). Pass
2 reads every column but keeps only the drawn row numbers, joins their stratum, rank and role, and
streams them to the CSV. Prints the shared count lines (see peers/check_sample.py) to stdout.
"""
import sys

import polars as pl

from job_common import NEEDED, count_lines
from polars_job import allocate, top_per_cell


def main(path: str, out: str) -> None:
    groups = top_per_cell(
        pl.scan_csv(path, infer_schema=False, row_index_name="row").select("row", *NEEDED)
    ).collect(engine="streaming")
    rows, excluded, table, drawn = allocate(groups)
    (
        pl.scan_csv(path, infer_schema=False, row_index_name="row")
        .filter(pl.col("row").is_in(drawn["row"].implode()))
        .join(drawn.lazy(), on="row")
        .sort("cell", "Rank")
        .drop("row", "cell")
        .sink_csv(out, engine="streaming")
    )
    print(count_lines(rows, excluded, table))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 polars_streaming_job.py LONG_LIST.csv SAMPLE.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])

"""The domain-two job on a long list, with polars' streaming engine in two scan_csv passes. See
Benchmarks/README.md ("Peers").

usage: python3 polars_streaming_job.py LONG_LIST.csv SAMPLE.csv

Pass 1 reads only the columns the rules need (with the file's row numbers), classifies each row and
keeps per cell its eligible count and the row numbers of the 240 rows with the smallest seeded hash
of the CRN (bottom_k_by), in constant memory. The allocation of 120 by largest remainder is made on
the 16-row cell table. Pass 2 reads every column but keeps only the drawn row numbers, and the
sample is written with them. Prints the shared count lines (see peers/check_sample.py) to stdout.
"""
import sys

import polars as pl

from job_common import NEEDED, TOP, count_lines
from polars_job import allocation_frame, classified


def main(path: str, out: str) -> None:
    groups = (
        classified(pl.scan_csv(path, infer_schema=False, row_index_name="row").select("row", *NEEDED))
        .group_by("g", "s", "r", "excluded")
        .agg(pl.len().alias("n"), pl.col("row").bottom_k_by("h", TOP).alias("top"))
        .collect(engine="streaming")
    )
    rows = int(groups["n"].sum())
    excluded = int(groups.filter(pl.col("excluded"))["n"].sum())
    eligible = groups.filter(~pl.col("excluded"))
    cells = allocation_frame(eligible.select("g", "s", "r", "n"))
    drawn = (
        eligible.join(cells.select("g", "s", "r", "allocated", "ord"), on=["g", "s", "r"])
        .select("g", "s", "r", "allocated", "ord", pl.col("top").list.head(2 * pl.col("allocated")).alias("row"))
        .explode("row")
        .with_columns(pl.int_range(1, pl.len() + 1).over("ord").alias("Rank"))
        .select(
            "row",
            "ord",
            pl.concat_str("g", "s", "r", separator="/").alias("Stratum"),
            "Rank",
            pl.when(pl.col("Rank") <= pl.col("allocated")).then(pl.lit("selected")).otherwise(pl.lit("substitute")).alias("Role"),
        )
    )
    (
        pl.scan_csv(path, infer_schema=False, row_index_name="row")
        .filter(pl.col("row").is_in(drawn["row"].implode()))
        .join(drawn.lazy(), on="row")
        .sort("ord", "Rank")
        .drop("row", "ord")
        .sink_csv(out, engine="streaming")
    )
    print(count_lines(rows, excluded, cells.drop("ord").rows()))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 polars_streaming_job.py LONG_LIST.csv SAMPLE.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])

"""The domain-two job on a long list, with polars (eager read, lazy multi-threaded query). See
Benchmarks/README.md ("Peers").

usage: python3 polars_job.py LONG_LIST.csv SAMPLE.csv

Reads the whole file into memory with every column as String (the output needs every column's
original text), then one lazy query: the cell and exclusion of each row, eligible counts per cell,
and per cell the row numbers of the 240 rows with the smallest seeded hash of the CRN (bottom_k_by:
a top-k, not a sort); only the drawn rows are then gathered with all their columns. The allocation of 120 by largest remainder is computed on the 16-row cell table; each cell's
first k rows are the sample and the next k their substitutes. Prints the shared count lines (see
peers/check_sample.py) to stdout.
"""
import sys

import polars as pl

from job_common import FLAGS, GENDER, ONLY_EXCLUDING, ROSH, SAMPLE_SIZE, SEED, SENTENCE_GROUP, TOP, count_lines


def classified(frame: pl.LazyFrame) -> pl.LazyFrame:
    """Adds the cell (g, s, r), `excluded` and the seeded hash `h` of the CRN."""
    return frame.with_columns(
        pl.col("Gender").replace_strict(GENDER, default="unknown").alias("g"),
        pl.col("SentenceType").replace_strict(SENTENCE_GROUP, default="unknown").alias("s"),
        pl.col("RoSH").replace_strict(ROSH, default="unknown").alias("r"),
        pl.col("CRN").hash(SEED).alias("h"),
    ).with_columns(
        (
            pl.any_horizontal(pl.col(flag) == "Y" for flag in FLAGS).fill_null(False)
            | ((pl.col("s") == "community") & pl.col("Requirements").fill_null("").str.contains(f"^{ONLY_EXCLUDING}$"))
        ).alias("excluded")
    )


def allocation_frame(counts: pl.DataFrame) -> pl.DataFrame:
    """Largest remainder over the cells (g, s, r, n): the floor of each cell's expected count, then
    one more for the cells with the largest remainders (ties to the earlier cell in byte order)."""
    cells = counts.sort("g", "s", "r").with_row_index("ord").with_columns(
        (pl.lit(float(SAMPLE_SIZE)) * pl.col("n") / pl.col("n").sum()).alias("expected")
    ).with_columns(pl.col("expected").floor().cast(pl.Int64).alias("fl"))
    shortfall = SAMPLE_SIZE - cells["fl"].sum()
    rest_rank = pl.struct((pl.col("fl") - pl.col("expected")), "ord").rank("ordinal")
    return cells.with_columns(
        pl.min_horizontal(pl.col("fl") + (rest_rank <= shortfall).cast(pl.Int64), pl.col("n")).alias("allocated")
    ).select("g", "s", "r", "n", "expected", "allocated", "ord")


def main(path: str, out: str) -> None:
    cases = pl.read_csv(path, infer_schema=False)
    groups = (
        classified(cases.lazy().with_row_index("row"))
        .group_by("g", "s", "r", "excluded")
        .agg(pl.len().alias("n"), pl.col("row").bottom_k_by("h", TOP).alias("top"))
        .collect()
    )
    totals = groups.group_by("excluded").agg(pl.col("n").sum())
    rows = int(totals["n"].sum())
    excluded = int(totals.filter(pl.col("excluded"))["n"].sum())
    eligible = groups.filter(~pl.col("excluded"))
    cells = allocation_frame(eligible.select("g", "s", "r", "n"))
    drawn = (
        eligible.join(cells.select("g", "s", "r", "allocated", "ord"), on=["g", "s", "r"])
        .select("g", "s", "r", "allocated", "ord", pl.col("top").list.head(2 * pl.col("allocated")))
        .explode("top")
        .with_columns(pl.int_range(1, pl.len() + 1).over("ord").alias("Rank"))
        .sort("ord", "Rank")
    )
    sample = pl.concat([
        cases[drawn["top"]],
        drawn.select(
            pl.concat_str("g", "s", "r", separator="/").alias("Stratum"),
            "Rank",
            pl.when(pl.col("Rank") <= pl.col("allocated")).then(pl.lit("selected")).otherwise(pl.lit("substitute")).alias("Role"),
        ),
    ], how="horizontal")
    sample.write_csv(out)
    print(count_lines(rows, excluded, cells.drop("ord").rows()))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 polars_job.py LONG_LIST.csv SAMPLE.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])

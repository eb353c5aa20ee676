"""The domain-two job on a long list, with polars (eager multi-threaded read, lazy query). See
Benchmarks/README.md ("Peers").

usage: python3 polars_job.py LONG_LIST.csv SAMPLE.csv

Reads the whole file into memory with every column as String (the output needs every column's
original text), then one lazy query: each row's cell as a small integer (null when an exclusion
rule applies, all from elementwise expressions) and a seeded hash of its CRN; per cell the count and
the row numbers of the 240 rows with the smallest hash (bottom_k_by: a top-k, not a sort). The
allocation of 120 by largest remainder is made on the 16-row cell table; only the drawn rows are
then gathered with all their columns, each cell's first k the sample and the next k their
substitutes. Prints the shared count lines (see peers/check_sample.py) to stdout.
"""
import operator
import sys
from functools import reduce

import polars as pl

from job_common import (FLAGS, GENDER, GENDERS, GROUPS, ONLY_EXCLUDING, ROSH, ROSHS, SAMPLE_SIZE, SEED, SENTENCE_GROUP,
                        TOP, cell_label, count_lines)


def code(column: str, table: dict, order: list) -> pl.Expr:
    """The position in `order` of the column's mapped value, as a when/then chain (elementwise,
    so that the streaming engine streams it; replace_strict would make it gather the column)."""
    expr = pl
    for value, mapped in table.items():
        expr = expr.when(pl.col(column) == value).then(pl.lit(order.index(mapped), pl.UInt8))
    return expr.otherwise(pl.lit(order.index("unknown"), pl.UInt8))


def cells_and_hashes(frame: pl.LazyFrame) -> pl.LazyFrame:
    """`cell` (UInt8, null for an excluded row) and `h`, the seeded hash of the CRN."""
    group = code("SentenceType", SENTENCE_GROUP, GROUPS)
    excluded = reduce(operator.or_, [(pl.col(flag) == "Y").fill_null(False) for flag in FLAGS]) | (
        (group == GROUPS.index("community")) & pl.col("Requirements").fill_null("").str.contains(f"^{ONLY_EXCLUDING}$")
    )
    cell = (code("Gender", GENDER, GENDERS) * len(GROUPS) + group) * len(ROSHS) + code("RoSH", ROSH, ROSHS)
    return frame.select("row", pl.when(excluded).then(None).otherwise(cell).alias("cell"), pl.col("CRN").hash(SEED).alias("h"))


def top_per_cell(frame: pl.LazyFrame) -> pl.LazyFrame:
    return cells_and_hashes(frame).group_by("cell").agg(pl.len().alias("n"), pl.col("row").bottom_k_by("h", TOP).alias("top"))


def allocate(groups: pl.DataFrame):
    """Largest remainder over the eligible cells: the floor of each cell's expected count, then one
    more for the cells with the largest remainders (ties to the earlier cell, in byte order of
    (gender, group, rosh), which is cell-number order). Returns the counts, the cell table
    (cell, n, expected, allocated) and the drawn rows (row, cell, Stratum, Rank, Role)."""
    rows = int(groups["n"].sum())
    excluded = int(groups.filter(pl.col("cell").is_null())["n"].sum())
    cells = (
        groups.filter(pl.col("cell").is_not_null()).sort("cell")
        .with_columns((pl.lit(float(SAMPLE_SIZE)) * pl.col("n") / pl.col("n").sum()).alias("expected"))
        .with_columns(pl.col("expected").floor().cast(pl.Int64).alias("fl"))
    )
    shortfall = SAMPLE_SIZE - cells["fl"].sum()
    rest_rank = pl.struct(pl.col("fl") - pl.col("expected"), "cell").rank("ordinal")
    cells = cells.with_columns(
        pl.min_horizontal(pl.col("fl") + (rest_rank <= shortfall).cast(pl.Int64), pl.col("n")).alias("allocated")
    )
    labels = {cell: "/".join(cell_label(cell)) for cell in cells["cell"]}
    drawn = (
        cells.select("cell", "allocated", pl.col("top").list.head(2 * pl.col("allocated")).alias("row"))
        .explode("row")
        .with_columns(pl.int_range(1, pl.len() + 1).over("cell").alias("Rank"))
        .select(
            "row", "cell",
            pl.col("cell").replace_strict(labels, return_dtype=pl.String).alias("Stratum"),
            "Rank",
            pl.when(pl.col("Rank") <= pl.col("allocated")).then(pl.lit("selected")).otherwise(pl.lit("substitute")).alias("Role"),
        )
    )
    table = [(*cell_label(c), n, e, a) for c, n, e, a in cells.select("cell", "n", "expected", "allocated").iter_rows()]
    return rows, excluded, table, drawn


def main(path: str, out: str) -> None:
    cases = pl.read_csv(path, infer_schema=False)
    groups = top_per_cell(cases.lazy().with_row_index("row")).collect()
    rows, excluded, table, drawn = allocate(groups)
    drawn = drawn.sort("cell", "Rank")
    pl.concat([cases[drawn["row"]], drawn.select("Stratum", "Rank", "Role")], how="horizontal").write_csv(out)
    print(count_lines(rows, excluded, table))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 polars_job.py LONG_LIST.csv SAMPLE.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])

"""The domain-two job on a long list, with polars. See Benchmarks/README.md ("Peers").

usage: python3 polars_job.py LONG_LIST.csv

Prints the counts in the shared tab-separated format that compare.sh diffs.
"""
import sys

import polars as pl

SAMPLE_SIZE = 120
SEED = 1
FLAGS = ["YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess"]
EXCLUDING_ONLY = ["Unpaid Work", "Attendance Centre", "Exclusion", "Curfew"]
GENDER = {"Male": "male", "Female": "female"}
SENTENCE_GROUP = {
    "Community Order": "community", "Suspended Sentence Order": "community",
    "Licence": "post-custody", "Post Sentence Supervision": "post-custody",
}
ROSH = {"Low": "low", "Medium": "medium", "High": "high", "Very High": "very high"}
CELL = ["gender", "group", "rosh"]


def main(path: str) -> None:
    df = pl.read_csv(path, infer_schema=False)
    df = df.with_columns(
        pl.col("Gender").replace_strict(GENDER, default="unknown").alias("gender"),
        pl.col("SentenceType").replace_strict(SENTENCE_GROUP, default="unknown").alias("group"),
        pl.col("RoSH").replace_strict(ROSH, default="unknown").alias("rosh"),
    )
    items = pl.col("Requirements").fill_null("").str.split(";").list.eval(pl.element().str.strip_chars())
    reasons = {flag: pl.col(flag) == "Y" for flag in FLAGS}
    reasons["Requirements"] = (pl.col("group") == "community") & (
        items.list.eval(pl.element().is_in(EXCLUDING_ONLY) | (pl.element() == "")).list.all()
    )
    df = df.with_columns([expr.alias(f"x_{name}") for name, expr in reasons.items()])
    excluded = pl.any_horizontal([f"x_{name}" for name in reasons])
    totals = df.select(
        pl.len().alias("rows"),
        *[pl.col(f"x_{name}").sum() for name in reasons],
        excluded.sum().alias("any"),
    ).row(0, named=True)

    eligible = df.filter(~excluded)
    cells = eligible.group_by(CELL).len("n").sort(CELL)
    n_eligible = eligible.height
    cells = cells.with_columns((pl.lit(float(SAMPLE_SIZE)) * pl.col("n") / n_eligible).alias("expected"))
    cells = cells.with_columns(pl.col("expected").floor().cast(pl.Int64).alias("floor"))
    shortfall = SAMPLE_SIZE - cells["floor"].sum() if n_eligible else 0
    # Largest remainder: the `shortfall` cells with the largest fractional parts get one more
    # (ties to the earlier cell in sorted order).
    cells = cells.with_row_index("order").with_columns((pl.col("expected") - pl.col("floor")).alias("rest"))
    bonus = cells.sort(["rest", "order"], descending=[True, False]).head(shortfall)["order"]
    cells = cells.with_columns(
        pl.min_horizontal(pl.col("floor") + pl.col("order").is_in(bonus.implode()).cast(pl.Int64), pl.col("n"))
        .alias("allocated")
    )

    allocation = cells.select(*CELL, "allocated")
    sample = (
        eligible.join(allocation, on=CELL)
        .with_columns(pl.int_range(pl.len()).shuffle(seed=SEED).over(CELL).alias("draw"))
        .filter(pl.col("draw") < pl.col("allocated"))
    )
    drawn = dict(((g, s, r), n) for g, s, r, n in sample.group_by(CELL).len().iter_rows())

    units = eligible.group_by(["Tier1Unit", "Tier2Unit"]).len().sort(["Tier1Unit", "Tier2Unit"])

    out = [f"rows\t{totals['rows']}"]
    out += [f"excluded\t{name}\t{totals[f'x_{name}']}" for name in reasons]
    out += [f"excluded\tany\t{totals['any']}", f"eligible\t{n_eligible}"]
    for g, s, r, n, expected, allocated in cells.select(*CELL, "n", "expected", "allocated").iter_rows():
        out.append(f"cell\t{g}\t{s}\t{r}\t{n}\t{expected:.6f}\t{allocated}\t{drawn.get((g, s, r), 0)}")
    out += [f"unit\t{t1}\t{t2}\t{n}" for t1, t2, n in units.iter_rows()]
    out.append(f"sample\t{sample.height}")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 polars_job.py LONG_LIST.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1])

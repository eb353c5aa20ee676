"""The domain-two job on a long list, with pandas. See Benchmarks/README.md ("Peers").

usage: python3 pandas_job.py LONG_LIST.csv

Prints the counts in the shared tab-separated format that compare.sh diffs. Reads with pandas'
C parser: the pyarrow engine cannot read line breaks inside quoted fields, which long lists have.
"""
import math
import sys

import pandas as pd

SAMPLE_SIZE = 120
SEED = 1
FLAGS = ["YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess"]
EXCLUDING_ONLY = {"Unpaid Work", "Attendance Centre", "Exclusion", "Curfew"}
GENDER = {"Male": "male", "Female": "female"}
SENTENCE_GROUP = {
    "Community Order": "community", "Suspended Sentence Order": "community",
    "Licence": "post-custody", "Post Sentence Supervision": "post-custody",
}
ROSH = {"Low": "low", "Medium": "medium", "High": "high", "Very High": "very high"}
CELL = ["gender", "group", "rosh"]


def excluding_only(requirements: str) -> bool:
    """True when the list is empty or holds only requirements that do not qualify a case."""
    return all(item.strip() in EXCLUDING_ONLY or not item.strip() for item in requirements.split(";"))


def main(path: str) -> None:
    df = pd.read_csv(path, dtype=str, na_filter=False, encoding="utf-8")
    df["gender"] = df["Gender"].map(GENDER).fillna("unknown")
    df["group"] = df["SentenceType"].map(SENTENCE_GROUP).fillna("unknown")
    df["rosh"] = df["RoSH"].map(ROSH).fillna("unknown")

    reasons = {flag: df[flag] == "Y" for flag in FLAGS}
    # Classify each distinct requirements text once: there are few of them.
    distinct = {text: excluding_only(text) for text in df["Requirements"].unique()}
    reasons["Requirements"] = (df["group"] == "community") & df["Requirements"].map(distinct)
    excluded = pd.concat(reasons, axis=1).any(axis=1)

    eligible = df[~excluded]
    n_eligible = len(eligible)
    cells = eligible.groupby(CELL, sort=True).size().rename("n").reset_index()
    cells["expected"] = float(SAMPLE_SIZE) * cells["n"] / n_eligible
    cells["floor"] = cells["expected"].map(math.floor)
    shortfall = SAMPLE_SIZE - int(cells["floor"].sum()) if n_eligible else 0
    # Largest remainder, ties to the earlier cell in sorted order.
    rest = (cells["expected"] - cells["floor"]).rename("rest").reset_index()
    bonus = set(rest.sort_values(["rest", "index"], ascending=[False, True], kind="stable")["index"][:shortfall])
    cells["allocated"] = [min(f + (i in bonus), n) for i, f, n in zip(cells.index, cells["floor"], cells["n"])]

    allocated = {tuple(key): a for *key, a in cells[CELL + ["allocated"]].itertuples(index=False)}
    parts = [
        group.sample(n=allocated[key], random_state=SEED)
        for key, group in eligible.groupby(CELL, sort=True)
    ]
    sample = pd.concat(parts) if parts else eligible.iloc[:0]
    drawn = sample.groupby(CELL).size().to_dict()

    units = eligible.groupby(["Tier1Unit", "Tier2Unit"], sort=True).size()

    out = [f"rows\t{len(df)}"]
    out += [f"excluded\t{name}\t{int(mask.sum())}" for name, mask in reasons.items()]
    out += [f"excluded\tany\t{int(excluded.sum())}", f"eligible\t{n_eligible}"]
    for g, s, r, n, expected, a in cells[CELL + ["n", "expected", "allocated"]].itertuples(index=False):
        out.append(f"cell\t{g}\t{s}\t{r}\t{n}\t{expected:.6f}\t{a}\t{drawn.get((g, s, r), 0)}")
    out += [f"unit\t{t1}\t{t2}\t{n}" for (t1, t2), n in units.items()]
    out.append(f"sample\t{len(sample)}")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 pandas_job.py LONG_LIST.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1])

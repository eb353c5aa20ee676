"""The domain-two job on a long list, in DuckDB SQL (driven from Python). See Benchmarks/README.md.

usage: python3 duckdb_job.py LONG_LIST.csv

Prints the counts in the shared tab-separated format that compare.sh diffs.
"""
import sys

import duckdb

SAMPLE_SIZE = 120
SEED = 0.5  # DuckDB's setseed takes a value in [-1, 1]
FLAGS = ["YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess"]

LOAD = """
CREATE TEMP TABLE cases AS
SELECT *,
    CASE Gender WHEN 'Male' THEN 'male' WHEN 'Female' THEN 'female' ELSE 'unknown' END AS cell_gender,
    CASE SentenceType
        WHEN 'Community Order' THEN 'community' WHEN 'Suspended Sentence Order' THEN 'community'
        WHEN 'Licence' THEN 'post-custody' WHEN 'Post Sentence Supervision' THEN 'post-custody'
        ELSE 'unknown' END AS cell_group,
    CASE RoSH WHEN 'Low' THEN 'low' WHEN 'Medium' THEN 'medium' WHEN 'High' THEN 'high'
        WHEN 'Very High' THEN 'very high' ELSE 'unknown' END AS cell_rosh
FROM read_csv($path, header = true, all_varchar = true, quote = '"', escape = '"')
"""

JOB = f"""
CREATE TEMP TABLE flagged AS
SELECT *,
    {", ".join(f"coalesce({flag} = 'Y', false) AS x_{flag}" for flag in FLAGS)},
    cell_group = 'community' AND list_bool_and(list_transform(
        string_split(coalesce(Requirements, ''), ';'),
        lambda item: trim(item) IN ('Unpaid Work', 'Attendance Centre', 'Exclusion', 'Curfew', '')
    )) AS x_Requirements
FROM cases;

CREATE TEMP TABLE eligible AS
SELECT * FROM flagged WHERE NOT ({" OR ".join(f"x_{flag}" for flag in FLAGS + ["Requirements"])});

CREATE TEMP TABLE cells AS
WITH counted AS (
    SELECT cell_gender, cell_group, cell_rosh, count(*) AS n FROM eligible GROUP BY ALL
), shares AS (
    SELECT *, CAST({SAMPLE_SIZE} AS DOUBLE) * n / (SELECT count(*) FROM eligible) AS expected,
        row_number() OVER (ORDER BY cell_gender, cell_group, cell_rosh) AS ord
    FROM counted
), floored AS (
    SELECT *, CAST(floor(expected) AS BIGINT) AS fl FROM shares
), ranked AS (
    SELECT *, row_number() OVER (ORDER BY expected - fl DESC, ord) AS rest_rank,
        {SAMPLE_SIZE} - sum(fl) OVER () AS shortfall
    FROM floored
)
SELECT cell_gender, cell_group, cell_rosh, n, expected, ord,
    least(fl + CASE WHEN rest_rank <= shortfall THEN 1 ELSE 0 END, n) AS allocated
FROM ranked;

CREATE TEMP TABLE sample AS
SELECT e.* FROM (
    SELECT *, row_number() OVER (PARTITION BY cell_gender, cell_group, cell_rosh ORDER BY u) AS draw
    FROM (SELECT *, random() AS u FROM eligible)
) e JOIN cells c USING (cell_gender, cell_group, cell_rosh)
WHERE e.draw <= c.allocated;
"""


def main(path: str) -> None:
    con = duckdb.connect()
    con.execute(f"SELECT setseed({SEED})")
    con.execute(LOAD, {"path": path})
    con.execute(JOB)

    reasons = FLAGS + ["Requirements"]
    sums = ", ".join(f"count(*) FILTER (x_{name})" for name in reasons)
    rows, *excluded = con.execute(f"SELECT count(*), {sums} FROM flagged").fetchone()
    (n_eligible,) = con.execute("SELECT count(*) FROM eligible").fetchone()
    cells = con.execute("""
        SELECT c.cell_gender, c.cell_group, c.cell_rosh, c.n, c.expected, c.allocated, count(s.CRN)
        FROM cells c LEFT JOIN sample s USING (cell_gender, cell_group, cell_rosh)
        GROUP BY c.cell_gender, c.cell_group, c.cell_rosh, c.n, c.expected, c.allocated, c.ord ORDER BY c.ord
    """).fetchall()
    units = con.execute("""
        SELECT Tier1Unit, Tier2Unit, count(*) FROM eligible
        GROUP BY ALL ORDER BY Tier1Unit COLLATE "binary", Tier2Unit COLLATE "binary"
    """).fetchall()
    (sampled,) = con.execute("SELECT count(*) FROM sample").fetchone()

    out = [f"rows\t{rows}"]
    out += [f"excluded\t{name}\t{count}" for name, count in zip(reasons, excluded)]
    out += [f"excluded\tany\t{rows - n_eligible}", f"eligible\t{n_eligible}"]
    for g, s, r, n, expected, allocated, drawn in cells:
        out.append(f"cell\t{g}\t{s}\t{r}\t{n}\t{expected:.6f}\t{allocated}\t{drawn}")
    out += [f"unit\t{t1}\t{t2}\t{n}" for t1, t2, n in units]
    out.append(f"sample\t{sampled}")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: python3 duckdb_job.py LONG_LIST.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1])

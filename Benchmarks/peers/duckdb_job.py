"""The domain-two job on a long list, in DuckDB SQL driven from Python. See Benchmarks/README.md ("Peers").

usage: python3 duckdb_job.py LONG_LIST.csv SAMPLE.csv

One scan of the file: a GROUP BY over read_csv by (gender, group, RoSH, excluded) that counts the
rows and keeps each cell's 240 rows with the smallest seeded hash of the CRN (min_by with a count:
a top-k, not a sort); window functions allocate 120 over the eligible cells by largest remainder;
each cell's first k rows are the sample and the next k their substitutes; COPY writes them with
every original column. Prints the shared count lines (see peers/check_sample.py) to stdout.
"""
import sys

import duckdb

SAMPLE_SIZE = 120
SEED = 7
# Largest possible allocation to one cell is SAMPLE_SIZE; keep that many plus one substitute each.
TOP = 2 * SAMPLE_SIZE
COLUMNS = [
    "CRN", "Surname", "Forename", "DateOfBirth", "Gender", "Tier1Unit", "Tier2Unit", "ResponsibleOfficer",
    "SentenceType", "SentenceDate", "ReleaseDate", "RoSH", "Requirements", "YOTHeld", "SFOReview",
    "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess",
]
FLAGS = ["YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess"]
# A community case is excluded when its requirements are empty or all unpaid work, attendance
# centre, exclusion or curfew: the whole ';'-separated list matches this (items trimmed).
ONLY_EXCLUDING = r"(\s*(Unpaid Work|Attendance Centre|Exclusion|Curfew)?\s*;)*\s*(Unpaid Work|Attendance Centre|Exclusion|Curfew)?\s*"

COLUMN_TYPES = ", ".join(f"'{name}': 'VARCHAR'" for name in COLUMNS)
ROW = ", ".join(f'"{name}" := "{name}"' for name in COLUMNS)

QUERY = f"""
CREATE TEMP TABLE cells AS
WITH cases AS (
    SELECT
        CASE Gender WHEN 'Male' THEN 'male' WHEN 'Female' THEN 'female' ELSE 'unknown' END AS g,
        CASE SentenceType
            WHEN 'Community Order' THEN 'community' WHEN 'Suspended Sentence Order' THEN 'community'
            WHEN 'Licence' THEN 'post-custody' WHEN 'Post Sentence Supervision' THEN 'post-custody'
            ELSE 'unknown' END AS s,
        CASE RoSH WHEN 'Low' THEN 'low' WHEN 'Medium' THEN 'medium' WHEN 'High' THEN 'high'
            WHEN 'Very High' THEN 'very high' ELSE 'unknown' END AS r,
        coalesce({" OR ".join(f"{flag} = 'Y'" for flag in FLAGS)}, false)
            OR (s = 'community' AND regexp_full_match(coalesce(Requirements, ''), '{ONLY_EXCLUDING}')) AS excluded,
        hash(CRN, {SEED}) AS h,
        struct_pack({ROW}) AS row
    FROM read_csv($path, header = true, columns = {{{COLUMN_TYPES}}}, quote = '"', escape = '"')
)
SELECT g, s, r, excluded, count(*) AS n,
    min_by(row, h, {TOP}) FILTER (WHERE NOT excluded) AS top
FROM cases GROUP BY g, s, r, excluded
"""

ALLOCATE = f"""
CREATE TEMP TABLE allocation AS
WITH eligible AS (
    SELECT g, s, r, n, CAST({SAMPLE_SIZE} AS DOUBLE) * n / sum(n) OVER () AS expected, top
    FROM cells WHERE NOT excluded
), floored AS (
    SELECT *, CAST(floor(expected) AS BIGINT) AS fl,
        row_number() OVER (ORDER BY g COLLATE "binary", s COLLATE "binary", r COLLATE "binary") AS ord
    FROM eligible
), ranked AS (
    SELECT *, row_number() OVER (ORDER BY expected - fl DESC, ord) AS rest_rank,
        {SAMPLE_SIZE} - sum(fl) OVER () AS shortfall
    FROM floored
)
SELECT g, s, r, n, expected, ord, top,
    least(fl + CAST(rest_rank <= shortfall AS BIGINT), n) AS allocated
FROM ranked
"""

COPY = f"""
COPY (
    SELECT UNNEST(top[1:2 * allocated], max_depth := 2),
        g || '/' || s || '/' || r AS Stratum,
        generate_subscripts(top[1:2 * allocated], 1) AS Rank,
        CASE WHEN Rank <= allocated THEN 'selected' ELSE 'substitute' END AS Role
    FROM allocation ORDER BY ord, Rank
) TO $out (HEADER, DELIMITER ',')
"""


def main(path: str, out: str) -> None:
    con = duckdb.connect()
    con.execute(QUERY, {"path": path})
    con.execute(ALLOCATE)
    con.execute(COPY, {"out": out})
    rows, excluded = con.execute("SELECT sum(n), sum(n) FILTER (excluded) FROM cells").fetchone()
    cells = con.execute("SELECT g, s, r, n, expected, allocated FROM allocation ORDER BY ord").fetchall()
    allocated = sum(cell[5] for cell in cells)
    lines = [f"rows\t{rows}", f"excluded\t{excluded or 0}", f"eligible\t{rows - (excluded or 0)}"]
    lines += [f"cell\t{g}\t{s}\t{r}\t{n}\t{expected:.6f}\t{a}" for g, s, r, n, expected, a in cells]
    lines.append(f"sample\t{allocated}\t{sum(min(c[5], c[3] - c[5]) for c in cells)}")
    print("\n".join(lines))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print("usage: python3 duckdb_job.py LONG_LIST.csv SAMPLE.csv", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2])

"""What the Python peer jobs share: the domain-two rules as data, and the count lines they print.

The rules (see Benchmarks/README.md, "Peers"): a row is excluded when any flag is Y, or when it is
a community case whose requirements are empty or only unpaid work, attendance centre, exclusion or
curfew. Its cell is (gender, sentence group, RoSH) mapped as below; other values map to `unknown`.
"""
SAMPLE_SIZE = 120
SEED = 7
# No cell can be allocated more than SAMPLE_SIZE cases: keep that many plus one substitute each.
TOP = 2 * SAMPLE_SIZE
COLUMNS = [
    "CRN", "Surname", "Forename", "DateOfBirth", "Gender", "Tier1Unit", "Tier2Unit", "ResponsibleOfficer",
    "SentenceType", "SentenceDate", "ReleaseDate", "RoSH", "Requirements", "YOTHeld", "SFOReview",
    "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess",
]
FLAGS = ["YOTHeld", "SFOReview", "TransferredIn", "TransferredOut", "EscalatedFromCRC", "LimitedAccess"]
# The columns the classification needs (the CRN is the key of the seeded hash).
NEEDED = ["CRN", "Gender", "SentenceType", "RoSH", "Requirements", *FLAGS]
GENDER = {"Male": "male", "Female": "female"}
SENTENCE_GROUP = {
    "Community Order": "community", "Suspended Sentence Order": "community",
    "Licence": "post-custody", "Post Sentence Supervision": "post-custody",
}
ROSH = {"Low": "low", "Medium": "medium", "High": "high", "Very High": "very high"}
# Each mapping's codes in byte order (with `unknown`), so that a cell number
# (gender * len(GROUPS) + group) * len(ROSHS) + rosh orders cells as (gender, group, rosh) do.
GENDERS = sorted({*GENDER.values(), "unknown"})
GROUPS = sorted({*SENTENCE_GROUP.values(), "unknown"})
ROSHS = sorted({*ROSH.values(), "unknown"})


def cell_label(cell):
    """(gender, group, rosh) of a cell number."""
    g, rest = divmod(int(cell), len(GROUPS) * len(ROSHS))
    s, r = divmod(rest, len(ROSHS))
    return GENDERS[g], GROUPS[s], ROSHS[r]


# A whole requirements list (';'-separated, items trimmed) that leaves a community case excluded.
ONLY_EXCLUDING = r"(\s*(Unpaid Work|Attendance Centre|Exclusion|Curfew)?\s*;)*\s*(Unpaid Work|Attendance Centre|Exclusion|Curfew)?\s*"


def count_lines(rows, excluded, cells):
    """The lines every job prints; cells are (g, s, r, n, expected, allocated) in byte order."""
    cells = list(cells)
    selected = sum(cell[5] for cell in cells)
    substitutes = sum(min(cell[5], cell[3] - cell[5]) for cell in cells)
    lines = [f"rows\t{rows}", f"excluded\t{excluded}", f"eligible\t{rows - excluded}"]
    lines += [f"cell\t{g}\t{s}\t{r}\t{n}\t{expected:.6f}\t{a}" for g, s, r, n, expected, a in cells]
    lines.append(f"sample\t{selected}\t{substitutes}")
    return "\n".join(lines)

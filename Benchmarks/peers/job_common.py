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

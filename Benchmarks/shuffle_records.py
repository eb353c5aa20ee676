"""Writes a copy of a CSV file with its records in a seeded random order, the header first.

usage: python3 shuffle_records.py IN.csv OUT.csv [SEED]

Records are split at line ends outside double quotes, so a quoted field with a line break stays in
its record; every record keeps its bytes, line end included. The same input and seed (default 1)
give the same bytes. Benchmarks/run.sh uses it to check that casesample's time does not depend on
the order of the rows.
"""
import os
import random
import sys


def records(data: bytes):
    """The records of `data`, each with its line end; a line with an odd number of quotes opens
    or closes a quoted field that goes on over the line break."""
    pending = []
    open_quote = False
    for line in data.splitlines(keepends=True):
        pending.append(line)
        if line.count(b'"') % 2:
            open_quote = not open_quote
        if not open_quote:
            yield b"".join(pending)
            pending = []
    if pending:
        yield b"".join(pending)


def main(source: str, target: str, seed: int) -> None:
    with open(source, "rb") as handle:
        data = handle.read()
    header, *rest = records(data)
    if rest and not rest[-1].endswith(b"\n"):
        rest[-1] += b"\r\n" if header.endswith(b"\r\n") else b"\n"
    random.Random(seed).shuffle(rest)
    with open(target + ".tmp", "wb") as handle:
        handle.write(header)
        handle.writelines(rest)
    os.replace(target + ".tmp", target)


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        print("usage: python3 shuffle_records.py IN.csv OUT.csv [SEED]", file=sys.stderr)
        sys.exit(64)
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) == 4 else 1)

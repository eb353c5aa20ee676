#!/usr/bin/env python3
"""A long list with many tier-2 units, for the bound on time and memory in the number of units.

    python3 Benchmarks/many_units.py SampleSpecs/examples/long-list.csv ROWS UNITS OUT.csv

Repeats the example's rows ROWS times in all, with case reference U0000000, U0000001, ..., tier-1 unit
T1-(i mod 50) and tier-2 unit "Unit (i mod UNITS)", so that every unit has ROWS / UNITS rows; with
UNITS 0 the rows keep the example's own 16 units.
"""
import csv
import sys

src, rows, units, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
with open(src, newline='') as f:
    records = list(csv.reader(f))
header, body = records[0], records[1:]
crn, tier1, tier2 = header.index('CRN'), header.index('Tier1Unit'), header.index('Tier2Unit')
with open(out, 'w', newline='') as f:
    writer = csv.writer(f, lineterminator='\n')
    writer.writerow(header)
    for i in range(rows):
        row = list(body[i % len(body)])
        row[crn] = 'U%07d' % i
        if units:
            row[tier1], row[tier2] = 'T1-%d' % (i % 50), 'Unit %06d' % (i % units)
        writer.writerow(row)

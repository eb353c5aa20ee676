#!/usr/bin/env python3
"""Checks a workbook written by WorkbookWriter with two other readers: openpyxl (pip install openpyxl)
and LibreOffice (soffice --headless --convert-to csv). Used by hand, never by the package:

    CASESAMPLE_WRITTEN_WORKBOOK=/tmp/written.xlsx swift test --filter WorkbookWriterTests
    python3 Tests/CaseSamplingTests/Resources/workbooks/check-written-workbook.py /tmp/written.xlsx
"""
import csv, os, subprocess, sys, tempfile
import openpyxl

HEADER = ["CRN", "Name", "Note"]
ROWS = [
    ["00123", "Siân O’Neil", "=1+2"],
    ["1E5", "Zoë 李", "  spaced  "],
    ["N000003", None, 'a & b <c> "d"'],
    ["N000004", "tab\there\nline", "ctl\x01_x0041_end"],
    ["N000005", None, None],
]
path = sys.argv[1]
book = openpyxl.load_workbook(path)
assert book.sheetnames == ["Provisional sample", "Substitutes"], book.sheetnames
sheet = book["Provisional sample"]
values = [list(row) for row in sheet.iter_rows(values_only=True)]
assert values[0] == HEADER, values[0]
for got, want in zip(values[1:], ROWS):
    # openpyxl does not decode OOXML's _xHHHH_ escapes in inline strings (Excel does): it shows them raw.
    want = [c.replace("\x01_x0041_", "_x0001__x005F_x0041_") if c else c for c in want]
    assert got == want, (got, want)
assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row if cell.value is not None)
assert sheet.freeze_panes == "A2", sheet.freeze_panes
assert sheet.auto_filter.ref == "A1:C6", sheet.auto_filter.ref
assert sheet["A1"].font.b and not sheet["A2"].font.b
print("openpyxl: values, text types, frozen header A2, filter A1:C6, bold header: ok;",
      "widths", [sheet.column_dimensions[c].width for c in "ABC"])

with tempfile.TemporaryDirectory() as out:
    subprocess.run(["soffice", "-env:UserInstallation=file://" + out + "/profile", "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", out, path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(out, os.path.basename(path)[:-5] + ".csv"), encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
want = [HEADER] + [[c or "" for c in r] for r in ROWS]
for got, expected in zip(rows, want):
    got = got + [""] * (len(expected) - len(got))
    assert got == expected, (got, expected)
print("LibreOffice: opens it; the first sheet's CSV export has the same strings: ok")

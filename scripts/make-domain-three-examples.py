#!/usr/bin/env python3
"""Writes the domain three example long lists (manual 4.4, 6.1) in SampleSpecs/examples/:

- court-reports.csv: court reports, as an NPS division's export for the court reports and
  allocation sample (--spec court-reports);
- victim-contact.csv: new custodial sentences, as an NPS division's export for the statutory victim
  contact sample (--spec victim-contact).

No real person is in them: names, CRNs and dates are drawn from seeded generators, so the same
script makes the same bytes anywhere (python3 scripts/make-domain-three-examples.py). They have the
awkward cases real exports have: a UTF-8 byte order mark and CRLF line ends (Excel's "CSV UTF-8"),
dates written three ways (dd/mm/yyyy, d/m/yyyy and ISO), values spelt many ways with stray case and
spaces (" sso ", "PSR", "Oral FDR"), court names with commas in quotes, names with apostrophes and
accents, a blank row, and reports completed in the weeks either side of the sample week (fieldwork
starting on Monday 2 March 2026 puts the sample week at 26 January to 1 February 2026).
"""
import datetime
import os
import random

rng = random.Random(20260302)
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
out = os.path.join(root, "SampleSpecs", "examples", "court-reports.csv")

clusters = {
    "Tyne and Wear": ["Newcastle Magistrates' Court", "Newcastle Crown Court", "Sunderland Magistrates' Court", "South Tyneside Magistrates' Court"],
    "Durham and Tees": ["Teesside Magistrates' Court", "Durham Crown Court", "Peterlee Magistrates' Court"],
    "Northumberland": ["Bedlington Magistrates' Court", "Berwick, Alnwick and Morpeth Court"],
}
surnames = ["Smith", "Jones", "O'Neil", "Taylor", "Brown", "Wilson", "Ó Briain", "Robson", "Hall", "Walker", "Nić Giolla", "Patel", "Khan", "Davies"]
forenames = ["John", "Siân", "Zoë", "Mohammed", "Aisha", "Liam", "Chloé", "Daniel", "Grace", "Tomasz", "Ayesha", "Ryan"]
authors = ["A. Okafor", "B. McKenzie", "C. D'Souza", "D. Nowak", "E. Hughes", "F. Ahmed"]
report_types = [("SDR", 3), ("PSR", 2), ("Standard delivery report", 2), ("FDR", 5), ("Fast delivery report", 3), (" fdr written ", 1),
                ("Oral", 5), ("Oral FDR", 2), ("oral report", 1)]
eligible_outcomes = [("CO", 6), ("Community order", 3), ("SSO", 4), (" sso ", 1), ("Suspended sentence order", 2), ("Custody", 5), ("Immediate custody", 2), ("Imprisonment", 1)]
other_outcomes = [("Deferred", 1), ("Hospital order", 1), ("Stand-alone curfew", 1), ("Restrictive requirement", 1), ("Fine", 2), ("Conditional discharge", 2), ("Absolute discharge", 1)]
allocations = [("NPS", 5), ("CRC", 5), ("Associated CRC", 1), (" nps ", 1)]


def pick(weighted):
    total = sum(w for _, w in weighted)
    x = rng.uniform(0, total)
    for value, w in weighted:
        x -= w
        if x <= 0:
            return value
    return weighted[-1][0]


def new_crn(taken):
    """A CRN not in `taken` (added to it), drawn from the current generator."""
    while True:
        crn = rng.choice("ABCDEFGHJKLMNPRSTVX") + str(rng.randint(100000, 999999))
        if crn not in taken:
            taken.add(crn)
            return crn


def date_text(day):
    style = rng.random()
    if style < 0.7:
        return day.strftime("%d/%m/%Y")
    if style < 0.85:
        return f"{day.day}/{day.month}/{day.year}"
    return day.isoformat()


def quote(field):
    if any(c in field for c in ',"\r\n'):
        return '"' + field.replace('"', '""') + '"'
    return field


header = ["CRN", "Surname", "Forename", "Date of birth", "Report type", "Sentence outcome", "Court in area", "Allocated to",
          "Date completed", "Cluster", "Court", "Report author"]
rows = []
first = datetime.date(2026, 1, 12)
crns = set()
for i in range(700):
    crn = new_crn(crns)
    cluster = rng.choice(list(clusters))
    court = rng.choice(clusters[cluster])
    outcome = pick(eligible_outcomes) if rng.random() < 0.86 else pick(other_outcomes)
    in_area = "N" if rng.random() < 0.04 else rng.choice(["Y", "Y", "Y", "Yes", "y"])
    allocated = "Other division" if rng.random() < 0.04 else pick(allocations)
    completed = first + datetime.timedelta(days=rng.randint(0, 34))
    birth = datetime.date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
    rows.append([crn, rng.choice(surnames), rng.choice(forenames), birth.strftime("%d/%m/%Y"), pick(report_types), outcome,
                 in_area, allocated, date_text(completed), cluster, court, rng.choice(authors)])

lines = [",".join(quote(f) for f in header)]
for i, row in enumerate(rows):
    lines.append(",".join(quote(f) for f in row))
    if i == 350:
        lines.append("")  # a blank row, as exports have after a manual edit
def write(path, lines):
    data = "\ufeff" + "\r\n".join(lines) + "\r\n"
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(data)


write(out, lines)
print(f"wrote {out}: {len(rows)} reports")

# Victim contact: custodial sentences passed over three months around the sample month (fieldwork
# from Monday 2 March 2026 keeps those sentenced 2 August to 1 September 2025), with sentences that
# are not custodial, offences not eligible for statutory victim contact, and cases allocated
# elsewhere, as a division's export mixes them in.
rng = random.Random(20250802)
out = os.path.join(root, "SampleSpecs", "examples", "victim-contact.csv")
pdus = {"County Durham": ["Durham", "Bishop Auckland", "Consett"], "Tees": ["Middlesbrough", "Stockton-on-Tees", "Hartlepool, Redcar and Cleveland"]}
offences = [("Violence against the person", 8), ("violence", 1), ("Sexual offence", 4), ("Sexual", 1), ("Robbery", 2), ("Arson", 1), ("Other", 1)]
sentences = [("Custody", 8), ("Immediate custody", 3), ("Imprisonment", 2), ("Extended determinate sentence", 1), ("SSO", 1), ("Community order", 1)]
header = ["CRN", "Surname", "Forename", "DOB", "Sentence type", "Offence group", "SVC eligible", "Allocated to", "Sentence date", "PDU", "Team"]
rows = []
crns = set()
first = datetime.date(2025, 7, 1)
for i in range(420):
    crn = new_crn(crns)
    pdu = rng.choice(list(pdus))
    sentenced = first + datetime.timedelta(days=rng.randint(0, 91))
    birth = datetime.date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
    eligible = "N" if rng.random() < 0.08 else rng.choice(["Y", "Yes", "Y", " y "])
    allocated = "Other division" if rng.random() < 0.05 else rng.choice(["NPS", "NPS", "NPS division"])
    rows.append([crn, rng.choice(surnames), rng.choice(forenames), birth.strftime("%d/%m/%Y"), pick(sentences), pick(offences),
                 eligible, allocated, date_text(sentenced), pdu, rng.choice(pdus[pdu])])
lines = [",".join(quote(f) for f in header)] + [",".join(quote(f) for f in row) for row in rows]
write(out, lines)
print(f"wrote {out}: {len(rows)} sentences")

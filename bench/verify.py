"""Checks tender's output against docxtpl's: verify.py TENDER.docx DOCXTPL.docx [ROWS]

Opens both with python-docx; with ROWS, checks that the first table of TENDER has ROWS + 1 rows
(the header and one per data row). Then compares the texts of the non-empty paragraphs of the
body (tables included, in document order), the headers and the footers: docxtpl may leave empty
paragraphs where some tags were, so empty paragraphs are left out on both sides (and counted).
One difference is deliberate and not counted: tender's numbers are decimals, so a whole number
prints without Python's float suffix (`round(2)` of 103 is `103`, docxtpl prints `103.0`).
Prints one line; exits 1 on a difference.
"""
import re
import sys

from docx import Document
from docx.oxml.ns import qn


def texts(path):
    doc = Document(path)
    parts = [doc.element.body]
    for s in doc.sections:
        parts += [s.header._element, s.footer._element]
    out, empty = [], 0
    for part in parts:
        for p in part.iter(qn("w:p")):
            t = "".join(x.text or "" for x in p.iter(qn("w:t")))
            if t.strip():
                out.append(t)
            else:
                empty += 1
    return doc, out, empty


tender_path, docxtpl_path = sys.argv[1], sys.argv[2]
rows = int(sys.argv[3]) if len(sys.argv) > 3 else None
doc, a, empty_a = texts(tender_path)
_, b, empty_b = texts(docxtpl_path)
notes, problems = [], []
if rows is not None:
    n = len(doc.tables[0].rows)
    (notes if n == rows + 1 else problems).append(f"table rows {n} (expected {rows + 1})")
notes.append(f"{len(a)} non-empty paragraphs (docxtpl {len(b)}), empty {empty_a} (docxtpl {empty_b})")
if len(a) != len(b):
    problems.append("the numbers of non-empty paragraphs differ")
def float_suffix_free(text):
    return re.sub(r"(?<![\d.])(-?\d+)\.0(?![\d])", r"\1", text)


diffs = [(x, y) for x, y in zip(a, b) if x != y and x != float_suffix_free(y)]
decimal_only = sum(1 for x, y in zip(a, b) if x != y and x == float_suffix_free(y))
if decimal_only:
    notes.append(f"{decimal_only} whole numbers printed without Python's '.0' (decimal arithmetic, deliberate)")
if diffs:
    examples = ", ".join(f"{x!r} vs {y!r}" for x, y in diffs[:3])
    problems.append(f"{len(diffs)} paragraph texts differ (tender vs docxtpl: {examples})")
else:
    notes.append("texts identical")
name = tender_path.rsplit("/", 1)[-1]
print(f"verify {name}: {'FAIL' if problems else 'ok'}: " + "; ".join(notes + problems))
sys.exit(1 if problems else 0)

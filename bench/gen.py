"""Writes the benchmark templates and data into OUT_DIR (default bench/out).

table.docx  a header row, `{%tr for r in rows %}`, one body row of 5 tagged cells, `{%tr endfor %}`
prose.docx  ~60 long paragraphs (about 20 pages) with inline tags, bold runs, two `{% if %}`,
            two `{%p for %}` loops over a 10-item list, a tagged header and footer
hello.docx  one paragraph with one tag (start-up)
rows-200.json, rows-2000.json, rows-20000.json, prose.json, hello.json
"""
import json
import os
import sys

from docx import Document
from docx.enum.text import WD_BREAK

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "out")
os.makedirs(out, exist_ok=True)

# ---------------------------------------------------------------- table template
doc = Document()
doc.add_heading("Rows for {{ client }}", level=1)
doc.add_paragraph("Generated for {{ client }} on {{ date }}.")
table = doc.add_table(rows=4, cols=5)
table.style = "Table Grid"
for cell, title in zip(table.rows[0].cells, ["Code", "Name", "City", "Quantity", "Amount"]):
    cell.text = title
# docxtpl's row loop: the opening and closing tags sit alone in rows of their own.
table.rows[1].cells[0].text = "{%tr for r in rows %}"
body = ["{{ r.a }}", "{{ r.b|upper }}", "{{ r.c|title }}", "{{ r.d }}", "{{ r.e|round(2) }}"]
for cell, text in zip(table.rows[2].cells, body):
    cell.text = text
table.rows[3].cells[0].text = "{%tr endfor %}"
doc.add_paragraph("Total: {{ total }}")
doc.save(os.path.join(out, "table.docx"))

CITIES = ["lyon", "saint-étienne", "grenoble", "annecy", "clermont-ferrand", "valence", "chambéry"]


def rows(n):
    return {
        "client": "Ville de Lyon",
        "date": "2025-03-14",
        "total": n,
        "rows": [
            {
                "a": f"R{i:05d}",
                "b": f"item number {i}",
                "c": f"{CITIES[i % len(CITIES)]} district {i % 13}",
                "d": i % 97,
                "e": round(i * 1.37 + 0.25, 2),
            }
            for i in range(n)
        ],
    }


for n in (200, 2000, 20000):
    with open(os.path.join(out, f"rows-{n}.json"), "w") as f:
        json.dump(rows(n), f, ensure_ascii=False)

# ---------------------------------------------------------------- prose template
LOREM = (
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
    "labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris "
    "nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit "
    "esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in "
    "culpa qui officia deserunt mollit anim id est laborum. "
)

doc = Document()
section = doc.sections[0]
section.header.paragraphs[0].text = "{{ company }} · offer {{ ref }}"
section.footer.paragraphs[0].text = "Confidential, prepared for {{ client }}"
doc.add_heading("Offer {{ ref }} for {{ client }}", level=0)

for i in range(60):
    if i and i % 3 == 0:
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)  # 3 paragraphs a page, 20 pages
    if i % 10 == 0:
        doc.add_heading(f"Chapter {i // 10 + 1}: {{{{ chapters[{i // 10}] }}}}", level=1)
    p = doc.add_paragraph()
    p.add_run(f"Paragraph {i + 1}. ")
    p.add_run("{{ client }}").bold = True
    p.add_run(" " + LOREM[: 150 + (i * 37) % 200])
    p.add_run("important: {{ topic }}").bold = True
    p.add_run(", as agreed with {{ contact.name }} ({{ contact.role|lower }}). " + LOREM + LOREM[:300])
    if i == 12:
        p.add_run("{% if vip %} As a valued partner, {{ client }} gets priority support.{% else %} Standard support applies.{% endif %}")
    if i == 41:
        p.add_run("{% if discount > 0 %} A discount of {{ discount }}% applies.{% endif %}")
    if i in (20, 50):
        doc.add_paragraph("{%p for it in items %}")
        q = doc.add_paragraph(style="List Bullet")
        q.add_run("{{ it.name }}").bold = True
        q.add_run(": {{ it.qty }} × {{ it.price }} EUR, {{ it.note|capitalize }}")
        doc.add_paragraph("{%p endfor %}")

doc.save(os.path.join(out, "prose.docx"))

prose = {
    "company": "Urba Conseil",
    "ref": "2025-017",
    "client": "Ville de Lyon",
    "topic": "resilience planning",
    "contact": {"name": "Claire Martin", "role": "Directrice Associée"},
    "chapters": ["Context", "Method", "Team", "Planning", "Budget", "Annexes"],
    "vip": True,
    "discount": 5,
    "items": [
        {"name": f"Workshop {k + 1}", "qty": k + 1, "price": 950 + 50 * k, "note": f"half a day, session {k + 1}"}
        for k in range(10)
    ],
}
with open(os.path.join(out, "prose.json"), "w") as f:
    json.dump(prose, f, ensure_ascii=False)

# ---------------------------------------------------------------- one-paragraph template (start-up)
doc = Document()
doc.add_paragraph("Hello {{ name }}.")
doc.save(os.path.join(out, "hello.docx"))
with open(os.path.join(out, "hello.json"), "w") as f:
    json.dump({"name": "Ville de Lyon"}, f, ensure_ascii=False)

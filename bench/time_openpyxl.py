"""The Python anchor of the DPGF benchmark: openpyxl load + fill + save, in one process.

usage: time_openpyxl.py TEMPLATE DATA OUT K

What tender does with `{%tr for %}` rows, done by hand with openpyxl 3.1.5 (no template
engine for workbooks exists in Python): load the DPGF template, write one row per line
(designation, unit, quantity, unit price, and the amount as a formula `=C*D`), the subtotal,
total, VAT and TTC as formulas, and save. Loading, filling and saving are timed; reading the
JSON is not. Prints `median M mean A cpu C s per render` like time_docxtpl.py.
"""
import json
import statistics
import sys
import time

import warnings

from openpyxl import load_workbook

warnings.simplefilter("ignore")  # "no default style": the template names its own styles

template, data, out, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(data, encoding="utf-8") as f:
    context = json.load(f)


def fill():
    wb = load_workbook(template)
    ws = wb["DPGF"]
    ws["A2"] = "Acheteur : " + context["tender"]["buyer"]
    ws["A3"] = "Consultation : " + context["tender"]["title"]
    ws["A4"] = "Référence : " + context["tender"]["reference"]
    ws["A5"] = "Candidat : " + context["bidder"]["name"]
    r = 8
    first = r
    for t in context["tranches"]:
        ws.cell(r, 1, f'{t["kind_label"]} {t["id"]} — {t["title"]}')
        r += 1
        lines_from = r
        for task in t["tasks"]:
            for line in task["lines"]:
                ws.cell(r, 1, f'{task["title"]} — {line["name"]} ({line["profile_label"]})')
                ws.cell(r, 2, "jour")
                ws.cell(r, 3, float(line["days"]))
                ws.cell(r, 4, float(line["rate"]))
                ws.cell(r, 5, f"=C{r}*D{r}")
                r += 1
        ws.cell(r, 1, f'Sous-total {t["id"]}')
        ws.cell(r, 6, f"=SUM(E{lines_from}:E{r - 1})")
        r += 1
    total = r + 1
    ws.cell(total, 1, "Total HT")
    ws.cell(total, 6, f"=SUM(F{first}:F{r - 1})")
    ws.cell(total + 1, 1, context["pricing"]["vat_label"])
    ws.cell(total + 1, 6, f"=ROUND(F{total}*{context['pricing']['vat_rate']},2)")
    ws.cell(total + 2, 1, "Total TTC")
    ws.cell(total + 2, 6, f"=F{total}+F{total + 1}")
    wb.save(out)


times, cpu = [], []
for _ in range(k):
    start, cpu_start = time.perf_counter(), time.process_time()
    fill()
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - cpu_start)
print(f"median {statistics.median(times):.6f} mean {statistics.mean(times):.6f} "
      f"cpu {statistics.median(cpu):.6f} s per render")

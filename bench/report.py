"""Prints the benchmark tables from bench/run's results.tsv: report.py RESULTS.tsv

Columns of a line: case, rows, then seconds per document: docxtpl, tender, floor on tender's
output, floor on the template (wall clock); docxtpl, tender, floor on tender's output (CPU).
"""
import sys

cases = []
with open(sys.argv[1]) as f:
    for line in f:
        name, rows, *numbers = line.rstrip("\n").split("\t")
        cases.append((name, int(rows), *map(float, numbers)))


def table(title, pick):
    print(f"\n{title}")
    print(f"{'case':<12} {'docxtpl s/doc':>13} {'tender s/doc':>13} {'speedup':>8} {'floor s/doc':>12} {'tender/floor':>12}")
    for c in cases:
        d, t, f = pick(c)
        print(f"{c[0]:<12} {d:>13.4f} {t:>13.4f} {d / t:>7.1f}x {f:>12.4f} {t / f:>11.2f}x")


table("wall clock (floor = copy-through of tender's output)", lambda c: (c[2], c[3], c[4]))
print("floor on the templates themselves: " + ", ".join(f"{c[0]} {c[5]:.4f} s" for c in cases if c[1] <= 200 or c[0] == "prose"))
table("CPU time (user + system)", lambda c: (c[6], c[7], c[8]))

rows = {c[1]: c for c in cases if c[1]}
print()
for label, i in (("wall", 3), ("CPU", 7)):
    per = "; ".join(f"{n:,} rows {rows[n][i] / n * 1e6:.1f} us" for n in sorted(rows))
    a, b = rows[2000][i], rows[20000][i]
    print(f"tender per row ({label}): {per}; 20,000 vs 2,000 per-row ratio {(b / 20000) / (a / 2000):.2f}")
per = "; ".join(f"{n:,} rows {rows[n][2] / n * 1e6:.1f} us" for n in sorted(rows))
print(f"docxtpl per row (wall): {per}")

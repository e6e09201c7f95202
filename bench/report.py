"""Prints the benchmark tables from bench/run's results: report.py RESULTS.tsv STARTUP.tsv

RESULTS.tsv, one line per case: case, rows, then seconds per document: docxtpl, tender
in-process, floor on tender's output, floor on the template (wall clock); docxtpl, tender
in-process, floor on tender's output (CPU); tender whole process (wall, CPU), its peak RSS (MiB)
and the size of the output's unzipped entries (MiB).
STARTUP.tsv, one line per command: name, wall seconds, CPU seconds, peak RSS (MiB).
"""
import sys

cases = []
with open(sys.argv[1]) as f:
    for line in f:
        name, rows, *numbers = line.rstrip("\n").split("\t")
        cases.append((name, int(rows), *map(float, numbers)))
startup = {}
with open(sys.argv[2]) as f:
    for line in f:
        name, *numbers = line.rstrip("\n").split("\t")
        startup[name] = tuple(map(float, numbers))


def table(title, pick):
    print(f"\n{title}")
    print(f"{'case':<12} {'docxtpl':>9} {'tender in-process':>18} {'ratio':>7} {'tender process':>15} {'ratio':>7}"
          f" {'floor':>9} {'in-process/floor':>17}")
    for c in cases:
        d, t, p, f = pick(c)
        print(f"{c[0]:<12} {d:>9.4f} {t:>18.4f} {d / t:>6.1f}x {p:>15.4f} {d / p:>6.1f}x {f:>9.4f} {t / f:>16.2f}x")


print("seconds per document; ratio = docxtpl in-process / tender (above 1: tender is faster)")
table("wall clock (floor = copy-through of tender's output)", lambda c: (c[2], c[3], c[9], c[4]))
print("floor on the templates themselves: " + ", ".join(f"{c[0]} {c[5]:.4f} s" for c in cases if c[1] <= 200))
table("CPU time (user + system)", lambda c: (c[6], c[7], c[10], c[8]))

rows = {c[1]: c for c in cases if c[1]}
print()
for label, i in (("in-process wall", 3), ("in-process CPU", 7), ("whole process wall", 9), ("whole process CPU", 10)):
    per = "; ".join(f"{n:,} rows {rows[n][i] / n * 1e6:.1f} us" for n in sorted(rows))
    a, b = rows[2000][i], rows[20000][i]
    print(f"tender per row ({label}): {per}; 20,000 vs 2,000 per-row ratio {(b / 20000) / (a / 2000):.2f}")
per = "; ".join(f"{n:,} rows {rows[n][2] / n * 1e6:.1f} us" for n in sorted(rows))
print(f"docxtpl per row (wall): {per}")

print("\npeak memory of a whole tender process (limit: 64 MiB + 4 x the output's unzipped entries)")
for c in cases:
    limit = 64 + 4 * c[12]
    print(f"{c[0]:<12} {c[11]:>7.1f} MiB, unzipped {c[12]:>6.2f} MiB, limit {limit:>6.1f} MiB: "
          f"{'within' if c[11] <= limit else 'OVER'}")

print("\nstart-up, whole processes (median)")
print(f"{'command':<44} {'wall ms':>8} {'CPU ms':>7} {'RSS MiB':>8}")
for name, (w, c, r) in startup.items():
    print(f"{name:<44} {w * 1e3:>8.2f} {c * 1e3:>7.2f} {r:>8.1f}")

empty = startup["empty Swift program"][0]
hello = startup["tender render hello.docx"][0]
cold = startup["tender render hello.docx, every part checked"][0]
price = startup["tender price (ivd-resilience)"][0]
check = startup["tender check --no-render (ivd-resilience)"][0]
by = {c[0]: c for c in cases}
per_row = lambda i: (rows[20000][i] / 20000) / (rows[2000][i] / 2000)
print("\ngoals (this run)")
goals = [
    ("2,000 rows, whole process >= 10x docxtpl in-process", f"{by['table-2000'][2] / by['table-2000'][9]:.1f}x",
     by['table-2000'][2] / by['table-2000'][9] >= 10),
    ("200 rows, whole process >= 3x docxtpl in-process", f"{by['table-200'][2] / by['table-200'][9]:.1f}x",
     by['table-200'][2] / by['table-200'][9] >= 3),
    ("one-paragraph template <= 6 ms whole process", f"{hello * 1e3:.1f} ms (every part checked: {cold * 1e3:.1f} ms)",
     hello <= 0.006),
    ("... and <= 2 ms over an empty Swift program", f"+{(hello - empty) * 1e3:.1f} ms", hello - empty <= 0.002),
    ("tender price <= 10 ms", f"{price * 1e3:.1f} ms", price <= 0.010),
    ("tender check --no-render < 20 ms", f"{check * 1e3:.1f} ms", check < 0.020),
    ("linear to 20,000 rows (CPU per row, 20,000 vs 2,000 <= 1.2)", f"{per_row(7):.2f}", per_row(7) <= 1.2),
    ("peak memory <= 64 MiB + 4 x unzipped", "", all(c[11] <= 64 + 4 * c[12] for c in cases)),
]
withRender = startup.get("tender check, with rendering (ivd-resilience)")
batched = next((v for k, v in startup.items() if k.startswith("soffice --convert-to pdf")), None)
if withRender and batched:
    goals.append(("tender check with rendering <= 1.3x one batched soffice conversion (wall)",
                  f"{withRender[0] / batched[0]:.2f}x ({withRender[0]:.2f} s against {batched[0]:.2f} s)",
                  withRender[0] <= 1.3 * batched[0]))
for text, figure, met in goals:
    print(f"  {'met    ' if met else 'NOT met'} {text}: {figure}")

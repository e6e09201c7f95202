"""Times docxtpl in one process: usage time_docxtpl.py TEMPLATE DATA OUT K

docxtpl is imported once and the data read once (both outside the timing). Each of the K timed
repetitions does DocxTemplate(TEMPLATE), .render(context), .save(OUT): load + parse of the
template, Jinja compile + render, and the zip written to disk. Prints
`median M mean A cpu C s per render` on stdout: the median and mean wall-clock time and the
median CPU time (time.process_time: user + system of this process) of one document.
"""
import json
import statistics
import sys
import time

from docxtpl import DocxTemplate

template, data, out, k = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
with open(data, encoding="utf-8") as f:
    context = json.load(f)

times, cpu = [], []
for _ in range(k):
    start, cpu_start = time.perf_counter(), time.process_time()
    doc = DocxTemplate(template)
    doc.render(context)
    doc.save(out)
    times.append(time.perf_counter() - start)
    cpu.append(time.process_time() - cpu_start)

print(f"median {statistics.median(times):.6f} mean {statistics.mean(times):.6f} "
      f"cpu {statistics.median(cpu):.6f} s per render")

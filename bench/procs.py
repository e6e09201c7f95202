"""Times a command as whole processes: procs.py N COMMAND ARGS...

Runs COMMAND N times, one process after the other, and prints
`median M cpu C rss R` on stdout: the median wall-clock seconds of one process (from fork to
exit), the median user + system CPU seconds (wait4's rusage) and the largest peak resident set
size in MiB. The command's output is discarded; a run failing with a status of 64 or more or a signal
stops everything (`tender check` exits 1 or 2 when it finds problems: that is a normal run).
"""
import os
import statistics
import subprocess
import sys
import time

n, command = int(sys.argv[1]), sys.argv[2:]
wall, cpu, rss = [], [], 0
for _ in range(n):
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall.append(time.perf_counter() - start)
    # tender's own failures are 64 and above (1 and 2: `check` found problems); a signal is negative.
    code = os.waitstatus_to_exitcode(status)
    if code < 0 or code >= 64:
        sys.exit(f"procs.py: {' '.join(command)} failed with status {code}")
    cpu.append(usage.ru_utime + usage.ru_stime)
    rss = max(rss, usage.ru_maxrss / 1024)
print(f"median {statistics.median(wall):.6f} cpu {statistics.median(cpu):.6f} rss {rss:.1f}")

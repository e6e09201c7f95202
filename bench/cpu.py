"""Runs a command and prints its output, then `cpu S`: the user + system CPU seconds it used
(from wait4's rusage, so only that process and its children)."""
import os
import subprocess
import sys

proc = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(proc.pid, 0)
sys.stdout.flush()
print(f"cpu {usage.ru_utime + usage.ru_stime:.6f}", flush=True)
sys.exit(os.waitstatus_to_exitcode(status))

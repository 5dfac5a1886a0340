#!/usr/bin/env python3
"""Runs `swift test …` with a time limit, passing its output through line by line.

A test run has hung intermittently on CI with every thread idle. When the limit passes, this
prints the tests that started and never finished, saves every thread's backtrace of the test
process (gdb, when installed) next to the log, and stops the run, so a hang costs minutes and
leaves evidence instead of costing CI's 90 minutes and leaving nothing.

usage: test-watchdog.py SECONDS BACKTRACE_FILE -- swift test [arguments…]
exit status: the command's, or 124 when it was stopped at the limit.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

STARTED = re.compile(r"^◇ Test (?!case )(.+?) started\.")
ENDED = re.compile(r"^[✔✘↷➜] Test (?!run with)(.+?) (?:with \d+ test cases? )?(?:passed|failed|skipped)")


def descendants(pid):
    """Every process below `pid`, from /proc."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def main():
    limit, backtrace_file = float(sys.argv[1]), sys.argv[2]
    command = sys.argv[sys.argv.index("--") + 1:]
    running = {}
    lock = threading.Lock()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)

    def pump():
        for raw in iter(process.stdout.readline, b""):
            sys.stdout.buffer.write(raw)
            sys.stdout.flush()
            line = raw.decode(errors="replace").rstrip("\n")
            with lock:
                if (m := STARTED.match(line)) and m.group(1) != "run":
                    running[m.group(1)] = time.monotonic()
                elif m := ENDED.match(line):
                    running.pop(m.group(1), None)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        return process.wait(timeout=limit)
    except subprocess.TimeoutExpired:
        pass
    now = time.monotonic()
    print(f"\n==> the test run did not finish within {int(limit)} s; tests started and not finished:", flush=True)
    with lock:
        for name, since in sorted(running.items(), key=lambda item: item[1]):
            print(f"    {name}  (running {int(now - since)} s)")
    everything = descendants(process.pid)
    testers = [pid for pid in everything if "xctest" in command_line(pid) or "PackageTests" in command_line(pid)]
    gdb = shutil.which("gdb")
    if gdb and testers:
        with open(backtrace_file, "w") as out:
            for pid in testers:
                out.write(f"### {pid}: {command_line(pid)}\n")
                out.flush()
                subprocess.run([gdb, "-p", str(pid), "-batch", "-ex", "set complaints 0", "-ex", "set print frame-arguments none",
                                "-ex", "set print frame-info short-location", "-ex", "thread apply all bt 40"],
                               stdout=out, stderr=subprocess.DEVNULL, timeout=300)
        print(f"==> backtraces of every thread of {testers} (also in {backtrace_file}):", flush=True)
        with open(backtrace_file) as saved:
            sys.stdout.write(saved.read())
        sys.stdout.flush()
    else:
        print(f"==> no backtraces: gdb {'found' if gdb else 'not installed'}, test processes {testers}", flush=True)
    # swift test starts the test process in a process group of its own, so each is stopped by name.
    for pid in descendants(process.pid) + [process.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()
    reader.join(timeout=5)
    return 124


if __name__ == "__main__":
    sys.exit(main())

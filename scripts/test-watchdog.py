#!/usr/bin/env python3
"""Runs `swift test …` with a time limit, passing its output through line by line.

A test run has hung intermittently on CI with every thread idle. When the limit passes, this
prints the tests that started and never finished, saves every thread's backtrace of the test
process (gdb, when installed) next to the log, and stops the run, so a hang costs minutes and
leaves evidence instead of costing CI's 90 minutes and leaving nothing.

usage: test-watchdog.py SECONDS BACKTRACE_FILE -- swift test [arguments…]
exit status: the command's; 124 when it was stopped at the limit; 125 when it was stopped after sitting
idle (no CPU) for CLOSELOOP_TEST_IDLE_LIMIT seconds (180) with tests in progress, the tests still
running then written to CLOSELOOP_UNFINISHED_FILE when that is set.
"""
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time

# A test process that uses no CPU this long while tests are in progress is stopped as hung (exit 125).
IDLE_LIMIT = float(os.environ.get("CLOSELOOP_TEST_IDLE_LIMIT", "180"))
STARTED = re.compile(r"^◇ Test (?!case )(.+?) started\.")
# A test's display name may itself say "passed" or "skipped": the ending is matched with what follows it.
ENDED = re.compile(r"^[✔✘↷➜] Test (?!run with)(.+?)(?: with \d+ test cases?)? (?:passed after \d|failed after \d|skipped[.:])")


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


def cpu_seconds(pid):
    """User plus system CPU time of `pid`, from /proc (None once it is gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def watch_idleness(process, running, lock, idle):
    """Reports when the test process, with tests in progress, uses no CPU for 30 s, and when it
    works again: the CI hang is such an idle stretch, and whether one ever ends tells its cause."""
    idle_since, last_cpu, last_pid = None, None, None
    while process.poll() is None:
        time.sleep(5)
        testers = [pid for pid in descendants(process.pid)
                   if "xctest" in command_line(pid) or "PackageTests" in command_line(pid)]
        if not testers:
            continue
        pid = testers[0]
        cpu = cpu_seconds(pid)
        if cpu is None or pid != last_pid:
            idle_since, last_cpu, last_pid = None, cpu, pid
            continue
        now = time.monotonic()
        with lock:
            in_progress = sorted(running)
        if cpu - last_cpu < 0.05 and in_progress:
            if idle_since is not None:
                idle["seconds"] = now - abs(idle_since)
            if idle_since is None:
                idle_since = now - 5
            elif now - idle_since >= 30 and idle_since > 0:
                print(f"\n==> {time.strftime('%H:%M:%S')} the test process used no CPU for {int(now - idle_since)} s "
                      f"with {len(in_progress)} tests in progress: {', '.join(in_progress[:30])}", flush=True)
                print_in_flight()
                idle_since = -idle_since  # reported; negative until it works again
        else:
            if idle_since is not None and idle_since < 0:
                print(f"\n==> {time.strftime('%H:%M:%S')} the test process works again after {int(now + idle_since)} s idle",
                      flush=True)
            idle_since = None
            idle["seconds"] = 0
        last_cpu = cpu


def print_in_flight():
    """The waits in progress the test process last wrote (TestSupport's ExecutorHeartbeat, every 5 s)."""
    path = os.environ.get("CLOSELOOP_IN_FLIGHT_FILE")
    if path and os.path.exists(path):
        with open(path, errors="replace") as f:
            print(f"==> in flight: {f.read().strip()}", flush=True)


def print_resources(root):
    """What the stuck process holds: open files and sockets, and the PostgreSQL sessions (a pool
    waiting forever for a connection the server refuses would look like an idle hang)."""
    for pid in descendants(root):
        if "xctest" not in command_line(pid) and "PackageTests" not in command_line(pid):
            continue
        try:
            targets = [os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")]
        except OSError:
            continue
        kinds = {}
        for target in targets:
            kind = target.split(":", 1)[0] if ":" in target else ("sqlite" if ".sqlite" in target else "file")
            kinds[kind] = kinds.get(kind, 0) + 1
        print(f"==> process {pid} has {len(targets)} open descriptors: {kinds}", flush=True)
    if shutil.which("ss"):
        states = subprocess.run(["ss", "-tanH"], capture_output=True, text=True).stdout.split("\n")
        counts = {}
        for line in filter(None, states):
            counts[line.split()[0]] = counts.get(line.split()[0], 0) + 1
        print(f"==> TCP sockets by state: {counts}", flush=True)
    url = os.environ.get("CLOSELOOP_TEST_POSTGRES_URL")
    psql = shutil.which("psql") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))), None)
    if url and psql:
        query = ("SELECT datname, state, wait_event_type, wait_event, count(*) FROM pg_stat_activity "
                 "WHERE backend_type = 'client backend' GROUP BY 1, 2, 3, 4 ORDER BY 5 DESC")
        result = subprocess.run([psql, url, "-X", "-c", query], capture_output=True, text=True, timeout=60)
        print("==> PostgreSQL sessions:\n" + result.stdout + result.stderr, flush=True)
    log = os.environ.get("CLOSELOOP_TEST_POSTGRES_LOG")
    if log and os.path.exists(log):
        with open(log, errors="replace") as f:
            lines = f.readlines()
        print(f"==> the last 40 of {len(lines)} lines of {log}:\n" + "".join(lines[-40:]), flush=True)


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
    idle = {"seconds": 0}
    threading.Thread(target=watch_idleness, args=(process, running, lock, idle), daemon=True).start()
    started = time.monotonic()
    while True:
        try:
            return process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        if time.monotonic() - started > limit:
            status = 124
            print(f"\n==> the test run did not finish within {int(limit)} s; tests started and not finished:", flush=True)
            break
        if idle["seconds"] >= IDLE_LIMIT:
            status = 125
            print(f"\n==> the test process sat idle for {int(idle['seconds'])} s with tests in progress (the hang); "
                  "stopped; tests started and not finished:", flush=True)
            break
    now = time.monotonic()
    with lock:
        unfinished = sorted(running.items(), key=lambda item: item[1])
    for name, since in unfinished:
        print(f"    {name}  (running {int(now - since)} s)")
    if os.environ.get("CLOSELOOP_UNFINISHED_FILE"):
        with open(os.environ["CLOSELOOP_UNFINISHED_FILE"], "w") as out:
            out.write("".join(f"{name}\n" for name, _ in unfinished))
    print_in_flight()
    print_resources(process.pid)
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
    return status


if __name__ == "__main__":
    sys.exit(main())

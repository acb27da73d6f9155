"""Per-process CPU accounting of a command's process tree, read from Linux's /proc.

For every process of the tree: CPU seconds (user + system), seconds spent runnable but waiting
for a core (the scheduler's run-queue delay, /proc/PID/schedstat), seconds asleep (waiting on a
pipe, a lock or the disk) and peak RSS. A worker that is asleep waits for its parent; one that
waits in the run queue waits for a core that another process holds, which is the machine's
load, not the program's design.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass
class Usage:
    """What one process of the tree used, as last sampled."""

    pid: int
    name: str
    cpu: float = 0.0
    on_cpu: float = 0.0
    waiting: float = 0.0
    rss_mb: float = 0.0
    born: float = field(default_factory=time.perf_counter)
    last: float = 0.0

    @property
    def asleep(self) -> float:
        return max(0.0, self.last - self.born - self.on_cpu - self.waiting)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _tree(root: int) -> list[int]:
    tree, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(tree.get(pid, []))
    return out


def _sample(usage: Usage) -> None:
    base = Path(f"/proc/{usage.pid}")
    fields = (base / "stat").read_text().rsplit(")", 1)[1].split()
    if fields[0] == "Z":  # exited, not yet reaped: its figures are gone
        return
    usage.cpu = (int(fields[11]) + int(fields[12])) / TICK
    run_ns, wait_ns, _ = (int(x) for x in (base / "schedstat").read_text().split())
    usage.on_cpu, usage.waiting = run_ns / 1e9, wait_ns / 1e9
    for line in (base / "status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            usage.rss_mb = int(line.split()[1]) / 1024
    usage.last = time.perf_counter()


def _name(pid: int) -> str:
    words = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    if any("multiprocessing" in w for w in words):
        return "worker" if "--multiprocessing-fork" in words else "resource tracker"
    return " ".join(w for w in words if w)[-40:]


def run_tree(argv: list[str], every: float = 0.05) -> tuple[float, list[Usage]]:
    """Run `argv` to its end; wall seconds and each process's usage (the root first)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: dict[int, Usage] = {}
    while proc.poll() is None:
        for pid in _tree(proc.pid):
            try:
                if pid not in seen:
                    seen[pid] = Usage(pid, _name(pid))
                _sample(seen[pid])
            except (OSError, ValueError, IndexError):
                pass  # gone between the listing and the read
        time.sleep(every)
    if proc.returncode != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"{argv} failed: {err[-2000:]}")
    return time.perf_counter() - start, list(seen.values())

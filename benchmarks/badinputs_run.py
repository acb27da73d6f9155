"""Code every case of a bad-input corpus (benchmarks/badinputs.py) under a time and memory bound
and report crashes, hangs, inputs without a record, peak RSS and time per input.

    python benchmarks/badinputs_run.py DIR [--hang-s 180] [--memory-mb 1536] [--json out.json]

A child process codes the cases one by one and writes a line per case; this parent watches it:
a case that stops progress for `--hang-s` is a hang and one that takes the child over
`--memory-mb` a memory failure (the child is killed and a fresh one goes on with the next case),
and a child that dies is a crash.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

RESULTS = "results.jsonl"


def _rss_mb(pid: int | str = "self", field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def code_case(home: Path, feed: bool, coder: Any) -> dict[str, Any]:
    """Read and code one case as `brinkwatch code` would; what came out, or the exception."""
    from brinkwatch.ingest import read_inputs
    from brinkwatch.ingest.feeds import parse_feed
    from brinkwatch.records import Failure

    started = time.perf_counter()
    row: dict[str, Any] = {"case": home.name, "records": 0, "failures": {}, "error": None}
    try:
        if feed:
            [entry] = list(home.iterdir())
            parse_feed(entry.read_bytes(), "http://feed.example/rss")
            row["records"] = 1
        else:
            records = coder.code_batch(list(read_inputs([home])))
            for record in records:  # what a writer does: strict UTF-8 JSON or an exception
                json.dumps(record.to_dict(), ensure_ascii=False).encode("utf-8")
            row["records"] = len(records)
            row["failures"] = dict(Counter(r.error.code for r in records if isinstance(r, Failure)))
            notes = Counter(e.code for r in records if not isinstance(r, Failure) for e in r.errors)
            row["notes"] = {k: v for k, v in notes.items() if k in ("truncated", "sentence_split")}
    except Exception as exc:  # the crash this benchmark hunts for
        row["error"] = f"{type(exc).__name__}: {str(exc)[:200]}"
    row["seconds"] = round(time.perf_counter() - started, 4)
    row["rss_mb"] = round(_rss_mb(), 1)
    return row


def _child(folder: Path, start: int) -> None:
    from brinkwatch.process import get_coder
    from brinkwatch.settings import load_settings

    coder = get_coder(load_settings())
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").open()]
    with (folder / RESULTS).open("a", encoding="utf-8") as out:
        for entry in manifest[start:]:
            row = code_case(folder / entry["case"], entry["feed"], coder)
            out.write(json.dumps(row) + "\n")
            out.flush()


def _done(folder: Path) -> int:
    path = folder / RESULTS
    return sum(1 for _ in path.open()) if path.exists() else 0


def supervise(folder: Path, hang_s: float, memory_mb: float) -> dict[str, Any]:
    """Run children until every case has a line; kills and restarts on hangs and memory."""
    (folder / RESULTS).unlink(missing_ok=True)
    total = sum(1 for _ in (folder / "manifest.jsonl").open())
    peak, incidents, started = 0.0, [], time.monotonic()
    while (done := _done(folder)) < total:
        child = subprocess.Popen([sys.executable, __file__, str(folder), "--child", str(done)])
        last, progress = done, time.monotonic()
        while child.poll() is None:
            time.sleep(0.1)
            peak = max(peak, _rss_mb(child.pid, "VmHWM"))
            now_done = _done(folder)
            if now_done != last:
                last, progress = now_done, time.monotonic()
            kind = None
            if _rss_mb(child.pid) > memory_mb:
                kind = "memory"
            elif time.monotonic() - progress > hang_s:
                kind = "hang"
            if kind:
                child.kill()
                child.wait()
                incidents.append(_incident(folder, last, kind))
        if (
            child.returncode not in (0, None)
            and _done(folder) < total
            and not _killed(incidents, last)
        ):
            incidents.append(_incident(folder, _done(folder), f"child died ({child.returncode})"))
    return {
        "total": total,
        "peak_rss_mb": round(peak, 1),
        "incidents": incidents,
        "wall_s": round(time.monotonic() - started, 1),
    }


def _killed(incidents: list[dict[str, Any]], index: int) -> bool:
    return bool(incidents) and incidents[-1]["index"] == index


def _incident(folder: Path, index: int, kind: str) -> dict[str, Any]:
    """Record the case that stopped the child as done, with what happened to it."""
    row = {"case": f"{index:05d}", "records": 0, "failures": {}, "error": kind, "seconds": None}
    with (folder / RESULTS).open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")
    return {"index": index, "kind": kind}


def _commit() -> str | None:
    """The code this run tested (None outside a git checkout)."""
    done = subprocess.run(
        ["git", "-C", str(Path(__file__).parent), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
    )
    return done.stdout.strip() or None


def summarise(folder: Path, run: dict[str, Any]) -> dict[str, Any]:
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").open()]
    rows = [json.loads(line) for line in (folder / RESULTS).open()]
    kinds = {m["case"]: m for m in manifest}
    times = sorted(r["seconds"] for r in rows if r["seconds"] is not None)
    crashes = [r for r in rows if r["error"] and r["error"] not in ("hang", "memory")]
    lost = [r for r in rows if not r["error"] and r["records"] < kinds[r["case"]]["records"]]
    failures: Counter[str] = Counter()
    notes: Counter[str] = Counter()
    slowest: dict[str, float] = {}
    for r in rows:
        failures.update(r["failures"])
        notes.update(r.get("notes", {}))
        kind = kinds[r["case"]]["kind"]
        slowest[kind] = max(slowest.get(kind, 0.0), r["seconds"] or 0.0)
    rss = [r["rss_mb"] for r in rows if r.get("rss_mb")]
    return {
        "cases": len(manifest),
        "kinds": len({m["kind"] for m in manifest}),
        "crashes": len(crashes),
        "crash_examples": [f"{kinds[r['case']]['kind']}: {r['error']}" for r in crashes[:5]],
        "hangs": sum(1 for i in run.get("incidents", []) if i["kind"] == "hang"),
        "memory_kills": sum(1 for i in run.get("incidents", []) if i["kind"] == "memory"),
        "without_record": len(lost),
        "lost_examples": [kinds[r["case"]]["kind"] for r in lost[:5]],
        "peak_rss_mb": run.get("peak_rss_mb"),
        "rss_mb_first_last": [rss[len(rss) // 10] if rss else None, rss[-1] if rss else None],
        "p50_s": _quantile(times, 0.5),
        "p99_s": _quantile(times, 0.99),
        "max_s": times[-1] if times else None,
        "wall_s": run.get("wall_s"),
        "failure_codes": dict(failures.most_common()),
        "notes": dict(notes),
        "slowest_kinds": dict(sorted(slowest.items(), key=lambda kv: -kv[1])[:6]),
    }


def _quantile(values: list[float], q: float) -> float | None:
    return round(values[min(len(values) - 1, int(q * len(values)))], 3) if values else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--hang-s", type=float, default=180.0)
    parser.add_argument("--memory-mb", type=float, default=1536.0)
    parser.add_argument("--json", type=Path, help="Write the summary here too.")
    args = parser.parse_args()
    if args.child is not None:
        _child(args.folder, args.child)
        return
    summary = summarise(args.folder, supervise(args.folder, args.hang_s, args.memory_mb))
    summary["commit"] = _commit()
    text = json.dumps(summary, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    if (
        summary["crashes"]
        or summary["hangs"]
        or summary["memory_kills"]
        or summary["without_record"]
    ):
        sys.exit(1)


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()

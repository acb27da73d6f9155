"""Where the time goes with `--n-process N`: per-process CPU accounting of `brinkwatch code`
with 1 and N processes, and the parent's own steps (reader, pickling, writer) timed apart.

    python benchmarks/workers.py --articles 168 --n-process 2 [--repeat 5 --no-steps]

CPU seconds do not depend on what else runs on the machine, wall seconds do. For each process of
the tree the report gives CPU, run-queue wait (runnable, but another process held the core) and
time asleep (waiting for work or for its parent); then the speed-up the CPU split allows on idle
cores: the one-process run's CPU over the busiest process's CPU with N processes. Each round runs
`-n 1` and `-n N` back to back and gives their wall ratio; with `--repeat` the median of the
rounds is the figure to quote (a shared VM's speed drifts by 20% over minutes, a pair hardly).

`--split` adds, to each round, the ceiling no scheme of N processes can beat: the input cut in N
parts, each coded by its own `code -n 1` process, all side by side with nothing shared (no
parent, no pickling, no writer). Its wall against `-n N`'s is what coordination costs; its wall
against `-n 1`'s is the most N processes could give on this machine at this input size.

Bytecode is compiled first, as an installed package has it (a checkout run with
PYTHONDONTWRITEBYTECODE=1 compiles brinkwatch's modules in every process, 0.3 CPU s each).
"""

from __future__ import annotations

import argparse
import compileall
import io
import os
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus
from proctree import Usage, run_tree

import brinkwatch
from brinkwatch.cli.output import RecordWriter
from brinkwatch.ingest import read_inputs
from brinkwatch.process import code_records
from brinkwatch.settings import Settings
from brinkwatch.workers import chunk_size

BIN = Path(sys.executable).parent


def timed(func):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = func()
    return value, time.perf_counter() - start


def parent_steps(corpus: Path, settings: Settings) -> None:
    """The parent's steps alone, in this process: reading, pickling both ways, writing."""
    docs, read_wall = timed(lambda: list(read_inputs([str(corpus)])))
    coded = list(code_records(docs, settings, 1))
    size = chunk_size(settings)
    chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
    results = [coded[i : i + size] for i in range(0, len(coded), size)]
    dumped, dump_wall = timed(lambda: [pickle.dumps(c, protocol=5) for c in chunks + results])
    _, load_wall = timed(lambda: [pickle.loads(b) for b in dumped])

    def write() -> None:
        with RecordWriter("-", "jsonl") as writer:
            writer.handle = io.StringIO()
            for record in coded:
                writer.write(record)

    _, write_wall = timed(write)
    mb = sum(len(b) for b in dumped) / 1e6
    print("| parent step | seconds |\n|---|---:|")
    print(f"| reader (JSONL into Documents) | {read_wall:.2f} |")
    print(f"| pickling both ways ({mb:.1f} MB) | {dump_wall + load_wall:.2f} |")
    print(f"| writer (records to JSONL) | {write_wall:.2f} |\n")


def report(label: str, wall: float, procs: list[Usage]) -> None:
    print(
        f"{label}: wall {wall:.2f} s, CPU {sum(p.cpu for p in procs):.2f} s; load {os.getloadavg()}"
    )
    for p in procs:
        print(
            f"  {p.name:40} CPU {p.cpu:6.2f}  run-queue wait {p.waiting:6.2f}  "
            f"asleep {p.asleep:6.2f}  peak RSS {p.rss_mb:5.0f} MB"
        )


def busiest(procs: list[Usage]) -> float:
    return max(p.cpu for p in procs)


def code_argv(path: Path, n_process: int) -> list[str]:
    return [str(BIN / "brinkwatch"), "code", str(path), "-n", str(n_process), "-o", os.devnull]


def split_corpus(corpus: Path, parts: int) -> list[Path]:
    """The corpus cut in `parts` runs of consecutive articles, as files beside it."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // parts)
    paths = []
    for k in range(parts):
        path = corpus.with_name(f"part-{k}.jsonl")
        path.write_text("".join(lines[k * size : (k + 1) * size]), encoding="utf-8")
        paths.append(path)
    return paths


def split_wall(paths: list[Path]) -> float:
    """Wall seconds of one `code -n 1` process per part, all started together."""
    start = time.perf_counter()
    procs = [subprocess.Popen(code_argv(p, 1), stdout=subprocess.DEVNULL) for p in paths]
    if any(proc.wait() != 0 for proc in procs):
        raise SystemExit("a split run failed")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=168)
    parser.add_argument("--n-process", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1, help="alternating runs of each")
    parser.add_argument("--no-steps", action="store_true", help="skip the in-process step timings")
    parser.add_argument("--split", action="store_true", help="also time the ideal split")
    args = parser.parse_args()
    compileall.compile_dir(Path(brinkwatch.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        n, words, name = write_corpus(args.articles, corpus)
        print(f"{n} articles, {words:,} words ({name}); load {os.getloadavg()}\n")
        if not args.no_steps:
            parent_steps(corpus, Settings())
        parts = split_corpus(corpus, args.n_process) if args.split else []
        ratios: list[float] = []
        ceilings: list[float] = []
        for _ in range(args.repeat):
            runs = {}
            for k in (1, args.n_process):
                runs[k] = run_tree(code_argv(corpus, k))
                report(f"code -n {k}", *runs[k])
            if parts:
                wall = split_wall(parts)
                ceilings.append(runs[1][0] / wall)
                print(
                    f"ideal split: {args.n_process} independent `code -n 1` on 1/{args.n_process}"
                    f" each, wall {wall:.2f} s; -n 1 wall / split wall {ceilings[-1]:.2f}"
                )
            one, many = runs[1][1], runs[args.n_process][1]
            ratios.append(runs[1][0] / runs[args.n_process][0])
            print(
                f"wall speed-up of this pair (-n 1 wall / -n {args.n_process} wall) {ratios[-1]:.2f}"
            )
            print(
                f"speed-up the CPU split allows on {args.n_process} idle cores: "
                f"-n 1 CPU / busiest process {sum(p.cpu for p in one) / busiest(many):.2f}; "
                f"tree CPU / busiest process {sum(p.cpu for p in many) / busiest(many):.2f}\n"
            )
        if len(ratios) > 1:  # a pair runs back to back, so both see the machine alike
            print(
                f"wall speed-up over {len(ratios)} alternating pairs: median "
                f"{statistics.median(ratios):.2f}, range {min(ratios):.2f}-{max(ratios):.2f}"
            )
        if len(ceilings) > 1:
            print(
                f"ideal split over {len(ceilings)} rounds: median {statistics.median(ceilings):.2f},"
                f" range {min(ceilings):.2f}-{max(ceilings):.2f}"
            )


if __name__ == "__main__":
    main()

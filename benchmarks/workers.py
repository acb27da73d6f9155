"""Where the time goes with `--n-process N`: the parent's reader, pickling, the writer, the
workers' CPU time and their peak RSS, all in one process tree.

    python benchmarks/workers.py --articles 168 --n-process 2

CPU seconds do not depend on what else runs on the machine, wall seconds do: the report gives
both, and the speed-up the CPU split allows on N idle cores.
"""

from __future__ import annotations

import argparse
import io
import os
import pickle
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus

from brinkwatch.cli.output import RecordWriter
from brinkwatch.ingest import read_inputs
from brinkwatch.process import code_records
from brinkwatch.settings import Settings
from brinkwatch.workers import chunk_size


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def timed(func):  # type: ignore[no-untyped-def]
    wall, own = time.perf_counter(), cpu(resource.RUSAGE_SELF)
    value = func()
    return value, time.perf_counter() - wall, cpu(resource.RUSAGE_SELF) - own


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=168)
    parser.add_argument("--n-process", type=int, default=2)
    args = parser.parse_args()
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        n, words, name = write_corpus(args.articles, corpus)
        print(f"{n} articles, {words:,} words ({name}); load {os.getloadavg()}")
        docs, read_wall, _ = timed(lambda: list(read_inputs([str(corpus)])))
        coded, code_wall, parent_cpu = timed(
            lambda: list(code_records(docs, settings, args.n_process))
        )
    workers_cpu = cpu(resource.RUSAGE_CHILDREN)
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    size = chunk_size(settings)
    chunks = [docs[i : i + size] for i in range(0, len(docs), size)]
    results = [coded[i : i + size] for i in range(0, len(coded), size)]
    dumped, dump_wall, _ = timed(lambda: [pickle.dumps(c, protocol=5) for c in chunks + results])
    _, load_wall, _ = timed(lambda: [pickle.loads(b) for b in dumped])

    def write() -> None:
        with RecordWriter("-", "jsonl") as writer:
            writer.handle = io.StringIO()
            for record in coded:
                writer.write(record)

    _, write_wall, _ = timed(write)
    mb = sum(len(b) for b in dumped) / 1e6
    rows = [
        ("reader (parse JSONL into Documents)", read_wall),
        (f"pickling both ways ({mb:.1f} MB)", dump_wall + load_wall),
        ("writer (records to JSONL)", write_wall),
    ]
    print("| parent step | seconds |\n|---|---:|")
    print("\n".join(f"| {label} | {sec:.2f} |" for label, sec in rows))
    print(
        f"\ncode_records(n_process={args.n_process}): wall {code_wall:.2f} s, parent CPU "
        f"{parent_cpu:.2f} s, workers' CPU {workers_cpu:.2f} s (model loads included), "
        f"peak RSS per worker {worker_rss:.0f} MB, parent {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()

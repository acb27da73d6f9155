"""Cost of the actor knowledge base: memory added and coding time, with vs. without it.

Codes N benchmark articles (benchmarks/throughput.py's builder) through the whole coding path,
warm, in one process: the rounds without the knowledge base, then those with it; resident memory
is read after each set, so its difference is what the knowledge base adds.

    PYTHONPATH=src:. python -m benchmarks.actor_kb --articles 60 [--rounds 3]
"""

from __future__ import annotations

import argparse
import time

from benchmarks.throughput import build_corpus

from brinkwatch.process import code_records, get_coder
from brinkwatch.settings import Settings


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as handle:
        pages = int(handle.read().split()[1])
    return pages * 4096 / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    coder = get_coder(settings)
    gaz = coder.nlp.get_pipe("brinkwatch_actors").gazetteer
    kb = gaz.kb
    docs = build_corpus(args.articles)
    gaz.kb = None
    list(code_records(docs, settings))  # warm: spaCy's own memory grows on its first pass
    times: dict[bool, list[float]] = {True: [], False: []}
    memory: dict[bool, float] = {}
    for with_kb in (False, True):  # all rounds without, then all with: memory grows only once
        gaz.kb = kb if with_kb else None
        for _ in range(args.rounds):
            start = time.process_time()
            list(code_records(docs, settings))
            times[with_kb].append(time.process_time() - start)
        memory[with_kb] = rss_mb()
    before, after = memory[False], memory[True]
    off, on = min(times[False]), min(times[True])
    print(f"articles {args.articles}, best of {args.rounds} rounds (CPU time of this process)")
    print(
        f"coding without knowledge base {off:.2f} s, with {on:.2f} s: {100 * (on / off - 1):+.1f}%"
    )
    print(f"resident memory {before:.0f} MB after the rounds without, {after:.0f} MB after those with: "
          f"{after - before:+.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()

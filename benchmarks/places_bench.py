"""Locating events: what it costs (docs/performance.md, "Locating events").

Measures, in one process: the gazetteer's size on disk and its load time (once per process), and
the CPU time of the two locating components (`brinkwatch_places`: toponyms and their resolution;
`brinkwatch_locations`: event and actor places) as a share of the whole coding time (the
paragraph parse plus every article component) on articles built like `throughput.py`'s.

    python benchmarks/places_bench.py --articles 60 [--write docs/performance.md]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus, time_components

from brinkwatch.datafiles import data_path
from brinkwatch.knowledge.places import PLACES_FILE
from brinkwatch.settings import Settings

LOCATING = ("brinkwatch_places", "brinkwatch_locations")
_LOAD = (
    "import time; t = time.process_time(); from brinkwatch.knowledge.places import gazetteer; "
    "g = gazetteer(); print(time.process_time() - t, len(g.rows), len(g.by_name))"
)


def load_time(runs: int = 3) -> tuple[float, int, int]:
    """Best of `runs` fresh processes: CPU seconds to import and load the gazetteer (CPU time,
    not wall time: the figure should not depend on what else the machine is running)."""
    best = None
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD], capture_output=True, text=True, check=True
        )
        seconds, rows, names = out.stdout.split()
        best = min(best or float(seconds), float(seconds))
    return float(best or 0.0), int(rows), int(names)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--write", type=Path, help="append the result to this markdown file")
    args = parser.parse_args()
    size = data_path(PLACES_FILE).stat().st_size
    seconds, rows, names = load_time()
    docs = build_corpus(args.articles)
    parse_s, spent = time_components(docs, Settings())
    coding = parse_s + sum(spent.values())
    locating = sum(spent.get(name, 0.0) for name in LOCATING)
    lines = [
        f"gazetteer {PLACES_FILE}: {size / 1e6:.2f} MB on disk, {rows:,} places, {names:,} names; "
        f"import + load {seconds:.2f} CPU s (best of 3 fresh processes; once per process)",
        "",
        f"{args.articles} articles, {sum(len(d.text.split()) for d in docs):,} words",
        "",
        "| component | CPU s | share of coding time |",
        "|---|---:|---:|",
        *(
            f"| {n} | {spent.get(n, 0.0):.2f} | {spent.get(n, 0.0) / coding:.1%} |"
            for n in LOCATING
        ),
        f"| locating (both) | {locating:.2f} | {locating / coding:.1%} |",
        f"| coding (parse + all components) | {coding:.2f} | 100% |",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        with args.write.open("a", encoding="utf-8") as handle:
            handle.write("\n" + report + "\n")


if __name__ == "__main__":
    main()

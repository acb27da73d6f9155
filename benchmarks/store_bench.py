"""Store benchmarks: ingest throughput (1 and 2 worker processes) and a dyad/date query over
N synthetic deduplicated events (default 1M) on SQLite.

Ingest builds articles of ~600 words from shuffled paragraphs of the example corpus (fixed seed)
and times `store.ingest` end to end (skip check, coding, dedup, one writer), model load excluded
for 1 process, worker start-up included for 2.

    python benchmarks/store_bench.py [--articles 200] [--events 1000000] [--skip-ingest]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, insert, text
from throughput import build_corpus  # the same ~600-word articles (run from benchmarks/)

from brinkwatch.process import code_records, get_coder
from brinkwatch.records import Document
from brinkwatch.settings import Settings
from brinkwatch.store.db import open_engine
from brinkwatch.store.ingest import ingest
from brinkwatch.store.queries import EventFilter, event_query, find_events
from brinkwatch.store.schema import event_clusters
from brinkwatch.store.writer import StoreWriter

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = [f"C{i:02d}" for i in range(50)]


def time_ingest(docs: list[Document], n_process: int, folder: Path) -> float:
    settings = Settings(n_process=n_process)
    if n_process == 1:
        get_coder(settings)  # model load is not ingest throughput
    engine = open_engine(f"sqlite:///{folder / f'ingest-{n_process}.db'}")
    writer = StoreWriter(engine)
    start = time.perf_counter()
    counts = ingest(writer, docs, lambda items: code_records(items, settings, n_process))
    elapsed = time.perf_counter() - start
    print(
        f"ingest, {n_process} process(es): {counts.new} articles, {counts.events} event mentions,"
        f" {counts.duplicates} near-duplicates in {elapsed:.1f}s = {counts.new / elapsed:.1f} articles/s"
    )
    return counts.new / elapsed


def time_writer(docs: list[Document], folder: Path) -> None:
    """The store's own share: writing already-coded articles (dedup, events, evidence)."""
    records = list(code_records(docs, Settings(), 1))
    writer = StoreWriter(open_engine(f"sqlite:///{folder / 'writer.db'}"))
    start = time.perf_counter()
    for i in range(0, len(records), 16):
        writer.write([(r, None) for r in records[i : i + 16]])
    elapsed = time.perf_counter() - start
    print(
        f"writer only: {len(records)} coded articles in {elapsed:.2f}s = "
        f"{len(records) / elapsed:.0f} articles/s"
    )


def fill_events(engine: Engine, n: int, seed: int = 11) -> None:
    rng = random.Random(seed)
    stamp = datetime(2025, 1, 1)
    start = date(2015, 1, 1).toordinal()
    batch = []
    with engine.begin() as conn:
        for i in range(n):
            day = date.fromordinal(start + rng.randrange(3650))
            src, tgt = rng.sample(COUNTRIES, 2)
            root = rng.randrange(1, 21)
            batch.append(
                {
                    "dedup_key": f"k{i}",
                    "date": day.isoformat(),
                    "sqldate": day.year * 10000 + day.month * 100 + day.day,
                    "source_code": src,
                    "source_country": src,
                    "target_code": tgt,
                    "target_country": tgt,
                    "cameo": f"{root:02d}0",
                    "cameo_root": f"{root:02d}",
                    "quad_class": 1 + (root - 1) // 5,
                    "goldstein": 0.0,
                    "negated": False,
                    "num_mentions": 1,
                    "num_sources": 1,
                    "num_articles": 1,
                    "date_added": stamp,
                }
            )
            if len(batch) == 50_000:
                conn.execute(insert(event_clusters), batch)
                batch.clear()
        if batch:
            conn.execute(insert(event_clusters), batch)
        conn.execute(text("ANALYZE"))


def time_query(engine: Engine, filt: EventFilter, label: str, repeat: int = 20) -> None:
    times, found = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = len(find_events(engine, filt))
        times.append((time.perf_counter() - start) * 1000)
    sql = str(event_query(filt).compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = " / ".join(r[-1] for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql)))
    print(
        f"{label}: {found} events, median {statistics.median(times):.1f} ms "
        f"(max {max(times):.1f} ms) — plan: {plan}"
    )


def bench_queries(n: int, folder: Path) -> None:
    engine = open_engine(f"sqlite:///{folder / 'events.db'}")
    start = time.perf_counter()
    fill_events(engine, n)
    print(f"inserted {n:,} synthetic events in {time.perf_counter() - start:.1f}s")
    year = {"since": date(2020, 1, 1), "until": date(2020, 12, 31)}
    time_query(engine, EventFilter(dyad=("C01", "C02"), **year), "dyad C01→C02, one year")
    time_query(engine, EventFilter(dyad=("C01", "C02")), "dyad C01→C02, all dates")
    month = {"since": date(2020, 3, 1), "until": date(2020, 3, 31)}
    time_query(engine, EventFilter(country="C03", **month), "country C03 either side, one month")
    time_query(engine, EventFilter(cameo_root="19", quad_class=4, **month), "root 19, one month")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--skip-ingest", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if not args.skip_ingest:
            docs = build_corpus(args.articles, seed=7)
            for n_process in (1, 2):
                time_ingest(docs, n_process, folder)
            time_writer(docs, folder)
        bench_queries(args.events, folder)


if __name__ == "__main__":
    main()

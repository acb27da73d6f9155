"""Web API latency: p50/p99 of the main read endpoints, over HTTP (uvicorn in a thread, httpx),
on a given store (e.g. the demo's out/demo.db) or on a synthetic store of N events (default 1M)
written straight through the store's tables (no spaCy: the store is what is measured).

The synthetic store: 60 countries, pairs drawn with a Zipf-like skew (the busiest pair holds
~5% of all events: the dyad page's worst case), events over five years, one article and one
evidence sentence per event mention, ~N/10 articles with searchable text.

    python benchmarks/web_latency.py --db out/demo.db            # an existing store
    python benchmarks/web_latency.py --events 1000000 [--keep F]  # synthetic (F: keep the file)
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import threading
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, insert, select, text

from brinkwatch.settings import Settings
from brinkwatch.store.db import open_engine
from brinkwatch.store.dyad_daily import rebuild
from brinkwatch.store.monitor_io import monitor_events, upsert_alerts
from brinkwatch.store.schema import articles, event_clusters, events, evidence
from brinkwatch.web import create_app, web_settings
from brinkwatch.web.app import serving

# three-letter codes like ISO 3166's (the API checks the shape): QAA, QAB, …
COUNTRIES = [f"Q{chr(65 + i // 26)}{chr(65 + i % 26)}" for i in range(60)]
WORDS = [
    "border",
    "talks",
    "ministers",
    "ships",
    "reef",
    "envoy",
    "sanctions",
    "drills",
    "aid",
    "protest",
    "treaty",
    "ceasefire",
]
# (CAMEO root, QuadClass, Goldstein) of a few roots, for plausible mixes
ROOTS = [
    ("04", 1, 1.0),
    ("05", 1, 3.5),
    ("07", 2, 7.0),
    ("11", 3, -2.0),
    ("12", 3, -4.0),
    ("13", 3, -4.4),
    ("15", 4, -7.2),
    ("17", 4, -7.0),
    ("19", 4, -10.0),
]
CHUNK = 20_000


def _pairs(rng: random.Random) -> list[tuple[str, str]]:
    every = [(a, b) for a in COUNTRIES for b in COUNTRIES if a != b]
    rng.shuffle(every)
    return every


def _zipf_pair(rng: random.Random, pairs: list[tuple[str, str]]) -> tuple[str, str]:
    # index ~ Pareto-distributed: a few pairs hold most events, as in real news; the busiest
    # holds ~5% (P(index 0) = 1 - 1.05^-1.1)
    index = min(int((rng.paretovariate(1.1) - 1) * 20), len(pairs) - 1)
    return pairs[index]


def fill(engine: Engine, n: int, seed: int = 5) -> None:
    """N synthetic events, N/10 articles, N mentions and N evidence sentences."""
    rng = random.Random(seed)
    pairs = _pairs(rng)
    start, stamp = date(2021, 1, 1), datetime(2026, 1, 1)
    n_articles = max(n // 10, 1)
    with engine.begin() as conn:
        rows = []
        for i in range(n_articles):
            day = start + timedelta(days=rng.randrange(5 * 365))
            words = " ".join(rng.choice(WORDS) for _ in range(40))
            rows.append(
                {
                    "id": f"a{i}",
                    "content_hash": f"h{i}",
                    "status": "coded",
                    "title": f"Report {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
                    "outlet": f"Outlet {i % 40}",
                    "url": f"https://news.example/{i}",
                    "published": day,
                    "text": f"Article {i} token{i}. {words}.",
                    "attempts": 1,
                    "added_at": stamp,
                }
            )
            if len(rows) == CHUNK:
                conn.execute(insert(articles), rows)
                rows.clear()
        if rows:
            conn.execute(insert(articles), rows)
    clusters, mentions, spans = [], [], []
    with engine.begin() as conn:
        for i in range(1, n + 1):
            src, tgt = _zipf_pair(rng, pairs)
            root, quad, goldstein = rng.choice(ROOTS)
            day = start + timedelta(days=rng.randrange(5 * 365))
            article_pk = rng.randrange(1, n_articles + 1)
            clusters.append(
                {
                    "id": i,
                    "dedup_key": f"k{i}",
                    "date": day.isoformat(),
                    "date_granularity": "day",
                    "sqldate": day.year * 10000 + day.month * 100 + day.day,
                    "source_code": src + "GOV",
                    "source_name": src,
                    "source_country": src,
                    "target_code": tgt + "GOV",
                    "target_name": tgt,
                    "target_country": tgt,
                    "cameo": root + "0",
                    "cameo_root": root,
                    "cameo_name": "synthetic",
                    "quad_class": quad,
                    "goldstein": goldstein,
                    "negated": False,
                    "num_mentions": 1,
                    "num_sources": 1,
                    "num_articles": 1,
                    "first_article_pk": article_pk,
                    "date_added": stamp,
                }
            )
            mentions.append(
                {
                    "pk": i,
                    "article_pk": article_pk,
                    "cluster_id": i,
                    "event_id": "e1",
                    "date": day.isoformat(),
                }
            )
            sentence = f"{src} did {root} to {tgt} on {day}."
            spans.append(
                {
                    "article_pk": article_pk,
                    "event_pk": i,
                    "role": "sentence",
                    "start": 0,
                    "end": len(sentence),
                    "text": sentence,
                }
            )
            if len(clusters) == CHUNK:
                _flush(conn, clusters, mentions, spans)
        _flush(conn, clusters, mentions, spans)
        rebuild(conn)  # written around the writer: the dyad summary from scratch
        conn.execute(text("ANALYZE"))


def _flush(conn: Any, *batches: list[dict[str, Any]]) -> None:
    for table, batch in zip((event_clusters, events, evidence), batches, strict=True):
        if batch:
            conn.execute(insert(table), batch)
            batch.clear()


def busiest_pair(engine: Engine) -> tuple[str, str, int]:
    c = event_clusters.c
    query = (
        select(c.source_country, c.target_country, func.count().label("n"))
        .where(c.source_country.is_not(None), c.target_country.is_not(None))
        .group_by(c.source_country, c.target_country)
        .order_by(func.count().desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(query).one()
    return str(row[0]), str(row[1]), int(row[2])


def serve(url: str) -> tuple[str, Any]:
    import socket

    import uvicorn

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = web_settings(Settings(db=url), env={}, monitor_on_start=False)
    app = serving(create_app(settings))  # as `brinkwatch serve` builds it
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def measure(client: httpx.Client, path: str, repeat: int) -> str:
    first = time.perf_counter()
    response = client.get(path)
    cold = (time.perf_counter() - first) * 1000
    assert response.status_code == 200, (path, response.status_code, response.text[:200])
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        client.get(path).raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    size = len(response.content) / 1024
    return f"| `{path}` | {statistics.median(times):.1f} | {p99:.1f} | {cold:.1f} | {size:.0f} KB |"


def run(url: str, repeat: int) -> None:
    engine = open_engine(url)
    a, b, n_pair = busiest_pair(engine)
    with engine.connect() as conn:
        article_id = conn.scalar(select(articles.c.id).order_by(articles.c.pk.desc()).limit(1))
        n_events = conn.scalar(select(func.count()).select_from(event_clusters))
    print(f"store: {n_events:,} events; busiest pair {a}→{b} with {n_pair:,} events")
    base, server = serve(url)
    paths = [
        f"/api/v1/dyads/{a}/{b}",
        f"/api/v1/dyads/{a}/{b}?freq=week",
        f"/api/v1/events?pair={a}-{b}&limit=25",
        "/api/v1/events?limit=50",
        f"/api/v1/events?country={a}&root=19&limit=50",
        "/api/v1/articles?limit=10",
        "/api/v1/articles?q=ceasefire%20envoy&limit=10",
        f"/api/v1/articles/{article_id}",
        "/api/v1/alerts?limit=8",
        "/api/v1/quotes?limit=50",
        "/api/v1/dyads?limit=12",
        "/api/v1/network",
    ]
    print("| request | p50 ms | p99 ms | first (cold) ms | body |")
    print("|---|---:|---:|---:|---:|")
    with httpx.Client(base_url=base, timeout=600) as client:
        for path in paths:
            print(measure(client, path, repeat), flush=True)
    server.should_exit = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="Measure this store instead of a synthetic one.")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--keep", help="Write the synthetic store here (and reuse it if present).")
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args()
    if args.db:
        run(args.db, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep or Path(tmp) / "web-bench.db")
        url = f"sqlite:///{path}"
        if not path.exists():
            started = time.perf_counter()
            engine = open_engine(url)
            fill(engine, args.events)
            a, b, _ = busiest_pair(engine)
            found = monitor_events(engine, pair=(a, b))  # the busiest pair's alerts, stored
            from brinkwatch.monitor.alerts import detect

            upsert_alerts(engine, detect(found, Settings().monitor))
            print(f"built {args.events:,} events in {time.perf_counter() - started:.0f}s")
        run(url, args.repeat)


if __name__ == "__main__":
    main()

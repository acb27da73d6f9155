"""Monitor update over synthetic events: build the frame, the series and every pair's alerts.

    .venv/bin/python benchmarks/monitor_bench.py --events 1000000 --countries 60

Synthetic world: `--countries` states; a few hot pairs carry most events (news is like that) and
some of them go through a crisis; everything else is background chatter. Prints seconds per stage.

Measured 2026-11-28 (shared 2-core dev VM, pandas 3.1, numpy 2.0), 1M events, 60 countries, 365
days: events_frame 7.0 s, all_series 0.35 s (123k pair-days), detect over every pair 83 s wall
(frame + series + escalation/de-escalation/spiral alerts for ~1.3k pairs; ~40 ms of pandas
overhead per pair dominates). 100k events: detect 12 s.
"""

from __future__ import annotations

import argparse
import time
from datetime import date, timedelta

import numpy as np

from brinkwatch.monitor.alerts import detect
from brinkwatch.monitor.params import MonitorParams
from brinkwatch.monitor.series import all_series, events_frame
from brinkwatch.records import DyadEvent

GOLDSTEIN = {1: (1.0, 3.4), 2: (7.0, 8.0), 3: (-2.0, -4.0), 4: (-7.2, -9.5)}


def synthetic(n: int, countries: int, days: int, seed: int = 7) -> list[DyadEvent]:
    rng = np.random.default_rng(seed)
    names = [f"C{i:02d}" for i in range(countries)]
    # Zipf-like pair popularity: a few pairs dominate the news.
    src = np.minimum(rng.zipf(1.6, n) - 1, countries - 1)
    tgt = (src + 1 + np.minimum(rng.zipf(1.8, n) - 1, countries - 2)) % countries
    day = rng.integers(0, days, n)
    crisis = (src + tgt) % 7 == 0
    hot = crisis & (np.abs(day - days // 2) < 10)
    quad = np.where(
        rng.random(n) < np.where(hot, 0.8, 0.25), rng.integers(3, 5, n), rng.integers(1, 3, n)
    )
    pick = rng.integers(0, 2, n)
    arts = rng.integers(1, 5, n)
    start = date(2025, 1, 1)
    return [
        DyadEvent(
            event_id=str(i),
            date=start + timedelta(days=int(day[i])),
            source=names[src[i]],
            target=names[tgt[i]],
            cameo="000",
            quad_class=int(quad[i]),
            goldstein=GOLDSTEIN[int(quad[i])][pick[i]],
            mentions=int(arts[i]),
            articles=int(arts[i]),
            article_id=f"a{i // 3}",
        )
        for i in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--countries", type=int, default=60)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    t0 = time.perf_counter()
    events = synthetic(args.events, args.countries, args.days)
    t1 = time.perf_counter()
    params = MonitorParams()
    frame = events_frame(events, params.weight)
    t2 = time.perf_counter()
    table = all_series(frame, "day")
    t3 = time.perf_counter()
    alerts = detect(events, params)
    t4 = time.perf_counter()
    kinds = {k: sum(a.kind == k for a in alerts) for k in ("escalation", "spiral", "de-escalation")}
    print(f"events: {len(events):,} over {args.days} days, {args.countries} countries")
    print(f"generate:      {t1 - t0:7.2f} s")
    print(f"events_frame:  {t2 - t1:7.2f} s")
    print(f"all_series:    {t3 - t2:7.2f} s  ({len(table):,} pair-days)")
    print(f"detect (all):  {t4 - t3:7.2f} s  (frame + series + alerts; {kinds})")


if __name__ == "__main__":
    main()

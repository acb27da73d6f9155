"""Exports of the deduplicated events: GDELT 2.0 events TSV, PLOVER JSON, CSV, JSONL, Parquet.

The GDELT layout is GDELT 2.0's 61 columns in order (codes/gdelt_events_columns.tsv), tab
separated, no header. Geography and tone are not measured by brinkwatch and are left empty;
negated events ("did not attack") are not events in GDELT's sense and are left out there.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq
from sqlalchemy import Engine

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.store.queries import EventFilter, StoredEvent, find_events

FORMATS = ("gdelt", "plover", "csv", "jsonl", "parquet")


@functools.cache
def gdelt_columns() -> tuple[str, ...]:
    rows = sorted(read_tsv(data_path("codes/gdelt_events_columns.tsv")), key=_index)
    return tuple(row.values["name"] for row in rows)


def _index(row: Any) -> int:
    return int(row.values["index"])


def fraction_date(sqldate: int) -> float:
    """GDELT's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, as GDELT documents it."""
    year, month, day = sqldate // 10_000, sqldate // 100 % 100, sqldate % 100
    return round(year + (month * 30 + day) / 365, 4)


def gdelt_row(event: StoredEvent) -> list[str]:
    """One event as GDELT 2.0's 61 values, in column order, as text."""
    day = event.sqldate or 0
    values: dict[str, Any] = {
        "GLOBALEVENTID": event.id,
        "SQLDATE": day or "",
        "MonthYear": day // 100 or "",
        "Year": day // 10_000 or "",
        "FractionDate": fraction_date(day) if day else "",
        "IsRootEvent": 0,
        "EventCode": event.cameo,
        "EventBaseCode": event.cameo[:3],
        "EventRootCode": event.cameo_root,
        "QuadClass": event.quad_class,
        "GoldsteinScale": event.goldstein,
        "NumMentions": event.num_mentions,
        "NumSources": event.num_sources,
        "NumArticles": event.num_articles,
        "DATEADDED": event.date_added.strftime("%Y%m%d%H%M%S"),
        "SOURCEURL": event.source_url or "",
    }
    for n, side in (("1", "source"), ("2", "target")):
        values[f"Actor{n}Code"] = getattr(event, f"{side}_code") or ""
        values[f"Actor{n}Name"] = (getattr(event, f"{side}_name") or "").upper()
        values[f"Actor{n}CountryCode"] = getattr(event, f"{side}_country") or ""
        values[f"Actor{n}Type1Code"] = getattr(event, f"{side}_sector") or ""
    return [_clean(values.get(name, "")) for name in gdelt_columns()]


def _clean(value: Any) -> str:
    # a tab or newline inside a name would shift every later column
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def flat_row(event: StoredEvent) -> dict[str, Any]:
    """An event as one flat record (CSV, Parquet): its fields and its first evidence sentence."""
    row = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    spans = row.pop("evidence")
    first = spans[0] if spans else None
    row["date_added"] = event.date_added.isoformat()
    row["evidence_count"] = len(spans)
    row["evidence_article"] = first.article_id if first else None
    row["evidence_text"] = first.sentence if first else None
    return row


def json_row(event: StoredEvent) -> dict[str, Any]:
    row = flat_row(event)
    for key in ("evidence_article", "evidence_text"):
        row.pop(key)
    row["evidence"] = [dataclasses.asdict(e) for e in event.evidence]
    return row


def plover_record(event: StoredEvent) -> dict[str, Any]:
    """A PLOVER-style record: event and mode, actor and recipient, with CAMEO kept alongside."""
    first = event.evidence[0] if event.evidence else None
    return {
        "id": str(event.id),
        "date": event.date,
        "event": event.plover_event,
        "mode": event.plover_mode or "",
        "context": [],
        "actor": event.source_name,
        "actor_code": event.source_code,
        "actor_country": event.source_country,
        "recipient": event.target_name,
        "recipient_code": event.target_code,
        "recipient_country": event.target_country,
        "negated": event.negated,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "num_mentions": event.num_mentions,
        "num_sources": event.num_sources,
        "num_articles": event.num_articles,
        "source": first.outlet if first else None,
        "url": first.url if first else event.source_url,
        "text": first.sentence if first else None,
        "evidence": [dataclasses.asdict(e) for e in event.evidence],
    }


@contextmanager
def _open(path: str, binary: bool = False) -> Iterator[IO[Any]]:
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with open(
        path,
        "wb" if binary else "w",
        encoding=None if binary else "utf-8",
        newline=None if binary else "",
    ) as handle:
        yield handle


def _write_gdelt(events: list[StoredEvent], handle: IO[Any]) -> int:
    writer = csv.writer(
        handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
    )
    rows = [gdelt_row(e) for e in events if not e.negated]
    writer.writerows(rows)
    return len(rows)


def _write_csv(events: list[StoredEvent], handle: IO[Any]) -> int:
    rows = [flat_row(e) for e in events]
    fieldnames = list(rows[0]) if rows else [*_flat_columns()]
    writer = csv.DictWriter(handle, fieldnames=fieldnames, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def _flat_columns() -> list[str]:
    names = [f.name for f in dataclasses.fields(StoredEvent) if f.name != "evidence"]
    return [*names, "evidence_count", "evidence_article", "evidence_text"]


def _write_jsonl(events: list[StoredEvent], handle: IO[Any]) -> int:
    for event in events:
        handle.write(json.dumps(json_row(event), ensure_ascii=False) + "\n")
    return len(events)


def _write_plover(events: list[StoredEvent], handle: IO[Any]) -> int:
    records = [plover_record(e) for e in events if e.plover_event]
    json.dump(records, handle, ensure_ascii=False, indent=1)
    handle.write("\n")
    return len(records)


def _write_parquet(events: list[StoredEvent], handle: IO[Any]) -> int:
    rows = [flat_row(e) for e in events]
    columns = {name: [r[name] for r in rows] for name in _flat_columns()}
    pq.write_table(pa.table(columns), handle)
    return len(rows)


_WRITERS: dict[str, tuple[Callable[[list[StoredEvent], IO[Any]], int], bool]] = {
    "gdelt": (_write_gdelt, False),
    "plover": (_write_plover, False),
    "csv": (_write_csv, False),
    "jsonl": (_write_jsonl, False),
    "parquet": (_write_parquet, True),
}


def export(engine: Engine, fmt: str, path: str = "-", filt: EventFilter | None = None) -> int:
    """Write the events matching `filt` to `path` (`-` for stdout); returns the rows written."""
    write, binary = _WRITERS[fmt]
    events = find_events(engine, filt, with_evidence=fmt != "gdelt")
    with _open(path, binary) as handle:
        return write(events, handle)

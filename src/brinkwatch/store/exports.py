"""Exports of the deduplicated events: GDELT 2.0 events TSV, PLOVER JSONL, CSV, JSONL, Parquet.

The GDELT layout is GDELT 2.0's 61 columns in order (codes/gdelt_events_columns.tsv), tab
separated, no header. Geography comes from the stored locations (store/gdelt_geo.py); tone is not
measured by brinkwatch and is left empty;
negated events ("did not attack") are not events in GDELT's sense and are left out there.
GLOBALEVENTID is `GLOBALEVENTID_BASE` + the stored event id: fifteen digits starting with 9,
far above GDELT's own sequential ids (about 1.2 billion in 2024), so the two never collide when
loaded side by side.
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

from sqlalchemy import Engine

from brinkwatch.datafiles import data_path, read_tsv
from brinkwatch.errors import ConfigError
from brinkwatch.store.atomic import atomic_output
from brinkwatch.store.gdelt_geo import gdelt_geo
from brinkwatch.store.names import known_group, type_codes
from brinkwatch.store.queries import EventFilter, StoredEvent, find_events, lead_ends

FORMATS = ("gdelt", "plover", "csv", "jsonl", "parquet")
GLOBALEVENTID_BASE = 900_000_000_000_000


@functools.cache
def gdelt_columns() -> tuple[str, ...]:
    return tuple(row.values["name"] for row in _column_rows())


def _column_rows() -> list[Any]:
    return sorted(read_tsv(data_path("codes/gdelt_events_columns.tsv")), key=_index)


@functools.cache
def gdelt_types() -> dict[str, str]:
    """Each GDELT column's type as GDELT documents it: STRING, INTEGER or FLOAT."""
    return {row.values["name"]: row.values["type"] for row in _column_rows()}


def gdelt_dtypes() -> dict[str, str]:
    """The `dtype=` for `pandas.read_csv` that keeps GDELT's STRING columns (codes) as text,
    so EventCode "057" stays "057"; integer columns take pandas' nullable Int64."""
    kinds = {"STRING": "str", "INTEGER": "Int64", "FLOAT": "float64"}
    return {name: kinds[kind] for name, kind in gdelt_types().items()}


def _index(row: Any) -> int:
    return int(row.values["index"])


def fraction_date(sqldate: int) -> float:
    """GDELT's FractionDate: YYYY + (MONTH * 30 + DAY) / 365, as GDELT documents it."""
    year, month, day = sqldate // 10_000, sqldate // 100 % 100, sqldate % 100
    return round(year + (month * 30 + day) / 365, 4)


def gdelt_row(event: StoredEvent, *, is_root: bool = False) -> list[str]:
    """One event as GDELT 2.0's 61 values, in column order, as text. `is_root`: the event is
    reported in the lead paragraph of an article (GDELT's IsRootEvent)."""
    day = event.sqldate or 0
    values: dict[str, Any] = {
        "GLOBALEVENTID": GLOBALEVENTID_BASE + event.id,
        "SQLDATE": day or "",
        "MonthYear": day // 100 or "",
        "Year": day // 10_000 or "",
        "FractionDate": fraction_date(day) if day else "",
        "IsRootEvent": int(is_root),
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
        values.update(_gdelt_actor(f"Actor{n}", event, side))
    values.update(gdelt_geo(event))
    return [_clean(values.get(name, "")) for name in gdelt_columns()]


def _gdelt_actor(prefix: str, event: StoredEvent, side: str) -> dict[str, str]:
    code = getattr(event, f"{side}_code") or ""
    country = getattr(event, f"{side}_country") or ""
    values = {
        f"{prefix}Code": code,
        # the canonical name (resolved, else country, organisation or type), upper-cased as GDELT
        f"{prefix}Name": (getattr(event, f"{side}_name") or "").upper(),
        # an IGO is no country: GDELT codes it by its known group instead
        f"{prefix}CountryCode": "" if country == "IGO" else country,
        f"{prefix}KnownGroupCode": known_group(code) or "",
    }
    for i, type_code in enumerate(type_codes(getattr(event, f"{side}_sector"))[:3], start=1):
        values[f"{prefix}Type{i}Code"] = type_code
    return values


def _clean(value: Any) -> str:
    # a tab or newline inside a name would shift every later column
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def flat_row(event: StoredEvent) -> dict[str, Any]:
    """An event as one flat record (CSV, Parquet): its fields and its first evidence sentence."""
    row = {f.name: getattr(event, f.name) for f in dataclasses.fields(event)}
    spans = row.pop("evidence")
    first = spans[0] if spans else None
    row["evidence_count"] = len(spans)
    row["evidence_article"] = first.article_id if first else None
    row["evidence_text"] = first.sentence if first else None
    return row


def json_row(event: StoredEvent) -> dict[str, Any]:
    row = flat_row(event)
    row["date_added"] = event.date_added.isoformat()
    for key in ("evidence_article", "evidence_text"):
        row.pop(key)
    row["evidence"] = [dataclasses.asdict(e) for e in event.evidence]
    return row


@contextmanager
def open_output(path: str, binary: bool = False) -> Iterator[IO[Any]]:
    """The output file, written under a temporary name and renamed when complete, so an export
    that is killed midway never leaves a file that looks whole."""
    if path == "-":
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with atomic_output(path, binary) as handle:
        yield handle


def _write_gdelt(events: list[StoredEvent], handle: IO[Any], leads: dict[str, int]) -> int:
    writer = csv.writer(
        handle, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
    )
    rows = [gdelt_row(e, is_root=is_root_event(e, leads)) for e in events if not e.negated]
    writer.writerows(rows)
    return len(rows)


def is_root_event(event: StoredEvent, leads: dict[str, int]) -> bool:
    """GDELT's IsRootEvent: some article reports the event in its lead paragraph."""
    return any(e.start < leads.get(e.article_id, 0) for e in event.evidence)


def _write_csv(events: list[StoredEvent], handle: IO[Any]) -> int:
    rows = [{**flat_row(e), "date_added": e.date_added.isoformat()} for e in events]
    fieldnames = list(rows[0]) if rows else [*_flat_columns()]
    # strings quoted, numbers not: spreadsheets and typed readers keep "057" a code, not 57
    writer = csv.DictWriter(
        handle, fieldnames=fieldnames, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
    )
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
    from brinkwatch.store.plover import plover_record

    count = 0
    for event in events:
        record = plover_record(event, GLOBALEVENTID_BASE + event.id)
        if record is not None:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def _write_parquet(events: list[StoredEvent], handle: IO[Any]) -> int:
    from brinkwatch.store.parquet import events_table, write_table

    write_table(events_table([flat_row(e) for e in events], _flat_columns()), handle)
    return len(events)


_WRITERS: dict[str, tuple[Callable[[list[StoredEvent], IO[Any]], int], bool]] = {
    "plover": (_write_plover, False),
    "csv": (_write_csv, False),
    "jsonl": (_write_jsonl, False),
    "parquet": (_write_parquet, True),
}


def export(engine: Engine, fmt: str, path: str = "-", filt: EventFilter | None = None) -> int:
    """Write the events matching `filt` to `path` (`-` for stdout); returns the rows written."""
    if fmt == "parquet":
        require_pyarrow()
    events = find_events(engine, filt, with_evidence=True)
    if fmt == "gdelt":
        leads = lead_ends(engine, {e.article_id for ev in events for e in ev.evidence})
        with open_output(path) as handle:
            return _write_gdelt(events, handle, leads)
    write, binary = _WRITERS[fmt]
    with open_output(path, binary) as handle:
        return write(events, handle)


def require_pyarrow() -> None:
    """Parquet needs pyarrow, which the `parquet` extra installs."""
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        raise ConfigError(
            "Parquet needs pyarrow, which is not installed",
            hint="pip install 'brinkwatch[parquet]'",
        ) from None

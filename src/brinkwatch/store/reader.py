"""`brinkwatch.read_store(db)`: a stored database as pandas DataFrames, for analysts.

    store = brinkwatch.read_store("news.db")
    events = store.events(since="2026-10-01", country="PHL")   # deduplicated events
    quotes = store.quotes(country="CHN")

The store must exist (a mistyped path is an error, not a new empty database).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import TYPE_CHECKING, Any

from brinkwatch.store.db import open_existing
from brinkwatch.store.queries import EventFilter, find_events
from brinkwatch.store.quote_queries import QuoteFilter, find_quotes

if TYPE_CHECKING:
    import pandas as pd
    from sqlalchemy import Engine

_EVENT_TYPES = {
    "id": "Int64",
    "date": "datetime64[ns]",
    "date_granularity": "string",
    "sqldate": "Int64",
    "quad_class": "Int64",
    "goldstein": "float64",
    "negated": "bool",
    "background": "bool",
    "num_mentions": "Int64",
    "num_sources": "Int64",
    "num_articles": "Int64",
    "date_added": "datetime64[ns]",
    "evidence_count": "Int64",
}


def _day(value: date | str | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


class StoreReader:
    """Read-only views of one store as DataFrames."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def events(
        self,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
        country: str | None = None,
        dyad: tuple[str, str] | None = None,
        cameo_root: str | None = None,
        plover: str | None = None,
        quad_class: int | None = None,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Deduplicated events (one row per event, with counts and the first evidence sentence);
        codes as strings, `date` a datetime at the start of its `date_granularity`."""
        import pandas as pd

        from brinkwatch.store.exports import _flat_columns, flat_row

        filt = EventFilter(
            since=_day(since),
            until=_day(until),
            country=country.upper() if country else None,
            dyad=(dyad[0].upper(), dyad[1].upper()) if dyad else None,
            cameo_root=cameo_root,
            plover_event=plover.upper() if plover else None,
            quad_class=quad_class,
            limit=limit,
        )
        rows = [flat_row(e) for e in find_events(self.engine, filt)]
        frame = pd.DataFrame(rows, columns=_flat_columns())
        frame["date"] = pd.to_datetime(
            frame["sqldate"].astype("string").str.slice(0, 8), format="%Y%m%d", errors="coerce"
        )
        frame["date_added"] = pd.to_datetime(frame["date_added"])
        types = {k: v for k, v in _EVENT_TYPES.items() if k not in ("date", "date_added")}
        text = {c: "string" for c in frame.columns if c not in _EVENT_TYPES}
        return frame.astype({**text, **types})

    def quotes(
        self,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
        country: str | None = None,
        speaker: str | None = None,
        medium: str | None = None,
    ) -> pd.DataFrame:
        """Stored quotes with their article and speaker, as strings (docs/quotes.md)."""
        import pandas as pd

        wanted = QuoteFilter(
            since=_day(since),
            until=_day(until),
            country=country.upper() if country else None,
            speaker=speaker,
            medium=medium,
        )
        found = find_quotes(self.engine, wanted)
        rows: list[dict[str, Any]] = [dataclasses.asdict(q) for q in found]
        return pd.DataFrame(rows).astype("string") if rows else pd.DataFrame()


def read_store(db: str) -> StoreReader:
    """A store (SQLite path or database URL) opened for reading as DataFrames."""
    return StoreReader(open_existing(db))

"""pandas DataFrames of brinkwatch's outputs, with typed columns.

* `events_frame(records)` (and `Article.events_frame()`): the events of coded articles.
* `read_gdelt(path)` loads a GDELT 2.0 events file (ours or GDELT's own) keeping code columns as
  text, so `EventCode` "057" stays "057".

Codes are strings, dates datetimes (a month or a year at its first day, with the granularity in
the next column), counts nullable integers. pandas is imported only when a frame is made.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brinkwatch.records import Actor, Article, Event, Failure

if TYPE_CHECKING:
    import pandas as pd


def read_gdelt(path: str | Path) -> pd.DataFrame:
    """A GDELT 2.0 events TSV (no header) as a DataFrame: codes and names as strings, counts and
    dates as integers, Goldstein and tone as floats."""
    import pandas as pd

    from brinkwatch.store.exports import gdelt_columns, gdelt_dtypes

    types = gdelt_dtypes()
    return pd.read_csv(
        path,
        sep="\t",
        header=None,
        names=list(gdelt_columns()),
        dtype=types,
        keep_default_na=False,  # an empty code stays "", not NaN
        na_values={name: [""] for name, kind in types.items() if kind != "str"},
        quoting=3,  # csv.QUOTE_NONE: GDELT never quotes
    )


# --- records as frames -----------------------------------------------------------------------

_EVENT_TYPES = {
    "article_id": "string",
    "event_id": "string",
    "published": "datetime64[ns]",
    "outlet": "string",
    "url": "string",
    "date": "datetime64[ns]",
    "date_granularity": "string",
    "date_text": "string",
    "date_source": "string",
    "source_text": "string",
    "source_name": "string",
    "source_code": "string",
    "source_country": "string",
    "source_sector": "string",
    "target_text": "string",
    "target_name": "string",
    "target_code": "string",
    "target_country": "string",
    "target_sector": "string",
    "cameo": "string",
    "cameo_root": "string",
    "cameo_name": "string",
    "quad_class": "Int64",
    "goldstein": "float64",
    "plover_event": "string",
    "plover_mode": "string",
    "negated": "bool",
    "background": "bool",
    "trigger": "string",
    "sentence": "string",
    "sentence_start": "Int64",
    "sentence_end": "Int64",
}
EVENT_COLUMNS = tuple(_EVENT_TYPES)


def _actor_columns(prefix: str, actor: Actor | None) -> dict[str, Any]:
    fields = ("text", "name", "code", "country", "sector")
    return {f"{prefix}_{f}": getattr(actor, f) if actor else None for f in fields}


def _day(value: str | None) -> str | None:
    """An ISO day, month or year as a full day (its first), for a datetime column."""
    if not value:
        return None
    parts = [*value.split("-"), "01", "01"]
    return "-".join(parts[:3])


def event_row(article: Article, event: Event) -> dict[str, Any]:
    """One event of one article as a flat row (the columns of `events_frame`)."""
    return {
        "article_id": article.id,
        "event_id": event.id,
        "published": article.published,
        "outlet": article.outlet,
        "url": article.url,
        "date": _day(event.date),
        "date_granularity": event.date_granularity,
        "date_text": event.date_text,
        "date_source": event.date_source,
        **_actor_columns("source", event.source),
        **_actor_columns("target", event.target),
        "cameo": event.cameo,
        "cameo_root": event.cameo_root,
        "cameo_name": event.cameo_name,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "plover_event": event.plover_event,
        "plover_mode": event.plover_mode,
        "negated": event.negated,
        "background": event.background,
        "trigger": event.trigger.text,
        "sentence": event.sentence.text,
        "sentence_start": event.sentence.start,
        "sentence_end": event.sentence.end,
    }


def events_frame(records: Iterable[Article | Failure]) -> pd.DataFrame:
    """Every event of the given articles (failures are skipped) as one typed DataFrame: codes
    as strings ("057"), dates as datetimes with their granularity beside them, counts as
    integers. One row per event, in order."""
    import pandas as pd

    rows = [
        event_row(record, event)
        for record in records
        if isinstance(record, Article)
        for event in record.events
    ]
    frame = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
    for column in ("published", "date"):
        frame[column] = pd.to_datetime(frame[column])
    return frame.astype(_EVENT_TYPES)

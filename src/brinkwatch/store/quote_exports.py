"""Exports of the stored quotes: JSONL, CSV or Parquet, one row per quote with its speaker,
medium, date and article. Files are written whole or not at all (store/atomic.py), as the
events export does."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Callable
from typing import IO, Any

from sqlalchemy import Engine

from brinkwatch.store.exports import open_output, require_pyarrow
from brinkwatch.store.quote_queries import QuoteFilter, StoredQuote, find_quotes

FORMATS = ("jsonl", "csv", "parquet")
COLUMNS = tuple(f.name for f in dataclasses.fields(StoredQuote))


def quote_row(quote: StoredQuote) -> dict[str, Any]:
    """A quote as a flat JSON-ready record (dates as ISO text)."""
    row = dataclasses.asdict(quote)
    row["published"] = quote.published.isoformat() if quote.published else None
    return row


def write_jsonl(found: list[StoredQuote], handle: IO[Any]) -> int:
    for quote in found:
        handle.write(json.dumps(quote_row(quote), ensure_ascii=False) + "\n")
    return len(found)


def write_csv(found: list[StoredQuote], handle: IO[Any]) -> int:
    # every field is text or empty: all quoted, so no reader takes a code for a number
    writer = csv.DictWriter(
        handle, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC
    )
    writer.writeheader()
    writer.writerows(quote_row(q) for q in found)
    return len(found)


def write_parquet(found: list[StoredQuote], handle: IO[Any]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    arrays = {
        name: pa.array(
            [getattr(q, name) for q in found],
            type=pa.date32() if name == "published" else pa.string(),
        )
        for name in COLUMNS
    }
    pq.write_table(pa.table(arrays), handle)
    return len(found)


_WRITERS: dict[str, tuple[Callable[[list[StoredQuote], IO[Any]], int], bool]] = {
    "jsonl": (write_jsonl, False),
    "csv": (write_csv, False),
    "parquet": (write_parquet, True),
}


def export_quotes(
    engine: Engine, fmt: str, path: str = "-", filt: QuoteFilter | None = None
) -> int:
    """Write the quotes matching `filt` to `path` (`-` for stdout); returns the rows written."""
    if fmt == "parquet":
        require_pyarrow()
    write, binary = _WRITERS[fmt]
    found = find_quotes(engine, filt)
    with open_output(path, binary) as handle:
        return write(found, handle)

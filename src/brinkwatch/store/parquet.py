"""Events as a typed Arrow table for Parquet: codes as strings, `date` as date32 with its
granularity beside it, `date_added` as a timestamp. Needs pyarrow (the `parquet` extra)."""

from __future__ import annotations

from datetime import date
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

_INT = {"id", "sqldate", "quad_class", "num_mentions", "num_sources", "num_articles"}
_INT |= {"evidence_count"}
# locations: coordinates as floats (docs/places.md)
_FLOAT = {
    f"{side}_geo_{axis}" for side in ("action", "source", "target") for axis in ("lat", "lon")
}
_TYPES: dict[str, pa.DataType] = {
    "date": pa.date32(),
    "goldstein": pa.float64(),
    "negated": pa.bool_(),
    "background": pa.bool_(),
    "date_added": pa.timestamp("us"),
    **{name: pa.int64() for name in _INT},
    **{name: pa.float64() for name in _FLOAT},
}


def day_of(sqldate: int | None) -> date | None:
    """The day an event is counted on: a month or a year becomes its first day."""
    if not sqldate:
        return None
    return date(sqldate // 10_000, sqldate // 100 % 100, sqldate % 100)


def events_table(rows: list[dict[str, Any]], columns: list[str]) -> pa.Table:
    arrays = {}
    for name in columns:
        values = [r[name] for r in rows]
        if name == "date":
            values = [day_of(r["sqldate"]) for r in rows]
        arrays[name] = pa.array(values, type=_TYPES.get(name, pa.string()))
    return pa.table(arrays)


def write_table(table: pa.Table, handle: IO[Any]) -> None:
    pq.write_table(table, handle)

"""GET /api/v1/export: the stored events as GDELT, PLOVER, CSV, JSONL or Parquet, streamed a
chunk at a time (the response starts before the last event is read; memory stays one chunk)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from brinkwatch.store.event_pages import EventQuery, iter_events
from brinkwatch.store.exports import (
    GLOBALEVENTID_BASE,
    flat_row,
    gdelt_row,
    json_row,
    require_pyarrow,
)
from brinkwatch.store.plover import plover_record
from brinkwatch.store.queries import StoredEvent
from brinkwatch.web.api.filters import event_filters

if TYPE_CHECKING:
    import pyarrow as pa

router = APIRouter()
Format = Literal["gdelt", "plover", "csv", "jsonl", "parquet"]
MEDIA = {
    "gdelt": ("text/tab-separated-values; charset=utf-8", "tsv"),
    "plover": ("application/x-ndjson", "jsonl"),
    "csv": ("text/csv; charset=utf-8", "csv"),
    "jsonl": ("application/x-ndjson", "jsonl"),
    "parquet": ("application/vnd.apache.parquet", "parquet"),
}
Chunks = Iterator[list[StoredEvent]]


def _gdelt(chunks: Chunks) -> Iterator[str]:
    for chunk in chunks:
        buffer = io.StringIO()
        writer = csv.writer(
            buffer, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\"
        )
        writer.writerows(gdelt_row(e) for e in chunk if not e.negated)
        yield buffer.getvalue()


def _csv(chunks: Chunks) -> Iterator[str]:
    """The header first (also for no events), then one block of rows per chunk."""
    names = parquet_schema().names
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for chunk in chunks:
        writer.writerows({**flat_row(e), "date_added": e.date_added.isoformat()} for e in chunk)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def _jsonl(chunks: Chunks) -> Iterator[str]:
    for chunk in chunks:
        yield "".join(json.dumps(json_row(e), ensure_ascii=False) + "\n" for e in chunk)


def _plover(chunks: Chunks) -> Iterator[str]:
    """PLOVER records, one JSON object a line, as `brinkwatch export --format plover` writes."""
    for chunk in chunks:
        records = (plover_record(e, GLOBALEVENTID_BASE + e.id) for e in chunk)
        yield "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records if r)


class _Drain(io.RawIOBase):
    """A write-only file whose bytes are taken out after each row group."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        out, self.parts = b"".join(self.parts), []
        return out


def _columns() -> list[str]:
    names = [f for f in StoredEvent.__slots__ if f != "evidence"]
    return [*names, "evidence_count", "evidence_article", "evidence_text"]


def parquet_schema() -> pa.Schema:
    """Fixed column types, as the CLI's Parquet export has them (a chunk whose column is all
    empty must not decide its type)."""
    from brinkwatch.store.parquet import events_table

    return events_table([], _columns()).schema


def _parquet(chunks: Chunks) -> Iterator[bytes]:
    """One Parquet row group per chunk, sent as soon as it is written."""
    import pyarrow.parquet as pq  # the `parquet` extra; checked before the response starts

    from brinkwatch.store.parquet import events_table

    sink, schema = _Drain(), parquet_schema()
    writer = pq.ParquetWriter(sink, schema)
    for chunk in chunks:
        writer.write_table(events_table([flat_row(e) for e in chunk], _columns()))
        yield sink.take()
    writer.close()
    yield sink.take()


WRITERS: dict[str, Callable[[Chunks], Iterator[str] | Iterator[bytes]]] = {
    "gdelt": _gdelt,
    "csv": _csv,
    "jsonl": _jsonl,
    "plover": _plover,
    "parquet": _parquet,
}


@router.get("/export", summary="Stored events in a standard format, streamed")
def export_events(
    request: Request,
    filters: Annotated[EventQuery, Depends(event_filters)],
    format: Format = "jsonl",
) -> StreamingResponse:
    media, suffix = MEDIA[format]
    if format == "parquet":
        require_pyarrow()  # a clear error naming the extra, before any byte is sent
    chunks = iter_events(request.app.state.engine, filters, with_evidence=format != "gdelt")
    headers = {
        "Content-Disposition": f'attachment; filename="brinkwatch-events.{suffix}"',
        "Cache-Control": "no-store",
    }
    return StreamingResponse(WRITERS[format](chunks), media_type=media, headers=headers)

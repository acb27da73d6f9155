"""Parquet inputs: one article per row of a file (or a folder of files) with a `text` column;
`id`, `title`, `outlet`, `url`, `published` (ISO string or date) are read when present."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from brinkwatch.errors import InputError
from brinkwatch.ingest.datelines import with_dateline
from brinkwatch.ingest.jsonl import document_from_json
from brinkwatch.records import Document, ErrorInfo, Failure, Origin

FIELDS = ("id", "text", "title", "outlet", "url", "published")


def is_parquet(path: str) -> bool:
    return path.endswith(".parquet") or (Path(path).is_dir() and any(Path(path).glob("*.parquet")))


def read_parquet(path: str) -> Iterator[Document | Failure]:
    import pyarrow.dataset as ds

    dataset = ds.dataset(path, format="parquet")
    if "text" not in dataset.schema.names:
        raise InputError(f"{path}: a Parquet input needs a `text` column")
    wanted = [f for f in FIELDS if f in dataset.schema.names]
    line = 0
    for batch in dataset.to_batches(columns=wanted):
        for row in batch.to_pylist():
            line += 1
            yield _document(row, Origin(path=path, line=line))


def _document(row: dict[str, object], origin: Origin) -> Document | Failure:
    published = row.get("published")
    if isinstance(published, date):
        row["published"] = published.isoformat()
    row = {k: v for k, v in row.items() if v is not None}
    try:
        return with_dateline(document_from_json(row, origin))
    except InputError as exc:
        fid = str(row.get("id") or f"{origin.path}:{origin.line}")
        return Failure(fid, ErrorInfo(exc.code, exc.full_message), origin)

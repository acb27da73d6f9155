"""Partitions: fixed groups of input articles, coded on a worker and written as Parquet files.

A partition's key is derived from its position and its articles, so a rerun over the same inputs
finds the same keys: partitions whose marker (`_partitions/KEY.json`) exists are skipped. Each
output file is named after its partition (`DATASET/month=YYYY-MM/part-KEY.parquet`) and written
under a temporary name, then renamed: a task that Dask retries after its worker died rewrites
the same files, so the datasets never hold a row twice. The marker is written last.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from brinkwatch.batch import rows
from brinkwatch.records import Article, Document, Failure

if TYPE_CHECKING:
    from brinkwatch.settings import Settings

DATASETS = ("articles", "events", "quotes", "failures")
MARKERS = "_partitions"
UNDATED = "unknown"  # the month directory of articles without a publication date

Item = Document | Failure

_ARTICLE_SCHEMA = rows.schema(
    rows.ARTICLE_COLUMNS,
    (
        ("n_events", pa.int64()),
        ("n_quotes", pa.int64()),
        ("n_actors", pa.int64()),
        ("text", pa.string()),
        ("record", pa.string()),  # the whole article JSON, for ingest --from-parquet
    ),
)
_EVENT_SCHEMA = rows.schema(rows.EVENT_COLUMNS, (("article_id", pa.string()),))
_QUOTE_SCHEMA = rows.schema(rows.QUOTE_COLUMNS, (("article_id", pa.string()),))
_FAILURE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("error_code", pa.string()),
        ("error_message", pa.string()),
        ("origin_path", pa.string()),
        ("origin_line", pa.int64()),
        ("published", pa.date32()),
        ("text", pa.string()),  # the article's text when it was read, for a later retry
    ]
)
SCHEMAS = dict(
    zip(DATASETS, (_ARTICLE_SCHEMA, _EVENT_SCHEMA, _QUOTE_SCHEMA, _FAILURE_SCHEMA), strict=True)
)


@dataclass(frozen=True, slots=True)
class Partition:
    key: str
    items: tuple[Item, ...]


@dataclass(frozen=True, slots=True)
class PartitionResult:
    key: str
    articles: int
    events: int
    quotes: int
    failures: int
    skipped: bool = False


def _fingerprint(item: Item) -> str:
    if isinstance(item, Failure):
        return f"{item.id}\tfailed\t{item.error.code}"
    return f"{item.id}\t{hashlib.sha1(item.text.encode('utf-8')).hexdigest()}"


def plan(items: Iterable[Item], size: int) -> Iterator[Partition]:
    """Cut the inputs into partitions of `size` articles, in input order."""
    iterator = iter(items)
    index = 0
    while chunk := tuple(islice(iterator, size)):
        digest = hashlib.sha1("\n".join(map(_fingerprint, chunk)).encode("utf-8")).hexdigest()
        yield Partition(f"{index:06d}-{digest[:12]}", chunk)
        index += 1


def month(published: date | None) -> str:
    return published.strftime("%Y-%m") if published else UNDATED


def done(out: Path, key: str) -> PartitionResult | None:
    """The result of a partition written by an earlier run, if any."""
    marker = out / MARKERS / f"{key}.json"
    if not marker.is_file():
        return None
    data = json.loads(marker.read_text(encoding="utf-8"))
    return PartitionResult(**{**data, "skipped": True})


def _atomic(path: Path, write: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")  # no .parquet suffix: globs skip it
    write(tmp)
    os.replace(tmp, path)


def _tables(
    items: tuple[Item, ...], records: list[Article | Failure]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Rows per (dataset, month)."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for item, record in zip(items, records, strict=True):
        if isinstance(record, Failure):
            document = item if isinstance(item, Document) else None
            published = document.published if document else None
            out["failures", month(published)].append(
                {
                    "id": record.id,
                    "error_code": record.error.code,
                    "error_message": record.error.message,
                    "origin_path": record.origin.path if record.origin else None,
                    "origin_line": record.origin.line if record.origin else None,
                    "published": published,
                    "text": document.text if document else None,
                }
            )
            continue
        when = month(record.published)
        row = rows.flat_row(record, rows.ARTICLE_COLUMNS)
        row.update(
            n_events=len(record.events),
            n_quotes=len(record.quotes),
            n_actors=len(record.actors),
            text=record.text,
            record=json.dumps(record.to_dict(), ensure_ascii=False),
        )
        out["articles", when].append(row)
        for event in record.events:
            out["events", when].append(
                {"article_id": record.id, **rows.flat_row(event, rows.EVENT_COLUMNS)}
            )
        for quote in record.quotes:
            out["quotes", when].append(
                {"article_id": record.id, **rows.flat_row(quote, rows.QUOTE_COLUMNS)}
            )
    return out


def write_partition(
    out: Path, part: Partition, records: list[Article | Failure]
) -> PartitionResult:
    counts = dict.fromkeys(DATASETS, 0)
    for (dataset, when), table_rows in sorted(_tables(part.items, records).items()):
        table = pa.Table.from_pylist(table_rows, schema=SCHEMAS[dataset])
        path = out / dataset / f"month={when}" / f"part-{part.key}.parquet"
        _atomic(path, lambda tmp, t=table: pq.write_table(t, tmp))
        counts[dataset] += table.num_rows
    result = PartitionResult(
        part.key, counts["articles"], counts["events"], counts["quotes"], counts["failures"]
    )
    marker = json.dumps(_as_dict(result))
    _atomic(out / MARKERS / f"{part.key}.json", lambda tmp: tmp.write_text(marker, "utf-8"))
    return result


def _as_dict(result: PartitionResult) -> dict[str, Any]:
    return {"key": result.key, **{d: getattr(result, d) for d in DATASETS}}


def code_partition(part: Partition, out: str, settings: Settings) -> PartitionResult:
    """The task a worker runs: code the partition (pipeline loaded once per worker process) and
    write its files. A partition already written by an earlier attempt is not coded again."""
    from brinkwatch.process import code_records  # on the worker: spaCy loads here, once

    previous = done(Path(out), part.key)
    if previous is not None:
        return previous
    records = list(code_records(part.items, settings, n_process=1))
    return write_partition(Path(out), part, records)

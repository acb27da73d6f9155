"""Ingest: skip what the store already holds, code the rest, write it in per-batch transactions.

The store knows no spaCy: the caller passes `code`, a function from documents to records in
input order (the CLI passes `brinkwatch.process.code_records`), so workers hand over records.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from sqlalchemy import select

from brinkwatch.records import Article, Document, Failure, Origin
from brinkwatch.store.dedup import content_hash
from brinkwatch.store.schema import articles
from brinkwatch.store.writer import Item, StoreWriter, WriteCounts

Input = Document | Failure
CodeFn = Callable[[Iterable[Input]], Iterator[Article | Failure]]
LOOKUP_CHUNK = 256


class _Gate:
    """Lets through only inputs the store does not hold yet (by content hash, or failure id)."""

    def __init__(self, writer: StoreWriter, retry_failed: bool) -> None:
        self.writer = writer
        self.retry_failed = retry_failed
        self.seen: set[str] = set()
        self.failed_ids = writer.failed_ids()
        self.skipped = 0
        self.pending: deque[Input] = deque()

    def _new(self, item: Input, known: dict[str, str]) -> bool:
        if isinstance(item, Failure):
            return self.retry_failed or item.id not in self.failed_ids
        digest = content_hash(item.text)
        if digest in self.seen:
            return False
        status = known.get(digest)
        if status == "coded" or (status == "failed" and not self.retry_failed):
            return False
        self.seen.add(digest)
        return True

    def filter(self, inputs: Iterable[Input]) -> Iterator[Input]:
        iterator = iter(inputs)
        while chunk := list(islice(iterator, LOOKUP_CHUNK)):
            hashes = [content_hash(d.text) for d in chunk if isinstance(d, Document)]
            known = self.writer.known_hashes(hashes)
            for item in chunk:
                if self._new(item, known):
                    self.pending.append(item)  # before yielding: coded output comes in order
                    yield item
                else:
                    self.skipped += 1


def stored_failures(writer: StoreWriter) -> list[Document]:
    """Failed articles whose text was read, rebuilt as documents for `--retry-failed`."""
    query = select(articles).where(articles.c.status == "failed", articles.c.text.is_not(None))
    with writer.engine.connect() as conn:
        return [
            Document(
                id=row.id,
                text=row.text,
                title=row.title,
                outlet=row.outlet,
                url=row.url,
                published=row.published,
                dateline=row.dateline,
                origin=Origin(row.origin_path, row.origin_line),
            )
            for row in conn.execute(query)
        ]


def ingest(
    writer: StoreWriter,
    inputs: Iterable[Input],
    code: CodeFn,
    *,
    retry_failed: bool = False,
    commit_every: int = 16,
    on_batch: Callable[[WriteCounts], None] | None = None,
) -> WriteCounts:
    """Code and store every new input; returns what this call added (and skipped)."""
    gate = _Gate(writer, retry_failed)
    if retry_failed:
        inputs = _chain(stored_failures(writer), inputs)
    totals = WriteCounts()
    batch: list[Item] = []
    for record in code(gate.filter(inputs)):
        source = gate.pending.popleft()
        batch.append((record, source if isinstance(source, Document) else None))
        if len(batch) >= commit_every:
            _flush(writer, batch, totals, on_batch)
    _flush(writer, batch, totals, on_batch)
    totals.skipped += gate.skipped
    return totals


def _chain(first: Iterable[Input], rest: Iterable[Input]) -> Iterator[Input]:
    yield from first
    yield from rest


def _flush(
    writer: StoreWriter,
    batch: list[Item],
    totals: WriteCounts,
    on_batch: Callable[[WriteCounts], None] | None,
) -> None:
    if batch:
        counts = writer.write(batch)
        totals.add(counts)
        batch.clear()
        if on_batch is not None:
            on_batch(counts)

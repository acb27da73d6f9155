"""Batch coding to Parquet datasets, on local processes or a Dask cluster.

`run_batch` reads the inputs in the client, cuts them into partitions (`partitions.plan`),
skips those an earlier run finished, codes the others on the workers (each loads the pipeline
once) and returns the totals. The datasets (`articles`, `events`, `quotes`, `failures`, by
publication month) are read back by pandas, DuckDB, Spark, or `brinkwatch ingest --from-parquet`.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from brinkwatch.batch.partitions import Item, Partition, PartitionResult, done, plan
from brinkwatch.errors import ConfigError

if TYPE_CHECKING:
    from brinkwatch.settings import Settings

STAMP = "_batch.json"


@dataclass
class BatchTotals:
    partitions: int = 0
    skipped: int = 0
    articles: int = 0
    events: int = 0
    quotes: int = 0
    failures: int = 0

    def add(self, result: PartitionResult) -> None:
        self.partitions += 1
        self.skipped += result.skipped
        self.articles += result.articles
        self.events += result.events
        self.quotes += result.quotes
        self.failures += result.failures


def read_items(inputs: Iterable[str], settings: Settings) -> Iterator[Item]:
    """Files, folders, JSONL or `-` as the other commands read them, and Parquet files or
    folders with a `text` column."""
    from brinkwatch.ingest import read_inputs
    from brinkwatch.ingest.parquet import is_parquet, read_parquet

    rest: list[str] = []
    for name in inputs:
        if name != "-" and is_parquet(name):
            yield from read_inputs(rest, max_bytes=settings.max_article_bytes)
            rest = []
            yield from read_parquet(name)
        else:
            rest.append(name)
    yield from read_inputs(rest, max_bytes=settings.max_article_bytes)


def _check_stamp(out: Path, partition_size: int) -> None:
    """A rerun must cut the inputs the same way, or finished partitions would not be found
    and their rows would be written twice under new names."""
    stamp = out / STAMP
    if stamp.is_file():
        before = json.loads(stamp.read_text(encoding="utf-8"))["partition_size"]
        if before != partition_size:
            raise ConfigError(
                f"{out} was written with --partition-size {before}, not {partition_size}",
                hint=f"rerun with --partition-size {before}, or write to a new --out folder",
            )
        return
    out.mkdir(parents=True, exist_ok=True)
    stamp.write_text(json.dumps({"partition_size": partition_size}), encoding="utf-8")


def run_batch(
    inputs: Iterable[str],
    out: Path,
    settings: Settings,
    *,
    engine: str = "local",
    workers: int = 1,
    partition_size: int = 500,
    scheduler: str | None = None,
    on_result: Callable[[PartitionResult], None] | None = None,
) -> BatchTotals:
    from brinkwatch.batch.engines import run_dask, run_local

    _check_stamp(out, partition_size)
    totals = BatchTotals()

    def todo() -> Iterator[Partition]:
        for part in plan(read_items(inputs, settings), partition_size):
            finished = done(out, part.key)
            if finished is None:
                yield part
            else:
                _record(finished)

    def _record(result: PartitionResult) -> None:
        totals.add(result)
        if on_result is not None:
            on_result(result)

    parts = todo()
    first = next(parts, None)
    if first is None:  # everything was written before: start no worker, no cluster
        return totals
    parts = itertools.chain([first], parts)
    if engine == "dask":
        results = run_dask(parts, str(out), settings, workers, scheduler)
    else:
        results = run_local(parts, str(out), settings, workers)
    for result in results:
        _record(result)
    return totals

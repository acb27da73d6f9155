"""Where partitions run: local worker processes, or a Dask cluster (`dask.distributed`).

Both keep a bounded number of partitions in flight, so the client never reads a whole archive
into memory ahead of the workers. On Dask, a task lost with its worker is rescheduled by the
scheduler; partitions write deterministic files atomically, so a retry cannot duplicate rows.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import TYPE_CHECKING, Any

from brinkwatch.batch.partitions import Partition, PartitionResult, code_partition
from brinkwatch.errors import ConfigError

if TYPE_CHECKING:
    from brinkwatch.settings import Settings

IN_FLIGHT_PER_WORKER = 2


def run_local(
    parts: Iterable[Partition], out: str, settings: Settings, workers: int
) -> Iterator[PartitionResult]:
    if workers <= 1:  # in this process: no pickling, and the pipeline loads once
        for part in parts:
            yield code_partition(part, out, settings)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: set[Future[PartitionResult]] = set()
        for part in parts:
            pending.add(pool.submit(code_partition, part, out, settings))
            if len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (f.result() for f in finished)
        yield from (f.result() for f in wait(pending).done)


def _client(scheduler: str | None, workers: int) -> tuple[Any, Any]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ConfigError(
            "the Dask engine needs dask.distributed",
            hint="pip install 'dask[distributed]' (or brinkwatch[dask])",
        ) from exc
    if scheduler:
        return Client(scheduler), None
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,  # one pipeline per worker process; spaCy holds the GIL anyway
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run_dask(
    parts: Iterable[Partition],
    out: str,
    settings: Settings,
    workers: int,
    scheduler: str | None = None,
) -> Iterator[PartitionResult]:
    from distributed import wait as dask_wait

    client, cluster = _client(scheduler, workers)
    try:
        window = max(2, IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info()["workers"])))
        pending: set[Any] = set()
        for part in parts:
            # a key of its own per partition and output: Dask reruns it where a worker died
            key = f"brinkwatch-{part.key}-{hashlib.sha1(out.encode()).hexdigest()[:8]}"
            pending.add(client.submit(code_partition, part, out, settings, key=key, retries=1))
            if len(pending) >= window:
                finished, pending = dask_wait(pending, return_when="FIRST_COMPLETED")
                yield from (f.result() for f in finished)
        if pending:
            yield from (f.result() for f in dask_wait(pending).done)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

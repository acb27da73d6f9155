"""Worker processes for `--n-process N`: chunks of documents out, records back, in input order.

The parent reads inputs and writes records (one writer); it never loads spaCy. Each worker is a
spawned process that loads the pipeline once (`process.get_coder`) and codes one chunk of
documents at a time. Chunks are small so the last ones keep every worker busy, and at most
`IN_FLIGHT_PER_WORKER` chunks per worker are queued, so a huge input is never read into memory
ahead of the workers. `Doc` objects never leave a worker: records are what travel back.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING

from brinkwatch.records import Article, Document, Failure

if TYPE_CHECKING:
    from brinkwatch.process import Coder
    from brinkwatch.settings import Settings

Record = Article | Failure

# Articles per chunk handed to a worker: small enough that the tail of a run is balanced (with
# chunks of 8, ~1 CPU s of news each, one worker of two ended up to a chunk behind: 10.5 vs
# 12.0 CPU s on 168 articles), big enough that nlp.pipe still batches well (chunks of 4 and 8
# cost the same CPU time, benchmarks/workers.py) and that pickling stays negligible.
CHUNK_ARTICLES = 4
# Chunks queued per worker: one running, the next ones ready, so a worker never waits for the parent.
IN_FLIGHT_PER_WORKER = 4

_CODER: Coder | None = None


def _init_worker(settings: Settings) -> None:
    """Load the pipeline once per worker process."""
    global _CODER
    from brinkwatch.process import get_coder

    _CODER = get_coder(settings)


def _work(chunk: list[Document | Failure]) -> list[Record]:
    assert _CODER is not None, "worker not initialised"
    return _CODER.code_batch(chunk)


def chunk_size(settings: Settings) -> int:
    return max(1, min(settings.batch_size, CHUNK_ARTICLES))


def code_in_workers(
    chunks: Iterable[list[Document | Failure]], settings: Settings, n_process: int
) -> Iterator[Record]:
    """Code `chunks` on `n_process` spawned workers; records come back in input order."""
    context = multiprocessing.get_context("spawn")  # fork would copy the parent's threads
    with _blas_threads_at_start(settings.blas_threads):
        pool = context.Pool(n_process, initializer=_init_worker, initargs=(settings,))
    with pool:
        pending: deque[AsyncResult[list[Record]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= n_process * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


@contextlib.contextmanager
def _blas_threads_at_start(threads: int) -> Iterator[None]:
    """Start workers with OpenBLAS told its thread count in the environment, as it reads it when
    numpy is imported: otherwise it starts a thread per core, which spin for 0.1 CPU s at import
    and take that from the other workers before the limit (`blas_threads`) stops them. The
    parent's environment is as it was once the workers have started; a user's setting stands."""
    name = "OPENBLAS_NUM_THREADS"
    if name in os.environ:
        yield
        return
    os.environ[name] = str(threads)
    try:
        yield
    finally:
        os.environ.pop(name, None)

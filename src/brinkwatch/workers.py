"""Worker processes for `--n-process N`: chunks of documents out, records back, in input order.

The parent reads inputs and writes records (one writer); it never loads spaCy. Each worker is a
spawned process that loads the pipeline once (`process.get_coder`) and codes one chunk of
documents at a time. Chunks are small so the last ones keep every worker busy, and at most
`IN_FLIGHT_PER_WORKER` chunks per worker are queued, so a huge input is never read into memory
ahead of the workers. `Doc` objects never leave a worker: records are what travel back.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import TYPE_CHECKING, TypeVar

from brinkwatch.records import Article, Document, Failure

if TYPE_CHECKING:
    from brinkwatch.process import Coder
    from brinkwatch.settings import Settings

Record = Article | Failure
T = TypeVar("T")

# Articles per chunk handed to a worker while the input goes on: nlp.pipe batches better the
# bigger the chunk (168 news articles coded in chunks of 8: 8.4 CPU s; of 4: 8.5-8.7; of 2: 9.0;
# of 1: 9.7), and pickling stays negligible. The tail is balanced apart (`tail_chunks`): with
# fixed chunks of 8 one worker of two ended up to a chunk behind (10.5 vs 12.0 CPU s).
CHUNK_ARTICLES = 8
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


def tail_chunks(items: Iterable[T], size: int, n_process: int) -> Iterator[list[T]]:
    """Chunks of `size` while the input goes on; once the reader has reached its end (it reads
    `n_process * IN_FLIGHT_PER_WORKER` chunks ahead, as the workers' queue holds that many),
    the rest in chunks that shrink towards one article, so the workers end together."""
    iterator = iter(items)
    ahead: deque[T] = deque(islice(iterator, size * n_process * IN_FLIGHT_PER_WORKER))
    for item in iterator:  # the input goes on: a full chunk leaves, the reader tops up
        ahead.append(item)
        if len(ahead) > size * n_process * IN_FLIGHT_PER_WORKER:
            yield [ahead.popleft() for _ in range(size)]
    while ahead:  # the end is known: each chunk a share of what is left for all workers
        share = min(size, max(1, len(ahead) // (2 * n_process)))
        yield [ahead.popleft() for _ in range(share)]


def code_in_workers(
    chunks: Iterable[list[Document | Failure]], settings: Settings, n_process: int
) -> Iterator[Record]:
    """Code `chunks` on `n_process` spawned workers; records come back in input order."""
    context = multiprocessing.get_context("spawn")  # fork would copy the parent's threads
    with context.Pool(n_process, initializer=_init_worker, initargs=(settings,)) as pool:
        pending: deque[AsyncResult[list[Record]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_work, (chunk,)))
            if len(pending) >= n_process * IN_FLIGHT_PER_WORKER:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()

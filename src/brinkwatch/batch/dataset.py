"""Reading a batch output folder back: the records `brinkwatch ingest --from-parquet` stores.

Articles come back whole from their `record` JSON (events, quotes and actors included);
failures come back as failure records, with the article's text when it had been read, so that
`brinkwatch ingest --retry-failed` can code them again later.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from brinkwatch.batch.partitions import DATASETS
from brinkwatch.batch.rows import article_from_json
from brinkwatch.errors import InputError
from brinkwatch.records import Article, Document, ErrorInfo, Failure, Origin

Pair = tuple[Document | Failure, Article | Failure]


def _rows(folder: Path, columns: list[str]) -> Iterator[dict[str, object]]:
    import pyarrow.dataset as ds

    if not folder.is_dir():
        return
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    for batch in dataset.to_batches(columns=columns):
        yield from batch.to_pylist()


def read_dataset(out: Path) -> Iterator[Pair]:
    """(input, record) pairs: the input as the store's ingest sees it, the record it stores."""
    if not any((out / name).is_dir() for name in DATASETS):
        raise InputError(
            f"{out} holds no batch datasets (articles/, failures/)",
            hint="give the --out folder of `brinkwatch batch`",
        )
    for row in _rows(out / "articles", ["record"]):
        article = article_from_json(str(row["record"]))
        yield _document(article), article
    columns = [
        "id",
        "error_code",
        "error_message",
        "origin_path",
        "origin_line",
        "published",
        "text",
    ]
    for row in _rows(out / "failures", columns):
        origin = Origin(row["origin_path"], row["origin_line"])  # type: ignore[arg-type]
        failure = Failure(
            str(row["id"]), ErrorInfo(str(row["error_code"]), str(row["error_message"])), origin
        )
        text = row["text"]
        source: Document | Failure = failure
        if isinstance(text, str):
            source = Document(id=failure.id, text=text, published=row["published"], origin=origin)  # type: ignore[arg-type]
        yield source, failure


def _document(article: Article) -> Document:
    return Document(
        id=article.id,
        text=article.text,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
        dateline=article.dateline,
        origin=article.origin,
    )


def replay(
    out: Path,
) -> tuple[
    Iterator[Document | Failure],
    Callable[[Iterable[Document | Failure]], Iterator[Article | Failure]],
]:
    """Inputs and a "coder" for `store.ingest.ingest` that hands back the records read from the
    datasets instead of coding: the store's gate (already stored, near-duplicates) works as usual,
    and it passes on a subsequence of the inputs in order."""
    queue: deque[Pair] = deque()

    def inputs() -> Iterator[Document | Failure]:
        for pair in read_dataset(out):
            queue.append(pair)
            yield pair[0]

    def code(items: Iterable[Document | Failure]) -> Iterator[Article | Failure]:
        for item in items:
            while queue[0][0] is not item:  # inputs the gate let pass over
                queue.popleft()
            yield queue.popleft()[1]

    return inputs(), code

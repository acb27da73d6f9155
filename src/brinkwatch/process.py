"""The core facade every skin calls: read inputs → parse → article components → records.

`Doc` objects never leave this module's workers: each worker turns them into `Article`
records, which are plain frozen dataclasses that pickle cheaply and store as they are.
"""

from __future__ import annotations

import functools
import importlib
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from brinkwatch._version import __version__
from brinkwatch.budget import sentence_note, time_budget, truncate
from brinkwatch.datafiles import lexicon_versions
from brinkwatch.errors import AnalysisError, BrinkwatchError, InputError
from brinkwatch.ingest import read_inputs
from brinkwatch.ingest.datelines import dateline_mask, with_dateline
from brinkwatch.ingest.jsonl import document_from_json, record_id
from brinkwatch.ingest.metadata import check_text, content_id
from brinkwatch.records import Article, CoderInfo, Document, ErrorInfo, Failure, Origin
from brinkwatch.settings import Settings, load_settings

# spaCy is imported by the Coder, not here: with --n-process N the parent only reads and
# writes, and must not spend a core's second importing what only the workers use.
if TYPE_CHECKING:
    from spacy.tokens import Doc

    from brinkwatch.nlp.pipeline import ArticleText

# Article-level spaCy components, in order, as "module:factory name". Each module registers its
# factory on import; stages add themselves here as they land.
ARTICLE_COMPONENTS: tuple[tuple[str, str], ...] = (
    ("brinkwatch.nlp.actors", "brinkwatch_actors"),
    ("brinkwatch.nlp.dates", "brinkwatch_dates"),
    ("brinkwatch.nlp.quotes", "brinkwatch_quotes"),
    ("brinkwatch.nlp.places.component", "brinkwatch_places"),
    ("brinkwatch.coding.coder", "brinkwatch_events"),
    ("brinkwatch.coding.location", "brinkwatch_locations"),
)

Record = Article | Failure


def _component_names() -> tuple[str, ...]:
    for module, _ in ARTICLE_COMPONENTS:
        importlib.import_module(module)
    return tuple(name for _, name in ARTICLE_COMPONENTS)


class Coder:
    """Turns `Document`s into `Article` records with one loaded pipeline."""

    def __init__(self, settings: Settings) -> None:
        from brinkwatch.coding.candidates import candidate_filter
        from brinkwatch.nlp.pipeline import ArticleParser, load_language, model_label

        self.settings = settings
        components = _component_names()
        self.nlp = load_language(settings.model, components, settings.matmul, settings.blas_threads)
        self.parser = ArticleParser(
            self.nlp,
            components,
            batch_size=max(settings.batch_size * 4, 32),
            max_paragraph_chars=settings.max_paragraph_chars,
            max_sentence_chars=settings.max_sentence_chars,
            candidates=candidate_filter(self.nlp) if settings.candidate_filter else None,
        )
        self._enabled = tuple(self.nlp.pipe_names)
        self.info = CoderInfo(
            name="brinkwatch",
            version=__version__,
            model=model_label(self.nlp),
            lexicons=lexicon_versions(),
        )

    def article(self, document: Document, doc: Doc, notes: tuple[ErrorInfo, ...] = ()) -> Article:
        if len(doc.text) != len(document.text) or doc.text != dateline_mask(document.text):
            raise AnalysisError("parsed text differs from the input text; offsets would be wrong")
        return Article(
            id=document.id,
            title=document.title,
            outlet=document.outlet,
            url=document.url,
            published=document.published,
            dateline=document.dateline,
            text=document.text,
            coder=self.info,
            events=tuple(doc._.bw_events or ()),
            quotes=tuple(doc._.bw_quotes or ()),
            actors=tuple(doc._.bw_actors or ()),
            errors=(*notes, *(doc._.bw_errors or ())),
            origin=document.origin,
        )

    def _one(self, document: Document, parts: list[Doc] | None) -> Record:
        """Finish one article within its time budget; any failure becomes its failure record."""
        document, notes = truncate(document, self.settings.max_article_chars)
        text = _article_text(document)
        notes += sentence_note(self.parser.chunks(text.text)[1], self.settings.max_sentence_chars)
        try:
            with time_budget(self.settings.article_timeout_s):
                parts = parts if parts is not None else self.parser.parse_paragraphs([text])[0]
                return self.article(document, self.parser.finish(parts, text), notes)
        except BrinkwatchError as exc:
            return Failure(document.id, ErrorInfo(exc.code, exc.full_message), document.origin)
        except Exception as exc:  # a bug on one article must not end the batch
            message = f"{type(exc).__name__}: {exc}"
            return Failure(document.id, ErrorInfo(AnalysisError.code, message), document.origin)
        finally:
            self._restore_pipes()

    def _restore_pipes(self) -> None:
        """Re-enable components that an interrupted `select_pipes` left disabled."""
        for name in self._enabled:
            if name in self.nlp.disabled:
                self.nlp.enable_pipe(name)

    def code_batch(self, batch: Sequence[Document | Failure]) -> list[Record]:
        """Code a batch; failures pass through in place so output order matches input order."""
        documents = [item for item in batch if isinstance(item, Document)]
        limit = self.settings.max_article_chars
        texts = [_article_text(truncate(d, limit)[0]) for d in documents]
        try:  # the whole batch gets the budget of all its articles
            with time_budget(self.settings.article_timeout_s * len(documents)):
                grouped: Sequence[list[Doc] | None] = self.parser.parse_paragraphs(texts)
        except Exception:  # one bad article spoilt the batch: redo each on its own
            self._restore_pipes()
            grouped = [None] * len(documents)
        coded = iter([self._one(d, parts) for d, parts in zip(documents, grouped, strict=True)])
        return [item if isinstance(item, Failure) else next(coded) for item in batch]


def _article_text(document: Document) -> ArticleText:
    from brinkwatch.nlp.pipeline import ArticleText

    # the dateline is blanked, not cut, so offsets into the parsed text are the article's
    return ArticleText(dateline_mask(document.text), document.published, document.dateline)


@functools.cache
def get_coder(settings: Settings) -> Coder:
    return Coder(settings)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def code_records(
    items: Iterable[Document | Failure], settings: Settings, n_process: int | None = None
) -> Iterator[Record]:
    """Code documents (failures pass through) on `n_process` worker processes, in input order."""
    n_process = n_process or settings.n_process
    if n_process <= 1:
        coder = get_coder(settings)
        for batch in _chunks(items, settings.batch_size):
            yield from coder.code_batch(batch)
        return
    from brinkwatch.workers import chunk_size, code_in_workers

    yield from code_in_workers(_chunks(items, chunk_size(settings)), settings, n_process)


def _as_document(
    item: Document | Failure | str | Mapping[str, Any], index: int
) -> Document | Failure:
    if isinstance(item, Failure):
        return item
    if isinstance(item, Document):
        return with_dateline(item)
    origin = Origin(path="<api>", line=index + 1)
    try:
        if isinstance(item, str):
            return with_dateline(
                Document(id=content_id(item), text=check_text(item), origin=origin)
            )
        return with_dateline(document_from_json(dict(item), origin))
    except InputError as exc:
        fid = record_id(item) or f"<api>:{index + 1}"
        return Failure(fid, ErrorInfo(exc.code, exc.full_message), origin)


def code_many(
    items: Iterable[Document | str | Mapping[str, Any]],
    n_process: int = 1,
    *,
    settings: Settings | None = None,
) -> Iterator[Record]:
    """Code many articles: `Document`s, plain texts, or JSONL-style dicts (`text`, `published`…).

    Yields one `Article` per input in order, or a `Failure` for an input that could not be coded.
    With `n_process` > 1 in a script that lacks the `if __name__ == "__main__":` guard (worker
    processes re-run an unguarded script and would start workers of their own), it warns and
    codes in this one process instead.
    """
    settings = settings or load_settings()
    if n_process > 1 and not main_is_guarded():
        warnings.warn(
            f"code_many(n_process={n_process}) runs in one process: worker processes re-run "
            'this script, so put the calls under `if __name__ == "__main__":` to use '
            "several processes",
            RuntimeWarning,
            stacklevel=2,
        )
        n_process = 1
    documents = (_as_document(item, i) for i, item in enumerate(items))
    yield from code_records(documents, settings, n_process)


def main_is_guarded() -> bool:
    """Whether the running script can start worker processes: it is not a plain script (a REPL,
    a notebook, `python -m`, a test runner) or its source has a `__main__` guard."""
    path = getattr(sys.modules.get("__main__"), "__file__", None)
    if not path or not str(path).endswith(".py"):
        return True
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    return "__main__" in source


def code(
    text: str,
    *,
    published: date | str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> Article:
    """Code one article. Raises a `BrinkwatchError` subclass when it cannot be coded."""
    raw: dict[str, Any] = {"text": text, "title": title, "outlet": outlet, "url": url}
    raw["published"] = published.isoformat() if isinstance(published, date) else published
    document = with_dateline(document_from_json(raw, Origin(path="<api>")))
    record = get_coder(settings or load_settings()).code_batch([document])[0]
    if isinstance(record, Failure):
        raise AnalysisError(record.error.message)
    return record


def code_paths(
    paths: Iterable[str],
    settings: Settings,
    n_process: int | None = None,
    *,
    published: date | None = None,
    outlet: str | None = None,
) -> Iterator[Record]:
    """Read files, folders or `-` and code every article found; the CLI's main path.
    `published`/`outlet` fill in inputs that do not say theirs."""
    documents = read_inputs(
        paths, max_bytes=settings.max_article_bytes, published=published, outlet=outlet
    )
    yield from code_records(documents, settings, n_process)

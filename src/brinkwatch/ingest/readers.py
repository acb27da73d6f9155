"""Readers for every input we take: .txt, .md, .html, .jsonl files, folders, and `-` (stdin JSONL).

Each yields `Document` records, or a `Failure` with its reason for an input that cannot be read;
nothing raises past here for bad input, so a batch always goes on.
"""

from __future__ import annotations

import os
import stat
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
from brinkwatch.textsafe import clean_text, display_path

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


def _regular_file(path: Path) -> int:
    """The size of `path`, refusing what reading would block on or never finish (pipes, devices)."""
    info = path.stat()  # follows links; a link loop raises OSError here
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise UnreadableInputError(f"{kind}: {display_path(path)}", hint="pass article files")
    return info.st_size


def _read_bounded(path: Path, max_bytes: int) -> bytes:
    check_size(_regular_file(path), max_bytes=max_bytes)
    with path.open("rb") as handle:
        return handle.read(max_bytes + 1)  # a file that grew meanwhile is still refused


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document | Failure]:
    """One file: a JSONL file yields one record per line, any other file one record."""
    suffix = path.suffix.lower()
    name = display_path(path)
    origin = Origin(path=name)
    if suffix in JSONL_SUFFIXES:
        try:
            _regular_file(path)
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, name=name, max_bytes=max_bytes)
        except InputError as exc:
            yield _failure(name, exc, origin)
        except OSError as exc:
            yield _failure(name, UnreadableInputError(f"cannot read file: {_reason(exc)}"), origin)
        return
    try:
        parser = _FILE_PARSERS.get(suffix)
        if parser is None:
            raise UnsupportedFormatError(
                f"unsupported file type {clean_text(suffix) or '(none)'!r}",
                hint="use .txt, .md, .html or .jsonl",
            )
        yield parser(decode_bytes(_read_bounded(path, max_bytes), max_bytes=max_bytes), origin)
    except InputError as exc:
        yield _failure(name, exc, origin)
    except OSError as exc:
        yield _failure(name, UnreadableInputError(f"cannot read file: {_reason(exc)}"), origin)
    except (RecursionError, ValueError, TypeError, LookupError) as exc:  # a parser's own bug
        yield _failure(name, InputError(f"input could not be parsed: {type(exc).__name__}"), origin)


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _folder_files(folder: Path) -> Iterator[Path]:
    """Entries under a folder in a stable order, hidden ones skipped. Links to folders are given
    (they become failures) but never followed, so a link loop cannot make the walk endless."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked = [d for d in dirs if (here / d).is_symlink()]
        dirs[:] = [d for d in dirs if d not in linked]
        for entry in sorted([*files, *linked]):
            if not entry.startswith("."):
                yield here / entry


def read_path(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | Failure]:
    """A file or a folder (recursively). Files of unknown type inside folders are failures too,
    so nothing is dropped silently."""
    path = Path(path)
    if path.is_dir():
        for file in _folder_files(path):
            yield from read_file(file, max_bytes=max_bytes)
    elif path.exists() or path.is_symlink():
        yield from read_file(path, max_bytes=max_bytes)
    else:
        name = display_path(path)
        err = UnreadableInputError(f"no such file or folder: {name}", hint="check the path")
        yield _failure(name, err, Origin(path=name))


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
            yield _with_metadata(record, fill) if isinstance(record, Document) else record


def _with_metadata(document: Document, fill: MetadataDefaults) -> Document | Failure:
    try:
        return with_dateline(fill(document))
    except Exception as exc:  # dateparser on a hostile first line: lose the article, not the run
        error = InputError(f"metadata could not be read: {type(exc).__name__}")
        return _failure(document.id, error, document.origin or Origin())


def count_inputs(inputs: Iterable[str | Path]) -> int | None:
    """How many records `read_inputs` will yield (a JSONL file counts its non-blank lines), for a
    progress bar's total; None when standard input is among them (it cannot be read twice)."""
    total = 0
    for item in inputs:
        if str(item) == "-":
            return None
        path = Path(item)
        if not path.exists():
            total += 1  # a missing path is one failure record
            continue
        files = list(_folder_files(path)) if path.is_dir() else [path]
        total += sum(_records_in(f) for f in files)
    return total


def _records_in(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    try:
        with path.open("rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError:
        return 1


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

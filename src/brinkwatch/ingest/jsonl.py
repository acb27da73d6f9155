"""JSONL articles: one JSON object per line with `text` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO

from brinkwatch.errors import InputError, MalformedJSONError, MissingTextError, TooLargeInputError
from brinkwatch.ingest.metadata import (
    check_text,
    content_id,
    decode_bytes,
    parse_iso_date,
)
from brinkwatch.records import Document, ErrorInfo, Failure, Origin
from brinkwatch.textsafe import clean_text

_OPTIONAL_STR = ("title", "outlet", "url", "dateline")
_MAX_ID_CHARS = 1_000


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MalformedJSONError(f"field {key!r} must be a string, got {type(value).__name__}")
    return clean_text(value)


def record_id(obj: Any) -> str | None:
    """The input's own id: a non-empty string or an integer (not a boolean), made writable."""
    value = obj.get("id") if isinstance(obj, dict) else None
    if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
        return None
    return clean_text(str(value)[:_MAX_ID_CHARS])


def document_from_json(obj: Any, origin: Origin) -> Document:
    """One parsed JSON value to a `Document`; the text is kept as given, except that characters
    that cannot be written as UTF-8 (lone surrogates) or stored (NUL) become U+FFFD."""
    if not isinstance(obj, dict):
        raise MalformedJSONError(f"line is JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise MissingTextError("object has no string field 'text'", hint="add the article body")
    text = check_text(clean_text(text))
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        raise MalformedJSONError("field 'published' must be an ISO date string")
    return Document(
        id=record_id(obj) or content_id(text),
        text=text,
        published=parse_iso_date(clean_text(published)) if published else None,
        origin=origin,
        **{key: _optional_str(obj, key) for key in _OPTIONAL_STR},
    )


def _parse_line(line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise MalformedJSONError(f"line is not JSON: {exc.msg} at column {exc.colno}") from exc
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise MalformedJSONError(f"line holds a value JSON cannot read here: {exc}") from exc
    except RecursionError as exc:
        raise MalformedJSONError("line nests arrays or objects too deeply") from exc


def bounded_lines(stream: BinaryIO | Iterable[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """The lines of a stream, never holding more than `max_bytes + 1` bytes of one line in
    memory; a longer line is skipped to its end and given as `None`."""
    readline = getattr(stream, "readline", None)
    if readline is None:
        yield from stream
        return
    while line := readline(max_bytes + 1):
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while (rest := readline(1 << 20)) and not rest.endswith(b"\n"):
            pass
        yield None


def read_jsonl_lines(
    lines: BinaryIO | Iterable[bytes], *, name: str, max_bytes: int
) -> Iterator[Document | Failure]:
    for number, raw in enumerate(bounded_lines(lines, max_bytes), start=1):
        if raw is not None and not raw.strip():
            continue
        origin = Origin(path=name, line=number)
        obj: Any = None
        try:
            if raw is None:
                raise TooLargeInputError(
                    f"line is over the limit of {max_bytes:,} bytes",
                    hint="split it, or raise max_article_bytes in the settings",
                )
            obj = _parse_line(decode_bytes(raw, max_bytes=max_bytes))
            yield document_from_json(obj, origin)
        except InputError as exc:
            fid = record_id(obj) or f"{name}:{number}"
            yield Failure(id=fid, error=ErrorInfo(exc.code, exc.full_message), origin=origin)

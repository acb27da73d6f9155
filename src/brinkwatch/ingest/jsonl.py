"""JSONL articles: one JSON object per line with `text` and optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from brinkwatch.errors import InputError, MalformedJSONError, MissingTextError
from brinkwatch.ingest.metadata import check_text, content_id, decode_bytes, parse_iso_date
from brinkwatch.records import Document, ErrorInfo, Failure, Origin

_OPTIONAL_STR = ("title", "outlet", "url", "dateline")


def _optional_str(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise MalformedJSONError(f"field {key!r} must be a string, got {type(value).__name__}")
    return value


def record_id(obj: Any) -> str | None:
    if isinstance(obj, dict) and isinstance(obj.get("id"), str | int) and obj["id"] != "":
        return str(obj["id"])
    return None


def document_from_json(obj: Any, origin: Origin) -> Document:
    """One parsed JSON value to a `Document`; the text is kept exactly as given."""
    if not isinstance(obj, dict):
        raise MalformedJSONError(f"line is JSON {type(obj).__name__}, not an object")
    text = obj.get("text")
    if not isinstance(text, str):
        raise MissingTextError("object has no string field 'text'", hint="add the article body")
    check_text(text)
    published = obj.get("published")
    if published is not None and not isinstance(published, str):
        raise MalformedJSONError("field 'published' must be an ISO date string")
    return Document(
        id=record_id(obj) or content_id(text),
        text=text,
        published=parse_iso_date(published) if published else None,
        origin=origin,
        **{key: _optional_str(obj, key) for key in _OPTIONAL_STR},
    )


def read_jsonl_lines(
    lines: Iterable[bytes], *, name: str, max_bytes: int
) -> Iterator[Document | Failure]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        origin = Origin(path=name, line=number)
        obj: Any = None
        try:
            line = decode_bytes(raw, max_bytes=max_bytes)
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise MalformedJSONError(
                    f"line is not JSON: {exc.msg} at column {exc.colno}"
                ) from exc
            yield document_from_json(obj, origin)
        except InputError as exc:
            fid = record_id(obj) or f"{name}:{number}"
            yield Failure(id=fid, error=ErrorInfo(exc.code, exc.full_message), origin=origin)

"""Validation of outputs against the published JSON Schema (used by several tests)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from brinkwatch.datafiles import data_path


@cache
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(data_path("schema/article.v1.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def assert_valid(record: dict[str, Any]) -> None:
    errors = sorted(validator().iter_errors(record), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message[:200]}" for e in errors[:5])
    if "text" in record:
        text = record["text"]
        for span in _spans(record):
            assert text[span["start"] : span["end"]] == span["text"], span


def _spans(value: Any) -> list[dict[str, Any]]:
    """Every {start, end, text} object inside a record, at any depth."""
    found: list[dict[str, Any]] = []
    if isinstance(value, dict):
        if {"start", "end", "text"} <= value.keys() and isinstance(value["start"], int):
            found.append(value)
        for key, item in value.items():
            if key != "text":
                found.extend(_spans(item))
    elif isinstance(value, list):
        for item in value:
            found.extend(_spans(item))
    return found

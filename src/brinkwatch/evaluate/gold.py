"""Readers for the gold formats `brinkwatch evaluate` scores (docs/evaluation.md).

The formats are those of the development sets (`../shared/dev/README.md`): one JSON object a line.
Each reader turns a line into a frozen record and checks what the scorers rely on (offsets that
index the text, labels in range), naming the file and line when something is off.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from brinkwatch.errors import GoldFileError
from brinkwatch.records import Span

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An expected event of a sentence (our own gold's `events` list); None = not annotated."""

    cameo: str
    source_country: str | None = None
    target_country: str | None = None
    source_sector: str | None = None

    @property
    def root(self) -> str:
        return self.cameo[:2]


@dataclass(frozen=True, slots=True)
class SentenceGold:
    """A sentence of `events-dev.jsonl`: its PentaClass, actor spans and (our gold) events."""

    id: str
    text: str
    published: date | None
    penta: int
    sources: tuple[Span, ...] | None  # None: the sentence has no span annotation
    targets: tuple[Span, ...] | None
    events: tuple[GoldEvent, ...] | None = None  # None: no event annotation


@dataclass(frozen=True, slots=True)
class StoryGold:
    """A story of `plover-synthetic.jsonl`: one PLOVER category and mode for the whole text."""

    id: str
    text: str
    label: str
    mode: str | None


@dataclass(frozen=True, slots=True)
class ActorGold:
    """A phrase of `actors-dev.jsonl`; `country`/`sector` "" = none expected, None = not asserted."""

    id: str
    text: str
    context: str
    published: date | None
    country: str | None
    sector: str | None
    expect_none: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who said or thought what: the spans of each role ("" roles are empty tuples)."""

    id: str
    type: str
    source: tuple[Span, ...]
    cue: tuple[Span, ...]
    content: tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class DocumentGold:
    """An article of `quotes-dev.jsonl` with its attributions."""

    id: str
    text: str
    published: date | None
    attributions: tuple[Attribution, ...]


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise GoldFileError(str(path), None, f"cannot read: {exc.strerror}") from exc
    with handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldFileError(str(path), number, f"not JSON: {exc.msg}") from exc
            if not isinstance(raw, dict):
                raise GoldFileError(str(path), number, "a line must be a JSON object")
            yield number, raw


def read(path: Path, parse: Callable[[Mapping[str, Any]], T]) -> tuple[T, ...]:
    """Every record of a gold file, parsed by `parse`; a bad line names file and line."""
    records: list[T] = []
    for number, raw in _lines(path):
        try:
            records.append(parse(raw))
        except (KeyError, TypeError, ValueError) as exc:
            reason = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise GoldFileError(str(path), number, reason) from exc
    if not records:
        raise GoldFileError(str(path), None, "no gold records")
    return tuple(records)


def _text(raw: Mapping[str, Any], key: str = "text") -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise ValueError(f"`{key}` must be a string")
    return value


def _date(value: Any) -> date | None:
    return date.fromisoformat(value) if value else None


def _span(raw: Mapping[str, Any], text: str) -> Span:
    start, end = int(raw["start"]), int(raw["end"])
    if not 0 <= start <= end <= len(text) or text[start:end] != raw["text"]:
        raise ValueError(f"span {start}:{end} {raw['text']!r} does not match the text there")
    return Span(start, end, raw["text"])


def _spans(items: Any, text: str) -> tuple[Span, ...]:
    return tuple(_span(item, text) for item in items or ())


def _event(raw: Mapping[str, Any]) -> GoldEvent:
    cameo = str(raw["cameo"])
    if not (cameo[:2].isdigit() and 1 <= int(cameo[:2]) <= 20):
        raise ValueError(f"cameo {cameo!r} is not a CAMEO event code")
    return GoldEvent(cameo, raw.get("source_country"), raw.get("target_country"),
                     raw.get("source_sector"))  # fmt: skip


def parse_sentence(raw: Mapping[str, Any]) -> SentenceGold:
    text = _text(raw)
    penta = int(raw["penta"])
    if penta not in range(5):
        raise ValueError(f"penta must be 0-4, not {penta}")
    spans = raw.get("spans")
    sources = targets = None
    if spans is not None:
        both = _spans(spans.get("reciprocal"), text)  # an actor that is source and target
        sources = _spans(spans.get("source"), text) + both
        targets = _spans(spans.get("target"), text) + both
    events = raw.get("events")
    parsed = tuple(_event(e) for e in events) if events is not None else None
    return SentenceGold(str(raw["id"]), text, _date(raw.get("published")), penta, sources,
                        targets, parsed)  # fmt: skip


def parse_story(raw: Mapping[str, Any]) -> StoryGold:
    mode = raw.get("mode")
    return StoryGold(str(raw["id"]), _text(raw), str(raw["label"]).upper(),
                     str(mode).lower() if mode else None)  # fmt: skip


def parse_actor(raw: Mapping[str, Any]) -> ActorGold:
    return ActorGold(
        str(raw["id"]), _text(raw), raw.get("context") or "",
        _date(raw.get("published")), raw.get("country"), raw.get("sector"),
        bool(raw.get("expect_none")),
    )  # fmt: skip


def _attribution(raw: Mapping[str, Any], text: str) -> Attribution:
    return Attribution(
        str(raw.get("id", "")), str(raw.get("type", "Attribution")),
        _spans(raw.get("source"), text), _spans(raw.get("cue"), text),
        _spans(raw.get("content"), text),
    )  # fmt: skip


def parse_document(raw: Mapping[str, Any]) -> DocumentGold:
    text = _text(raw)
    attributions = tuple(_attribution(a, text) for a in raw["attributions"])
    return DocumentGold(str(raw["id"]), text, _date(raw.get("published")), attributions)


def is_story_file(path: Path) -> bool:
    """Whether a file holds PLOVER stories (`label`) rather than sentences (`penta`)."""
    for _, raw in _lines(path):
        return "label" in raw and "penta" not in raw
    return False

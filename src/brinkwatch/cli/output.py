"""Formatting records for people and programs: JSONL, JSON, tables, summaries, progress."""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from types import TracebackType
from typing import IO, Any

from brinkwatch.records import Article, Failure
from brinkwatch.textsafe import clean_text

Record = Article | Failure


def table_row(record: Record) -> str:
    if isinstance(record, Failure):
        return f"{record.id[:28]:<28}  FAILED [{record.error.code}] {record.error.message[:70]}"
    published = record.published.isoformat() if record.published else "----------"
    title = (record.title or record.text.split("\n", 1)[0])[:48]
    counts = f"{len(record.events):>3} ev {len(record.quotes):>3} qt {len(record.actors):>3} ac"
    return f"{record.id[:28]:<28}  {published}  {counts}  {title}"


class RecordWriter:
    """Writes records to a file or stdout as JSONL, a JSON array, or a table."""

    def __init__(self, path: str, fmt: str) -> None:
        self.path, self.fmt = path, fmt
        self.handle: IO[str] = sys.stdout
        self.count = 0

    def __enter__(self) -> RecordWriter:
        if self.path != "-":
            self.handle = open(self.path, "w", encoding="utf-8")
        if self.fmt == "json":
            self.handle.write("[")
        return self

    def write(self, record: Record) -> None:
        if self.fmt == "table":
            line = table_row(record) + "\n"
        else:
            text = json.dumps(record.to_dict(), ensure_ascii=False)
            sep = ("," if self.count else "") + "\n" if self.fmt == "json" else ""
            line = sep + text + ("" if self.fmt == "json" else "\n")
        # readers already clean texts; this keeps any stray surrogate from ending the run
        self.handle.write(clean_text(line))
        self.count += 1

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.fmt == "json":
            self.handle.write("\n]\n")
        self.handle.flush()
        if self.handle is not sys.stdout:
            self.handle.close()


@dataclass
class Summary:
    """Running totals of a coding run, rendered for a person at the end."""

    total: int = 0
    failed: int = 0
    rows: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    roots: Counter[str] = field(default_factory=Counter)
    actors: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)

    def add(self, record: Record) -> None:
        self.total += 1
        self.rows.append(table_row(record))
        if isinstance(record, Failure):
            self.failed += 1
            self.failures[record.error.code] += 1
            return
        self.counts.update(
            events=len(record.events), quotes=len(record.quotes), actors=len(record.actors)
        )
        self.roots.update(f"{e.cameo_root} {e.cameo_name}" for e in record.events)
        self.actors.update(a.code or a.text for a in record.actors)

    def render(self) -> str:
        lines = ["", f"brinkwatch coded {self.total - self.failed} of {self.total} articles", ""]
        lines += self.rows
        lines += [
            "",
            "totals: " + ", ".join(f"{k} {self.counts[k]}" for k in ("events", "quotes", "actors")),
        ]
        lines += _top("top actors", self.actors) + _top("events by CAMEO root", self.roots)
        lines += _top("failures by reason", self.failures)
        return "\n".join(lines)


def _top(title: str, counter: Counter[Any], n: int = 10) -> list[str]:
    if not counter:
        return []
    return ["", f"{title}:"] + [f"  {count:>5}  {key}" for key, count in counter.most_common(n)]

"""Shared by the batch tests: the example corpus's events as `brinkwatch code` gives them (the
golden file, which tests/test_golden.py keeps equal to `code`'s output) and as a dataset holds them."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

from brinkwatch.batch.rows import EVENT_COLUMNS, decode, flat_row
from brinkwatch.records import Event
from tests.conftest import ROOT

CORPUS_MD = ROOT / "examples" / "corpus" / "md"
GOLDEN = ROOT / "tests" / "golden" / "example-corpus.jsonl"
BRINKWATCH = str(Path(sys.executable).parent / "brinkwatch")


def golden_articles() -> list[dict[str, Any]]:
    return [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]


def golden_events() -> list[tuple[Any, ...]]:
    """Every event of `brinkwatch code examples/corpus/md`, one flat tuple each, sorted."""
    rows = [
        {"article_id": a["id"], **flat_row(decode(Event, e), EVENT_COLUMNS)}
        for a in golden_articles()
        for e in a["events"]
    ]
    return sorted(_key(r) for r in rows)


def dataset_rows(out: Path, name: str) -> list[dict[str, Any]]:
    if not (out / name).is_dir():
        return []
    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table().to_pylist()


def dataset_events(out: Path) -> list[tuple[Any, ...]]:
    return sorted(_key(r) for r in dataset_rows(out, "events"))


def _key(row: dict[str, Any]) -> tuple[Any, ...]:
    names = ["article_id"] + [c.name for c in EVENT_COLUMNS]
    return tuple(json.dumps(row[n], sort_keys=True) for n in names)


def cli_env() -> dict[str, str]:
    """The environment for `brinkwatch` in a subprocess: this checkout's sources first."""
    src = str(ROOT / "src")
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": f"{src}{os.pathsep}{path}" if path else src}

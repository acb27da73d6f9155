"""Golden files: the example corpus's full output is pinned; any change in it must be deliberate.

After an intended change, run `make golden` and review the diff of tests/golden/ like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from brinkwatch.process import code_paths
from tests.conftest import ROOT
from tests.schema_check import assert_valid

CORPUS = ROOT / "examples" / "corpus"
GOLDEN = ROOT / "tests" / "golden" / "example-corpus.jsonl"
UPDATE = os.environ.get("BRINKWATCH_UPDATE_GOLDEN") == "1"


def _coded(path: Path, settings) -> list[dict[str, Any]]:
    records = [r.to_dict() for r in code_paths([str(path)], settings)]
    for record in records:
        if record.get("origin") and record["origin"]["path"]:
            record["origin"]["path"] = Path(record["origin"]["path"]).relative_to(ROOT).as_posix()
    return records


@pytest.fixture(scope="module")
def corpus_md(settings) -> list[dict[str, Any]]:
    return _coded(CORPUS / "md", settings)


def _first_difference(got: dict[str, Any], want: dict[str, Any]) -> str:
    for key in sorted(set(got) | set(want)):
        if got.get(key) != want.get(key):
            return f"field {key!r}: got {json.dumps(got.get(key))[:400]} want {json.dumps(want.get(key))[:400]}"
    return "no difference"


def test_example_corpus_matches_golden(corpus_md):
    if UPDATE:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(
            "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in corpus_md)
        )
    want = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert len(corpus_md) == len(want), "number of articles changed"
    for got, expected in zip(corpus_md, want, strict=True):
        assert got == expected, (
            f"{got['id']}: {_first_difference(got, expected)} (run `make golden` if intended)"
        )


def test_example_corpus_is_valid_and_complete(corpus_md):
    assert len(corpus_md) >= 12
    for record in corpus_md:
        assert_valid(record)
        assert "error" not in record
        assert record["title"] and record["outlet"] and record["published"] and record["url"]
    dates = sorted(r["published"] for r in corpus_md)
    assert dates[0] < dates[-1]


@pytest.mark.parametrize("variant", ["html", "corpus.jsonl"])
def test_html_and_jsonl_variants_code_like_markdown(corpus_md, settings, variant):
    other = _coded(CORPUS / variant, settings)
    by_url = {r["url"]: r for r in other}
    assert len(other) == len(corpus_md)
    for md in corpus_md:
        twin = by_url[md["url"]]
        assert twin["text"] == md["text"]
        for field in ("title", "published", "events", "quotes", "actors"):
            assert twin[field] == md[field], (md["url"], field)

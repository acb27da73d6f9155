"""Gold readers: the dev-set formats, our `events` extension, and errors that name the line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from brinkwatch.errors import GoldFileError
from brinkwatch.evaluate import gold as g
from brinkwatch.evaluate.penta import score_penta
from brinkwatch.evaluate.report import to_json, to_markdown
from brinkwatch.evaluate.results import Case, PredEvent

TEXT = "Police arrested two protesters in the capital."


def _write(tmp_path: Path, *records: dict[str, Any]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _sentence(**extra: Any) -> dict[str, Any]:
    spans = {"source": [{"start": 0, "end": 6, "text": "Police"}],
             "target": [{"start": 16, "end": 30, "text": "two protesters"}], "reciprocal": []}  # fmt: skip
    return {"id": "s1", "text": TEXT, "published": "2024-03-01", "penta": 4, "spans": spans,
            **extra}  # fmt: skip


def test_sentence_with_spans_and_events(tmp_path: Path) -> None:
    event = {"cameo": "173", "source_country": None, "target_country": None, "source_sector": "COP"}
    (record,) = g.read(_write(tmp_path, _sentence(events=[event])), g.parse_sentence)
    assert record.penta == 4 and record.published is not None
    assert record.sources is not None and record.sources[0].text == "Police"
    assert record.events == (g.GoldEvent("173", None, None, "COP"),)
    assert record.events[0].root == "17"


def test_null_spans_and_no_events(tmp_path: Path) -> None:
    (record,) = g.read(_write(tmp_path, _sentence(spans=None)), g.parse_sentence)
    assert record.sources is None and record.events is None


def test_a_span_that_does_not_match_the_text_names_the_line(tmp_path: Path) -> None:
    bad = _sentence()
    bad["spans"]["source"][0]["end"] = 5
    path = _write(tmp_path, _sentence(), bad)
    with pytest.raises(GoldFileError, match=r"gold.jsonl:2: span 0:5"):
        g.read(path, g.parse_sentence)


def test_missing_field_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match=r":1: missing field 'penta'"):
        g.read(_write(tmp_path, {"id": "x", "text": "t"}), g.parse_sentence)
    path = tmp_path / "broken.jsonl"
    path.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match=r"broken\.jsonl:1: not JSON"):
        g.read(path, g.parse_sentence)


def test_story_actor_and_document_formats(tmp_path: Path) -> None:
    story = {"id": "st", "text": "Troops fired.", "label": "assault", "mode": "Aerial"}
    assert g.parse_story(story) == g.StoryGold("st", "Troops fired.", "ASSAULT", "aerial")
    assert g.is_story_file(_write(tmp_path, story))
    actor = {"id": "a", "text": "Kenyan police", "context": "", "published": None,
             "country": "KEN", "sector": "COP", "expect_none": False}  # fmt: skip
    assert g.parse_actor(actor).country == "KEN"
    doc = {"id": "d", "text": TEXT, "published": None, "attributions": [
        {"id": "E1", "type": "Attribution-no-source", "source": [],
         "cue": [{"start": 7, "end": 15, "text": "arrested"}], "content": []}]}  # fmt: skip
    (attribution,) = g.parse_document(doc).attributions
    assert attribution.source == () and attribution.cue[0].text == "arrested"


def test_reports_carry_figures_misses_and_failures(tmp_path: Path) -> None:
    (record,) = g.read(_write(tmp_path, _sentence()), g.parse_sentence)
    score = score_penta([Case(record, (PredEvent("112", 7),)), Case(record, (), error="x: y")])
    data = to_json(score, "gold.jsonl")
    assert data["flat"]["penta.accuracy"] == 0.0
    assert data["worst_confusions"]["penta"][0] == {"gold": "4", "predicted": "3", "count": 1}
    assert data["failures"] == [{"id": "s1", "error": "x: y"}]
    text = to_markdown(score, "gold.jsonl")
    assert "| accuracy | 0.000 | 0 of 2 |" in text and "4 → 3 ×1" in text
    assert "`s1` error: x: y" in text
    published = to_markdown(score, "gold.jsonl", texts=False)  # figures for docs: no gold texts
    assert TEXT not in published and "2 misses" in published

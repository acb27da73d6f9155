"""Wire datelines, front matter and --published/--outlet: wire stories are dated, and the
dateline's city is never an actor or a speaker."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import brinkwatch
from brinkwatch.cli.main import cli
from brinkwatch.errors import InputError
from brinkwatch.ingest.datelines import dateline_mask, find_dateline, split_front_matter
from brinkwatch.ingest.metadata import parse_date_line, parse_month_day
from brinkwatch.ingest.readers import read_inputs

WIRE = (
    "ISLAMABAD, May 6 (Reuters) - Pakistan accused India of violating the truce. "
    '"We will answer this," the foreign minister said.\n\nIndia rejected the charge.\n'
)


@pytest.mark.parametrize(
    ("text", "city", "agency", "day"),
    [
        ("ISLAMABAD, May 6 (Reuters) - Pakistan said", "ISLAMABAD", "Reuters", date(2024, 5, 6)),
        ("CAIRO (AFP) — Egypt said", "CAIRO", "AFP", None),
        ("UNITED NATIONS, Sept. 3 (AP) -- The council", "UNITED NATIONS", "AP", date(2023, 9, 3)),
        ("SAN JOSE, Costa Rica (Reuters) - The", "SAN JOSE", "Reuters", None),
        ("MANILA, March 3, 2021 (Xinhua) – Manila", "MANILA", "Xinhua", date(2021, 3, 3)),
        ("WASHINGTON — The president", "WASHINGTON", None, None),
    ],
)
def test_wire_datelines_are_read(text: str, city: str, agency: str | None, day: date | None):
    found = find_dateline(text, reference=date(2024, 5, 10))
    assert found is not None and (found.city, found.agency, found.day) == (city, agency, day)
    masked = dateline_mask(text)
    assert len(masked) == len(text) and masked[found.end :] == text[found.end :]
    assert not masked[: found.end].strip()


@pytest.mark.parametrize(
    "text", ["US - China talks resumed", "Pakistan said - nothing", "NATO - the alliance", "May"]
)
def test_ordinary_openings_are_not_datelines(text: str) -> None:
    assert find_dateline(text) is None and dateline_mask(text) == text


def test_month_names_go_through_dateparser() -> None:
    assert parse_date_line("Sept. 4, 2020") == date(2020, 9, 4)
    assert parse_date_line("4 September 2020") == date(2020, 9, 4)
    assert parse_date_line("Tuesday") is None and parse_date_line("Foo 3, 2020") is None
    # a day without a year is the latest such day on or before the reference
    assert parse_month_day("Dec 30", reference=date(2024, 1, 2)) == date(2023, 12, 30)


def test_front_matter_gives_a_text_file_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("---\npublished: 2024-05-06\noutlet: Dawn\ntitle: T\n---\nBody text.\n")
    (document,) = read_inputs([path])
    assert isinstance(document, brinkwatch.Document)
    assert (document.published, document.outlet, document.title) == (date(2024, 5, 6), "Dawn", "T")
    assert document.text == "Body text.\n"
    with pytest.raises(InputError, match="pubished"):
        split_front_matter("---\npubished: 2024-05-06\n---\nx\n")


def test_a_wire_story_is_dated_and_its_dateline_is_no_actor(settings) -> None:
    article = brinkwatch.code(WIRE, settings=settings)
    assert article.dateline == "ISLAMABAD, May 6 (Reuters)" and article.outlet == "Reuters"
    assert article.published is not None and (article.published.month, article.published.day) == (
        5,
        6,
    )
    end = WIRE.index("Pakistan")
    assert article.text == WIRE
    assert all(a.start >= end for a in article.actors)
    assert article.events and all(e.date for e in article.events)
    assert all(e.source.start >= end for e in article.events)
    assert all(q.speaker is None or q.speaker.start >= end for q in article.quotes)
    for event in article.events:  # offsets still index the text as given
        assert WIRE[event.sentence.start : event.sentence.end] == event.sentence.text


def test_published_and_outlet_flags_fill_what_inputs_lack(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("China and the Philippines held talks.\n")
    (tmp_path / "b.txt").write_text("---\npublished: 2020-01-02\n---\nJapan met Korea.\n")
    out = CliRunner().invoke(
        cli, ["code", str(tmp_path), "--published", "2024-03-04", "--outlet", "Foo"]
    )
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [(r["published"], r["outlet"]) for r in rows] == [
        ("2024-03-04", "Foo"),
        ("2020-01-02", "Foo"),
    ]


def test_ingest_reports_undated_articles(tmp_path: Path) -> None:
    (tmp_path / "plain.txt").write_text("China and the Philippines held talks.\n")
    out = CliRunner().invoke(cli, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.db")])
    assert out.exit_code == 0, out.output
    assert "undated:  1 new articles have no publication date" in out.output
    assert "plain.txt" in out.output

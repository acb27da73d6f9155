from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine

from brinkwatch.store.exports import export, fraction_date, gdelt_columns
from brinkwatch.store.queries import EventFilter
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, event

LEAD = "China seized a Philippine supply boat near the shoal.\tIt said so."
TALK = "Japan urged the Philippines to keep talking with Beijing."


@pytest.fixture
def stored(engine: Engine) -> Engine:
    events = (
        event(LEAD, "China", "Philippines", eid="e1"),
        event(
            TALK,
            "Japan",
            "Philippines",
            cameo="020",
            quad=1,
            goldstein=3.0,
            plover="REQUEST",
            day="2024-06",
            granularity="month",
            eid="e2",
        ),
        event(LEAD, "China", "Philippines", negated=True, plover=None, eid="e3"),
    )
    text = f"{LEAD} {TALK}"
    StoreWriter(engine).write(
        [(article(text, aid="a1", url="https://x.example/a1", events=events), None)]
    )
    StoreWriter(engine).write(
        [
            (
                article(
                    LEAD + " Later.",
                    aid="a2",
                    outlet="Other Daily",
                    events=(event(LEAD, "China", "Philippines"),),
                ),
                None,
            )
        ]
    )
    return engine


def test_gdelt_has_61_columns_in_order_and_loads_in_pandas(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(stored, "gdelt", str(out)) == 2  # the negated event is not a GDELT event
    names = list(gdelt_columns())
    assert len(names) == 61 and names[0] == "GLOBALEVENTID" and names[-1] == "SOURCEURL"
    frame = pd.read_csv(out, sep="\t", header=None, names=names, dtype=str, keep_default_na=False)
    assert frame.shape == (2, 61)
    seized = frame[frame.EventCode == "172"].iloc[0]
    assert (seized.Actor1CountryCode, seized.Actor2CountryCode) == ("CHN", "PHL")
    assert (seized.Actor1Code, seized.Actor1Type1Code, seized.EventBaseCode) == (
        "CHNGOV",
        "GOV",
        "172",
    )
    assert (seized.NumMentions, seized.NumArticles, seized.NumSources) == ("2", "2", "2")
    assert seized.SQLDATE == "20240502" and seized.MonthYear == "202405" and seized.Year == "2024"
    assert seized.SOURCEURL == "https://x.example/a1" and len(seized.DATEADDED) == 14
    assert seized.Actor1Geo_FullName == "" and seized.AvgTone == ""
    month = frame[frame.EventCode == "020"].iloc[0]
    assert month.SQLDATE == "20240601" and month.EventRootCode == "02" and month.QuadClass == "1"


def test_fraction_date_follows_gdelt() -> None:
    assert fraction_date(20240601) == round(2024 + (6 * 30 + 1) / 365, 4)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_tabular_formats_round_trip(stored: Engine, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    assert export(stored, fmt, str(out)) == 3
    read = {"csv": pd.read_csv, "parquet": pd.read_parquet}
    frame = read[fmt](out) if fmt in read else pd.read_json(out, lines=True)
    assert len(frame) == 3
    assert set(frame.cameo.astype(str).str.zfill(3)) == {"172", "020"}
    assert sorted(frame.num_mentions) == [1, 1, 2]
    assert frame.negated.astype(bool).sum() == 1
    if fmt == "jsonl":
        assert all(isinstance(row, list) and row for row in frame.evidence)
    else:
        assert LEAD.replace("\t", " ") in " ".join(frame.evidence_text.str.replace("\t", " "))


def test_plover_records(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "events.json"
    assert export(stored, "plover", str(out)) == 2  # no PLOVER category, no PLOVER record
    records = json.loads(out.read_text())
    talk = next(r for r in records if r["event"] == "REQUEST")
    assert (talk["actor_country"], talk["recipient_country"], talk["date"]) == (
        "JPN",
        "PHL",
        "2024-06",
    )
    assert talk["text"] == TALK and talk["cameo"] == "020"
    assert pd.DataFrame(records).shape[0] == 2


def test_filters_apply_to_exports(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "jpn.jsonl"
    assert export(stored, "jsonl", str(out), EventFilter(country="JPN")) == 1


def test_empty_store_exports_empty_files(engine: Engine, tmp_path: Path) -> None:
    for fmt in ("gdelt", "csv", "jsonl", "parquet", "plover"):
        assert export(engine, fmt, str(tmp_path / f"e.{fmt}")) == 0
    assert pd.read_parquet(tmp_path / "e.parquet").empty

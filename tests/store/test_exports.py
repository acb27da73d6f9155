from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd
import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import Engine

from brinkwatch import read_gdelt
from brinkwatch.datafiles import data_path
from brinkwatch.nlp.plover_sectors import plover_sector
from brinkwatch.records import Actor
from brinkwatch.store.exports import export, fraction_date, gdelt_columns, gdelt_dtypes
from brinkwatch.store.queries import EventFilter
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, event

LEAD = "China seized a Philippine supply boat near the shoal.\tIt said so."
PLOVER_SCHEMA = data_path("schema/plover-event.json")
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


def test_plover_records_follow_the_spec_and_validate(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    assert export(stored, "plover", str(out)) == 2  # no PLOVER category, no PLOVER record
    records = [json.loads(line) for line in out.read_text().splitlines()]  # JSONL, not an array
    validator = Draft202012Validator(json.loads(PLOVER_SCHEMA.read_text()))
    for record in records:
        assert not list(validator.iter_errors(record)), record
    talk = next(r for r in records if r["event"] == ["REQUEST"])
    assert talk["actor"][0]["code"] == "JPN" and talk["actor"][0]["entity_text"] == "Japan"
    assert talk["recipient"][0]["code"] == "PHL" and talk["actor"][0]["sector"] == "GOV"
    for r in records:  # PLOVER codes: CAMEO MED (media) would be JRN, HLH MED
        assert r["actor"][0]["sector"] == plover_sector("".join(r["actor"][0]["bw_sectors"]))
    assert (talk["date"], talk["bw_date_granularity"]) == ("2024-06-01", "month")
    assert talk["quad_code"] == 3 and talk["event_scale"] == 3.0 and talk["mode"] == []
    assert talk["context"] == []  # CAMEO 020 has no PLOVER row, so no context
    assert talk["text"] == TALK and talk["bw_cameo"] == "020"
    cite = talk["cite_info"]
    assert cite["url"] == "https://x.example/a1" and cite["publication"] == "Harbour Times"
    assert cite["title"] and cite["coder"].startswith("brinkwatch") and cite["codebook"]
    assert talk["coder"].startswith("brinkwatch") and len(talk["coded_date"]) == 10
    assert int(talk["id"]) > 10**14


def test_plover_contexts_come_from_the_cameo_table() -> None:
    from brinkwatch.store.plover import contexts

    assert contexts("0312") == ["military"]
    assert contexts("1834") == contexts("183")  # absent from the table: the parent's


def test_plover_schema_rejects_the_old_shape() -> None:
    validator = Draft202012Validator(json.loads(PLOVER_SCHEMA.read_text()))
    old = {"id": "1", "date": "2024", "event": "ACCUSE", "actor": "China", "mode": ""}
    assert len(list(validator.iter_errors(old))) >= 3


def test_gdelt_names_types_root_events_and_ids(engine: Engine, tmp_path: Path) -> None:
    lead = event("Chinese troops fired on the boat.", "China", "Philippines", eid="e1")
    mil = Actor(
        "Chinese troops", 0, 14, name=None, code="CHNGOVMIL", country="CHN", sector="GOVMIL"
    )
    police = Actor("the police", 42, 52, name=None, code="COP", country=None, sector="COP")
    body = "\n\nLater, the police arrested a jet pilot."
    later = dataclasses.replace(
        event("the police arrested a jet pilot.", "China", None, cameo="173", eid="e2", start=42),
        source=police,
    )
    text = "Chinese troops fired on the boat." + body
    StoreWriter(engine).write(
        [(article(text, aid="g1", events=(dataclasses.replace(lead, source=mil), later)), None)]
    )
    out = tmp_path / "g.tsv"
    export(engine, "gdelt", str(out))
    frame = read_gdelt(out)
    fired = frame[frame.EventCode == "172"].iloc[0]
    assert (fired.Actor1Name, fired.Actor1Type1Code, fired.Actor1Type2Code) == (
        "CHINA",
        "GOV",
        "MIL",
    )
    assert fired.Actor2Name == "PHILIPPINES" and fired.IsRootEvent == 1
    arrest = frame[frame.EventCode == "173"].iloc[0]
    assert arrest.Actor1Name == "POLICE" and arrest.IsRootEvent == 0
    assert frame.GLOBALEVENTID.min() > 900_000_000_000_000  # far above GDELT's own ids
    assert frame.SQLDATE.notna().all()


def test_the_gdelt_recipe_keeps_codes_as_text(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "g.tsv"
    export(stored, "gdelt", str(out))
    frame = read_gdelt(out)
    assert "020" in set(frame.EventCode) and "02" in set(frame.EventRootCode)
    assert pd.api.types.is_string_dtype(frame.EventCode) and frame.SQLDATE.dtype.kind == "i"
    # the documented pandas recipe does the same without brinkwatch
    names = list(gdelt_columns())
    plain = pd.read_csv(out, sep="\t", header=None, names=names, dtype=gdelt_dtypes())
    assert "020" in set(plain.EventCode)


def test_csv_quotes_codes_and_has_granularity(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "e.csv"
    export(stored, "csv", str(out))
    assert '"020"' in out.read_text()
    frame = pd.read_csv(out, dtype={"cameo": str, "cameo_root": str})
    assert set(frame.date_granularity) == {"day", "month"} and "020" in set(frame.cameo)


def test_parquet_has_typed_dates(stored: Engine, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    export(stored, "parquet", str(out))
    schema = pq.read_schema(out)
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("date_added").type).startswith("timestamp")
    assert str(schema.field("cameo").type) == "string"
    frame = pd.read_parquet(out)
    assert "020" in set(frame.cameo) and set(frame.date_granularity) == {"day", "month"}


def test_filters_apply_to_exports(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "jpn.jsonl"
    assert export(stored, "jsonl", str(out), EventFilter(country="JPN")) == 1


def test_empty_store_exports_empty_files(engine: Engine, tmp_path: Path) -> None:
    for fmt in ("gdelt", "csv", "jsonl", "parquet", "plover"):
        assert export(engine, fmt, str(tmp_path / f"e.{fmt}")) == 0
    assert pd.read_parquet(tmp_path / "e.parquet").empty

"""Stored event locations: GDELT *Geo_* columns, PLOVER event_loc, flat lat/lon, filters."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from brinkwatch.cli.main import cli
from brinkwatch.records import Location
from brinkwatch.store.exports import export, gdelt_columns
from brinkwatch.store.gdelt_geo import geo_type
from brinkwatch.store.queries import EventFilter, find_events
from brinkwatch.store.writer import StoreWriter
from tests.store.conftest import article, event

SHELLING = "Russia shelled a market in Kharkiv."
RALLY = "Police dispersed a rally in Austin."
PATROL = "China sent ships into the South China Sea."


def _loc(name: str, kind: str, country: str | None, lat: float, lon: float, **kw: str) -> Location:
    return Location(
        text=name, start=0, end=len(name), name=name, kind=kind, country=country,
        region=kw.get("region"), lat=lat, lon=lon, geonameid=kw.get("gid"), source="trigger",
        adm1=kw.get("adm1"), full_name=kw.get("full"),
    )  # fmt: skip


KHARKIV = _loc("Kharkiv", "city", "UKR", 49.98, 36.25, region="Kharkiv Oblast", gid="706483",
               adm1="UP07", full="Kharkiv, Kharkiv Oblast, Ukraine")  # fmt: skip
AUSTIN = _loc("Austin", "city", "USA", 30.27, -97.74, region="Texas", gid="4671654",
              adm1="USTX", full="Austin, Texas, United States")  # fmt: skip
SEA = _loc("South China Sea", "sea", None, 12.0, 113.0, gid="bw1", full="South China Sea")
UKRAINE = _loc("Ukraine", "country", "UKR", 48.4, 31.2, gid="690791", full="Ukraine")


@pytest.fixture
def stored(engine: Engine) -> Engine:
    shelling = event(SHELLING, "Russia", "Ukraine", eid="e1")
    shelling = replace(
        shelling, location=KHARKIV, source=replace(shelling.source, location=UKRAINE)
    )
    start = len(SHELLING) + 1
    rally = replace(event(RALLY, "Police", None, eid="e2", start=start), location=AUSTIN)
    start += len(RALLY) + 1
    patrol = replace(event(PATROL, "China", None, eid="e3", start=start), location=SEA)
    text = f"{SHELLING} {RALLY} {PATROL}"
    StoreWriter(engine).write([(article(text, aid="a1", events=(shelling, rally, patrol)), None)])
    return engine


def test_geo_types_follow_gdelt() -> None:
    assert [geo_type("country", "UKR"), geo_type("region", "USA"), geo_type("city", "USA")] == [
        1,
        2,
        3,
    ]
    assert [geo_type("city", "UKR"), geo_type("region", "UKR"), geo_type("sea", None)] == [4, 5, 4]


def read_gdelt(path: Path, names: list[str]) -> pd.DataFrame:
    """GDELT's types for the geography columns: INTEGER Type, FLOAT Lat/Long, STRING others;
    an empty cell is a missing value."""
    numeric = {n: ("Int64" if n.endswith("_Type") else "float64") for n in names
               if "Geo_" in n and n.endswith(("_Type", "_Lat", "_Long"))}  # fmt: skip
    dtypes = {n: numeric.get(n, str) for n in names if "Geo_" in n}
    empty = {n: [""] for n in numeric}
    return pd.read_csv(
        path, sep="\t", header=None, names=names, dtype=dtypes, keep_default_na=False,
        na_values=empty,
    )  # fmt: skip


def test_gdelt_geo_columns_load_with_gdelt_types(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "events.tsv"
    assert export(stored, "gdelt", str(out)) == 3
    names = list(gdelt_columns())
    frame = read_gdelt(out, names)
    assert str(frame.ActionGeo_Type.dtype) == "Int64" and frame.ActionGeo_Lat.dtype.kind == "f"
    kharkiv = frame[frame.ActionGeo_FullName.str.startswith("Kharkiv")].iloc[0]
    assert (kharkiv.ActionGeo_Type, kharkiv.ActionGeo_CountryCode) == (4, "UP")
    assert (kharkiv.ActionGeo_ADM1Code, kharkiv.ActionGeo_FeatureID) == ("UP07", "706483")
    assert kharkiv.ActionGeo_Lat == pytest.approx(49.98) and kharkiv.ActionGeo_ADM2Code == ""
    assert (kharkiv.Actor1Geo_Type, kharkiv.Actor1Geo_FullName) == (1, "Ukraine")
    assert (kharkiv.Actor1Geo_ADM1Code, kharkiv.Actor1Geo_FeatureID) == ("UP", "UP")
    austin = frame[frame.ActionGeo_FullName.str.startswith("Austin")].iloc[0]
    assert (austin.ActionGeo_Type, austin.ActionGeo_CountryCode, austin.ActionGeo_ADM1Code) == (
        3,
        "US",
        "USTX",
    )
    sea = frame[frame.ActionGeo_FullName == "South China Sea"].iloc[0]
    assert (sea.ActionGeo_Type, sea.ActionGeo_CountryCode, sea.ActionGeo_FeatureID) == (4, "", "")


def test_location_country_filter_and_flat_lat_lon(stored: Engine, tmp_path: Path) -> None:
    found = find_events(stored, EventFilter(location_country="UKR"))
    assert [e.action_geo_name for e in found] == ["Kharkiv"]
    out = tmp_path / "e.parquet"
    assert export(stored, "parquet", str(out), EventFilter(location_country="USA")) == 1
    frame = pd.read_parquet(out)
    assert frame.action_geo_lat.iloc[0] == pytest.approx(30.27)
    assert frame.action_geo_lon.iloc[0] == pytest.approx(-97.74)
    csv_out = tmp_path / "e.csv"
    export(stored, "csv", str(csv_out))
    assert {"action_geo_lat", "action_geo_lon", "source_geo_lat"} <= set(pd.read_csv(csv_out))


def test_plover_event_loc(stored: Engine, tmp_path: Path) -> None:
    out = tmp_path / "e.json"
    export(stored, "plover", str(out))
    records = [json.loads(line) for line in out.read_text().splitlines() if line.strip()]
    locs = {r["event_loc"]["name"]: r["event_loc"] for r in records}
    assert locs["Kharkiv"]["country"] == "UKR" and locs["Kharkiv"]["admin1"] == "Kharkiv Oblast"
    assert locs["Kharkiv"]["lat"] == pytest.approx(49.98)


def test_a_later_mention_fills_a_missing_location(engine: Engine) -> None:
    bare = event(SHELLING, "Russia", "Ukraine", eid="e1")
    StoreWriter(engine).write([(article(SHELLING, aid="a1", events=(bare,)), None)])
    assert find_events(engine)[0].action_geo_name is None
    again = replace(bare, location=KHARKIV)
    StoreWriter(engine).write(
        [(article(SHELLING + " Again.", aid="a2", outlet="X", events=(again,)), None)]
    )
    (stored,) = find_events(engine)
    assert stored.action_geo_name == "Kharkiv" and stored.num_mentions == 2


def test_map_and_export_commands_filter_by_location(
    stored: Engine, db_url: str, tmp_path: Path
) -> None:
    page = tmp_path / "map.html"
    result = CliRunner().invoke(cli, ["map", "--db", db_url, "-o", str(page), "--country", "UKR"])
    assert result.exit_code == 0, result.output
    assert page.read_text().count("<circle") == 1 and "Kharkiv" in page.read_text()
    out = tmp_path / "ukr.jsonl"
    args = ["export", "--db", db_url, "--format", "jsonl", "-o", str(out)]
    result = CliRunner().invoke(cli, [*args, "--location-country", "Ukraine"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["action_geo_name"] for line in out.read_text().splitlines()] == [
        "Kharkiv"
    ]
    bad = CliRunner().invoke(cli, ["map", "--db", db_url, "-o", str(tmp_path / "map.svg")])
    assert bad.exit_code != 0 and ".html or .png" in bad.output

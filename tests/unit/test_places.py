"""The gazetteer of places, toponym resolution and event locations (docs/places.md)."""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest

from brinkwatch.errors import DataFileError
from brinkwatch.evaluate.baseline import check, load_floors, pinned, score_gold
from brinkwatch.evaluate.geo import (
    GeoGold,
    distance_km,
    located_correctly,
    parse_geo,
    score_geo,
)
from brinkwatch.evaluate.results import Case
from brinkwatch.knowledge.places import Place, gazetteer, load, normalise
from brinkwatch.nlp.places import resolve
from brinkwatch.nlp.places.toponyms import Toponym
from brinkwatch.process import Coder
from brinkwatch.records import Document, Event, Location
from brinkwatch.settings import Settings


def _toponym(name: str, start: int = 0) -> Toponym:
    cands = tuple(gazetteer().candidates(name))
    return Toponym(start, start + 1, 0, 0, name, start, None, cands)


def _pick(names: list[str], countries: dict[str, int] | None = None) -> list[Place | None]:
    toponyms = [_toponym(n, 2 * i) for i, n in enumerate(names)]
    context = resolve.context_countries(toponyms, Counter(countries or {}).elements())
    return resolve.choose(None, toponyms, context)


def test_normalise_ignores_case_accents_apostrophes_and_the() -> None:
    assert normalise("The Kyïv") == normalise("kyiv") == "kyiv"
    assert normalise("Kup’yans’k") == "kupyansk"
    assert normalise("Nagorno-Karabakh") == "nagorno karabakh"


def test_gazetteer_has_every_kind_with_codes() -> None:
    gaz = gazetteer()
    kinds = {gaz.place(i).kind for i in range(0, len(gaz.rows), 97)}
    assert {"country", "region", "city"} <= kinds
    ukraine = gaz.country("UKR")
    assert ukraine is not None and ukraine.fips == "UP"
    kyiv = next(p for p in gaz.candidates("Kiev") if p.kind == "city")
    assert kyiv.country == "UKR" and abs(kyiv.lat - 50.45) < 0.1 and kyiv.geonameid == "703448"
    assert gaz.full_name(kyiv) == "Kyiv, Kyiv, Ukraine"
    sea = gaz.candidates("the South China Sea")[0]
    assert sea.kind == "sea" and sea.country == ""


def test_a_malformed_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "places.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("# version: 0\n1\tX\tcity\n")
    with pytest.raises(DataFileError, match=r"places.tsv.gz:2"):
        load(path)


def test_population_decides_without_context() -> None:
    (paris,) = _pick(["Paris"])
    assert paris is not None and paris.country == "FRA"
    (tripoli,) = _pick(["Tripoli"])
    assert tripoli is not None and tripoli.country == "LBY" and tripoli.kind == "city"


def test_article_countries_decide_between_namesakes() -> None:
    (tripoli,) = _pick(["Tripoli"], {"LBN": 1})
    assert tripoli is not None and tripoli.country == "LBN"
    (georgia,) = _pick(["Georgia"], {"USA": 2})
    assert georgia is not None and georgia.kind == "region" and georgia.country == "USA"
    (georgia,) = _pick(["Georgia"])
    assert georgia is not None and georgia.kind == "country"


def test_a_qualifier_after_a_comma_decides() -> None:
    paris, texas = _pick(["Paris", "Texas"])
    assert paris is not None and paris.country == "USA" and paris.admin1 == "TX"
    assert texas is not None and texas.kind == "region"


def test_a_city_beats_its_namesake_region_unless_asked() -> None:
    (donetsk,) = _pick(["Donetsk"])
    assert donetsk is not None and donetsk.kind == "city" and donetsk.country == "UKR"
    asked = Toponym(
        0, 2, 0, 0, "Idlib province", 0, "region", tuple(gazetteer().candidates("Idlib"))
    )
    (idlib,) = resolve.choose(None, [asked], Counter())
    assert idlib is not None and idlib.kind == "region"


# -- with the pipeline ---------------------------------------------------------------------------


def _events(coder: Coder, text: str, dateline: str | None = None) -> list[Event]:
    record = coder.code_batch([Document(id="t", text=text, dateline=dateline)])[0]
    events = getattr(record, "events", ())
    assert events, f"no event coded in {text!r}"
    return list(events)


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "Moscow urged restraint on Tuesday.",
        "Beijing condemned the sanctions.",
        "Washington warned of consequences.",
        "Kyiv's government accused Russia of lying.",
    ],
)
def test_a_capital_standing_for_its_government_is_not_the_location(coder: Coder, text: str) -> None:
    for event in _events(coder, text):
        assert event.location is None, event.location
        # …but it is where that actor is
        assert event.source.location is not None


@pytest.mark.slow
def test_metonym_yields_to_the_dateline_and_to_a_locative(coder: Coder) -> None:
    (event,) = _events(coder, "Moscow urged restraint on Tuesday.", dateline="GENEVA")
    assert event.location is not None and event.location.source == "dateline"
    assert event.location.country == "CHE" and event.location.start is None
    event = _events(coder, "In Geneva, Moscow urged restraint on Tuesday.")[0]
    assert event.location is not None and event.location.name == "Geneva"


@pytest.mark.slow
def test_the_trigger_locative_wins_over_the_sentence_and_dateline(coder: Coder) -> None:
    text = "Russian forces shelled a market in Kupiansk on Monday, officials in Kyiv said."
    events = _events(coder, text, dateline="LONDON")
    shelling = next(e for e in events if e.cameo_root in {"18", "19"})
    loc = shelling.location
    assert loc is not None and loc.source == "trigger" and loc.country == "UKR"
    assert text[loc.start : loc.end] == "Kupiansk"
    assert abs(loc.lat - 49.7) < 0.2 and abs(loc.lon - 37.6) < 0.2
    assert loc.adm1 == "UP07" and loc.region == "Kharkiv Oblast"


@pytest.mark.slow
def test_the_sentence_place_is_the_fallback(coder: Coder) -> None:
    text = "Rebels in the Gaza Strip said they would fight on."
    events = _events(coder, text)
    assert {e.location.name for e in events if e.location is not None} == {"Gaza Strip"}

    text = "The minister warned that the fighting in the Donbas would worsen."
    (said,) = [e for e in _events(coder, text) if e.trigger.text == "warned"]
    assert said.location is not None and said.location.name == "Donbas"
    assert said.location.source == "sentence"


# -- the geo task ---------------------------------------------------------------------------------


def _found(lat: float, lon: float, country: str = "UKR", adm1: str | None = None) -> Location:
    return Location("x", 0, 1, "x", "city", country, None, lat, lon, None, "trigger", adm1, None)


def test_geo_scoring_by_distance_region_and_none() -> None:
    kharkiv = {"kind": "city", "country": "UKR", "lat": 49.99, "lon": 36.23}
    assert located_correctly(kharkiv, _found(50.0, 36.3))  # about 5 km away
    assert not located_correctly(kharkiv, _found(50.45, 30.52))  # Kyiv: 410 km
    assert distance_km(49.99, 36.23, 50.45, 30.52) == pytest.approx(410, abs=15)
    oblast = {"kind": "region", "country": "UKR", "region": "Kharkiv"}
    assert located_correctly(oblast, _found(49.7, 37.6, adm1="UP07"))
    assert not located_correctly(oblast, _found(48.0, 37.8, adm1="UP05"))
    assert located_correctly(None, None) and not located_correctly(None, _found(1, 1))
    gold = [GeoGold(str(i), "t", None, None, e) for i, e in enumerate([kharkiv, oblast, None])]
    cases = [Case(gold[0], _found(50.0, 36.3)), Case(gold[1], None), Case(gold[2], None)]
    score = score_geo(cases).flat()
    assert score["geo.accuracy"] == pytest.approx(2 / 3) and score["geo.region_accuracy"] == 0.0


def test_geo_gold_records_are_checked() -> None:
    with pytest.raises(ValueError, match="lat"):
        parse_geo({"id": "1", "text": "t", "expect": {"kind": "city", "country": "UKR"}})
    assert parse_geo({"id": "1", "text": "t", "expect": None}).expect is None


@pytest.mark.slow
def test_the_gate_fails_when_events_are_not_located(
    settings: Settings, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    gold = Path(__file__).resolve().parents[1] / "gold"
    floors = {k: v for k, v in load_floors(gold / "baseline.json").items() if k.startswith("geo.")}
    assert floors["geo.accuracy"] >= 0.85  # the target, pinned
    finder = coder.nlp.get_pipe("brinkwatch_locations")
    monkeypatch.setattr(type(finder), "__call__", lambda self, doc: doc)
    drops = check(pinned(score_gold(gold, settings, tasks=("geo",))), floors)
    assert "geo.accuracy: " in "\n".join(map(str, drops))

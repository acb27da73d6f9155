"""The actors scorer on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from brinkwatch.evaluate.actors import country_matches, score_actors, sector_matches
from brinkwatch.evaluate.gold import ActorGold
from brinkwatch.evaluate.results import Case, PredActor


def _gold(aid: str, country: str | None, sector: str | None, none: bool = False) -> ActorGold:
    return ActorGold(aid, f"phrase {aid}", "", None, country, sector, none)


def test_igo_codes_match_by_region_letters() -> None:
    eu = PredActor("IGO", None, "IGOEUREEC")
    assert country_matches("EUR", eu) and country_matches("IGO", eu)
    assert not country_matches("UNO", eu)
    assert country_matches("", None) and country_matches("", PredActor(None, "GOV"))


def test_country_sector_and_nothing_accuracy() -> None:
    cases = [
        Case(_gold("a", "USA", "MIL"), PredActor("USA", "MIL", "USAMIL")),  # both right
        Case(_gold("b", "RUS", "GOV"), PredActor("RUS", None, "RUS")),  # sector missed
        Case(_gold("c", None, "ELI"), PredActor(None, "ELI")),  # country not asserted
        Case(_gold("d", "", ""), PredActor("FRA", None, "FRA")),  # expected no country
        Case(_gold("e", None, None, none=True), None),  # rightly nothing
        Case(_gold("f", "KEN", "GOV"), None, error="ValueError: bad"),  # failure: a miss
    ]
    score = score_actors(cases)
    flat = score.flat()
    assert flat["actors.country_accuracy"] == pytest.approx(2 / 4)  # a, b right; d, f wrong
    assert flat["actors.sector_accuracy"] == pytest.approx(3 / 5)  # a, c, d right
    assert flat["actors.nothing_accuracy"] == pytest.approx(1.0)
    assert [m.id for m in score.misses] == ["b", "d", "f"]
    assert [f.id for f in score.failures] == ["f"]
    cells = {(c.gold, c.predicted) for c in score.confusions["country"]}
    assert cells == {("none", "FRA"), ("KEN", "none")}


def test_a_gold_sector_is_read_in_its_own_codebook() -> None:
    paramilitary = PredActor("SOM", "MIL", "SOMMIL", "PRM")
    assert sector_matches("PRM", paramilitary) and sector_matches("MIL", paramilitary)
    breakaway = PredActor("GEO", None, "GEO", "PRE")
    assert sector_matches("PRE", breakaway) and not sector_matches("GOV", breakaway)
    # a shared code is read as CAMEO: a CAMEO GOV with PLOVER PRM is no PLOVER-GOV match
    assert not sector_matches("GOV", PredActor(None, "UAF", "UAF", "GOV"))
    # MED means the media in CAMEO, health in PLOVER: either reading counts
    assert sector_matches("MED", PredActor(None, "HLH", "HLH", "MED"))
    assert sector_matches("MED", PredActor("GBR", "MED", "GBRMED", "JRN"))
    assert not sector_matches("MED", PredActor(None, "GOV", "GOV", "GOV"))
    # a PLOVER-only code is never matched by a CAMEO code: JRN needs the PLOVER sector
    assert not sector_matches("JRN", PredActor("GBR", "MED", "GBRMED"))
    assert not sector_matches("UNK", None)

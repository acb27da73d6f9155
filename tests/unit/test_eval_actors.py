"""The actors scorer on hand-made gold and predictions."""

from __future__ import annotations

import pytest

from brinkwatch.evaluate.actors import country_matches, score_actors
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

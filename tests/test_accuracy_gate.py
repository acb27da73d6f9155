"""The accuracy gate: our own gold files (tests/gold) must stay above the pinned floors.

After a deliberate change in accuracy, re-pin with `python scripts/pin_baseline.py` and review the
diff of tests/gold/baseline.json. See docs/evaluation.md.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from brinkwatch.evaluate.baseline import check, load_floors, pinned, score_gold
from brinkwatch.process import Coder
from brinkwatch.settings import Settings

GOLD = Path(__file__).resolve().parent / "gold"
FLOORS = load_floors(GOLD / "baseline.json")


@pytest.fixture(scope="module")
def measured(settings: Settings, coder: Coder) -> dict[str, float]:
    return pinned(score_gold(GOLD, settings))


def test_every_pinned_figure_is_measured(measured: dict[str, float]) -> None:
    assert set(FLOORS) <= set(measured), (
        f"no longer measured: {sorted(set(FLOORS) - set(measured))}"
    )


def test_accuracy_stays_above_the_pinned_floors(measured: dict[str, float]) -> None:
    drops = check(measured, FLOORS)
    assert not drops, "accuracy dropped below the pinned floor:\n  " + "\n  ".join(map(str, drops))


def test_the_gate_fails_when_a_gazetteer_entry_is_removed(
    settings: Settings, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Disable Russia in the gazetteer: the gold's Russian actors lose their country."""
    component = coder.nlp.get_pipe("brinkwatch_actors")
    gaz = component.gazetteer
    without = {key: place for key, place in gaz.places.items() if place.country != "RUS"}
    assert len(without) < len(gaz.places)
    monkeypatch.setattr(component, "gazetteer", dataclasses.replace(gaz, places=without))
    drops = check(pinned(score_gold(GOLD, settings, tasks=("actors", "events"))),
                  {k: v for k, v in FLOORS.items() if k.startswith(("actors.", "events."))})  # fmt: skip
    message = "\n".join(map(str, drops))
    assert "actors.country_accuracy: " in message  # the failure names the figure that dropped


def test_the_gate_fails_when_a_lexicon_verb_is_removed(
    settings: Settings, coder: Coder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Take the verbs of material conflict the gold uses out of the lexicon: penta must drop."""
    events = coder.nlp.get_pipe("brinkwatch_events")
    lex = events.lexicon
    gone = {"arrest", "bomb", "shell", "attack", "fight", "abduct", "demolish", "block"}
    by_verb = {lemma: entries for lemma, entries in lex.by_verb.items() if lemma not in gone}
    assert len(by_verb) < len(lex.by_verb)
    monkeypatch.setattr(events, "lexicon", dataclasses.replace(lex, by_verb=by_verb))
    drops = check(pinned(score_gold(GOLD, settings, tasks=("penta",))),
                  {k: v for k, v in FLOORS.items() if k.startswith("penta.")})  # fmt: skip
    assert "penta.accuracy" in {d.metric for d in drops}

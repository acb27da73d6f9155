"""The events scorer (sentences with CAMEO gold, and PLOVER stories) on hand-made pairs."""

from __future__ import annotations

import pytest

from brinkwatch.evaluate.events import level_counts, score_events, score_stories, story_label
from brinkwatch.evaluate.gold import GoldEvent, SentenceGold, StoryGold
from brinkwatch.evaluate.metrics import NONE, Counts
from brinkwatch.evaluate.results import Case, PredEvent


def _sentence(sid: str, *events: GoldEvent) -> SentenceGold:
    return SentenceGold(sid, "A sentence.", None, 4, None, None, events)


def test_levels_count_each_key_one_to_one() -> None:
    gold = [GoldEvent("190", "RUS", "UKR", "MIL"), GoldEvent("036", "FRA", "CHN", "GOV")]
    pred = [PredEvent("193", source_country="RUS", target_country="UKR", source_sector="MIL"),
            PredEvent("040", source_country="FRA", target_country=None)]  # fmt: skip
    c = level_counts(gold, pred)
    assert c["root"] == Counts(tp=1, fp=1, fn=1)  # 19 found; 04 is not 03
    assert c["code"] == Counts(tp=0, fp=2, fn=2)
    assert c["source_country"] == Counts(tp=2)
    assert c["target_country"] == Counts(tp=1, fn=1)  # no predicted target: no key, a miss
    assert c["source_sector"] == Counts(tp=1, fn=1)
    assert c["triple"] == Counts(tp=1, fp=1, fn=1)


def test_score_events_sums_sentences_and_builds_root_confusions() -> None:
    cases = [
        Case(_sentence("a", GoldEvent("190", "RUS", "UKR")),
             (PredEvent("190", source_country="RUS", target_country="UKR"),)),
        Case(_sentence("b", GoldEvent("112", "USA", "IRN")),
             (PredEvent("130", source_country="USA", target_country="IRN"),)),
        Case(_sentence("c", GoldEvent("042", "DEU", "FRA")), (), error="analysis_failed: x"),
        Case(SentenceGold("d", "No gold events here.", None, 0, None, None), ()),
    ]  # fmt: skip
    score = score_events(cases)
    assert score.records == 3 and score.notes  # "d" has no `events`: not scored, and said so
    flat = score.flat()
    assert flat["events.root.precision"] == pytest.approx(1 / 2)
    assert flat["events.root.recall"] == pytest.approx(1 / 3)
    assert flat["events.source_country.f1"] == pytest.approx(2 * 2 / (2 * 2 + 0 + 1))
    cells = {(c.gold, c.predicted): c.count for c in score.confusions["root"]}
    assert cells == {("19", "19"): 1, ("11", "13"): 1, ("04", NONE): 1}
    assert [m.id for m in score.misses] == ["b", "c"]
    assert [f.id for f in score.failures] == ["c"]


def test_story_label_is_the_most_frequent_category_earliest_on_ties() -> None:
    events = (
        PredEvent("110", 50, plover="ACCUSE"),
        PredEvent("190", 10, plover="ASSAULT", mode="aerial"),
        PredEvent("112", 90, plover="ACCUSE", mode="Allege"),
    )
    assert story_label(events) == ("ACCUSE", "allege")
    assert story_label(events[:2]) == ("ASSAULT", "aerial")  # a tie: the earlier one
    assert story_label(()) == (NONE, NONE)


def test_score_stories() -> None:
    cases = [
        Case(StoryGold("s1", "t", "ASSAULT", "aerial"), (PredEvent("195", plover="ASSAULT",
                                                                    mode="aerial"),)),
        Case(StoryGold("s2", "t", "PROTEST", None),
             (PredEvent("112", 1, plover="ACCUSE"), PredEvent("141", 2, plover="PROTEST"))),
        Case(StoryGold("s3", "t", "AID", "humanitarian"), ()),
    ]  # fmt: skip
    flat = score_stories(cases).flat()
    assert flat["events.plover_accuracy"] == pytest.approx(1 / 3)
    assert flat["events.plover_any"] == pytest.approx(2 / 3)
    assert flat["events.mode_accuracy"] == pytest.approx(1 / 2)
    # ASSAULT F1 1, PROTEST 0, AID 0 (classes with gold items)
    assert flat["events.plover_macro_f1"] == pytest.approx(1 / 3)

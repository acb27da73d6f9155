"""The penta scorer on hand-made sentences and predictions."""

from __future__ import annotations

import pytest

from brinkwatch.evaluate.gold import SentenceGold
from brinkwatch.evaluate.metrics import NONE, Counts
from brinkwatch.evaluate.penta import penta_of_root, score_penta, sentence_penta
from brinkwatch.evaluate.results import Case, PredEvent
from brinkwatch.records import Span

TEXT = "Rebels attacked the town while the mayor appealed for calm."


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _gold(penta: int, spans: bool = True, sid: str = "s") -> SentenceGold:
    src = (_span(TEXT, "Rebels"),) if spans else None
    tgt = (_span(TEXT, "the town"),) if spans else None
    return SentenceGold(sid, TEXT, None, penta, src, tgt)


@pytest.mark.parametrize(
    ("root", "penta"),
    [("01", 0), ("02", 0), ("03", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3), ("13", 3),
     ("16", 3), ("14", 4), ("15", 4), ("17", 4), ("20", 4)],
)  # fmt: skip
def test_penta_of_root(root: str, penta: int) -> None:
    assert penta_of_root(root) == penta


def test_first_event_in_text_order_decides() -> None:
    late, early = PredEvent("023", position=30), PredEvent("190", position=7)
    assert sentence_penta((late, early)) == "4"
    assert sentence_penta(()) == NONE


def test_accuracy_macro_f1_and_confusions() -> None:
    cases = [
        Case(_gold(4, sid="a"), (PredEvent("190", 7),)),  # right
        Case(_gold(0, sid="b"), (PredEvent("112", 7),)),  # 0 taken for 3
        Case(_gold(4, sid="c"), ()),  # no event: a miss
        Case(_gold(4, sid="d"), (), error="analysis_failed: boom"),  # failure: a listed miss
    ]
    score = score_penta(cases)
    acc = score.metrics["accuracy"]
    assert score.flat()["penta.accuracy"] == pytest.approx(0.25)
    assert acc.to_dict()["correct"] == 1
    table = score.categories["penta"]
    assert table["4"] == Counts(tp=1, fn=2)
    assert table["3"] == Counts(fp=1)
    # classes 4 (F1 0.5), 0, 1, 2, 3 (F1 0): the macro mean over all five classes
    assert score.flat()["penta.macro_f1"] == pytest.approx(0.5 / 5)
    assert [m.id for m in score.misses] == ["b", "c", "d"]
    assert [f.id for f in score.failures] == ["d"]


def test_span_overlap_any_and_half() -> None:
    # gold source "Rebels" (1 token), target "the town" (2 tokens)
    pred = PredEvent(
        "190", 7, source=_span(TEXT, "Rebels attacked"), target=_span(TEXT, "town while")
    )
    other = PredEvent("023", 40, source=_span(TEXT, "the mayor"))
    score = score_penta([Case(_gold(4), (pred, other))])
    m = score.metrics
    assert m["source_any"] == Counts(tp=1, fp=1, fn=0)  # "the mayor" is a spurious source
    assert m["target_any"] == Counts(tp=1)
    assert m["target_half"] == Counts(tp=1)  # "town" is half of "the town"
    no_spans = score_penta([Case(_gold(4, spans=False), (pred,))])
    assert "source_any" not in no_spans.metrics  # sentences without span gold are not scored


def test_span_half_rejects_a_thin_overlap() -> None:
    gold = SentenceGold("x", TEXT, None, 4, (_span(TEXT, "the mayor appealed for calm"),), ())
    pred = PredEvent("023", 40, source=_span(TEXT, "mayor"))
    m = score_penta([Case(gold, (pred,))]).metrics
    assert m["source_any"] == Counts(tp=1)
    assert m["source_half"] == Counts(fp=1, fn=1)  # 1 of 5 gold tokens < 0.5


def test_dyad_figures_count_one_event_with_both_roles() -> None:
    from brinkwatch.evaluate.dyads import dyad_metrics
    from brinkwatch.evaluate.gold import SentenceGold
    from brinkwatch.evaluate.results import Case, PredEvent
    from brinkwatch.records import Span

    text = "Peru sued Chile in The Hague."
    gold = SentenceGold("s1", text, None, 3, (Span(0, 4, "Peru"),), (Span(10, 15, "Chile"),), None)
    split = (PredEvent("111", 5, source=Span(0, 4, "Peru")),
             PredEvent("111", 5, target=Span(10, 15, "Chile"), source=Span(19, 28, "The Hague")))  # fmt: skip
    whole = (PredEvent("111", 5, source=Span(0, 4, "Peru"), target=Span(10, 15, "Chile")),)
    missed = dyad_metrics([Case(gold, split)])
    assert missed["dyad_recall"].value == 0.0  # source and target on different events
    found = dyad_metrics([Case(gold, whole)])
    assert found["dyad_recall"].value == 1.0
    assert missed["events_per_sentence"].value == 2.0 and missed["acts_per_sentence"].value == 1.0
    assert found["with_target"].value == 1.0


def test_the_gate_holds_ceilings_from_above() -> None:
    from brinkwatch.evaluate.baseline import check, floors_from

    pins = floors_from({"penta.events_per_sentence": 1.2, "penta.dyad_recall": 0.7}, 0.03)
    assert pins["penta.events_per_sentence"] == 1.23 and pins["penta.dyad_recall"] < 0.7
    assert not check({"penta.events_per_sentence": 1.1, "penta.dyad_recall": 0.8}, pins)
    drops = check({"penta.events_per_sentence": 1.5, "penta.dyad_recall": 0.5}, pins)
    assert [d.metric for d in drops] == ["penta.dyad_recall", "penta.events_per_sentence"]
    assert "ceiling" in str(drops[1])


def test_a_mirror_record_is_never_a_false_span() -> None:
    text = "Kenya met Uganda on Monday."
    kenya, uganda = _span(text, "Kenya"), _span(text, "Uganda")
    gold = SentenceGold("m", text, None, 1, (kenya,), (uganda,))
    one_way = PredEvent("040", 6, source=kenya, target=uganda)
    mirror = PredEvent("040", 6, source=uganda, target=kenya)
    metrics = score_penta([Case(gold, (one_way, mirror))]).metrics
    assert metrics["target_any"] == Counts(1, 0, 0)
    assert metrics["source_any"] == Counts(1, 0, 0)
    # the same spans from another act (another trigger) are false spans
    other = PredEvent("112", 0, source=uganda, target=kenya)
    metrics = score_penta([Case(gold, (one_way, other))]).metrics
    assert metrics["target_any"] == Counts(1, 1, 0)


def test_a_mirror_record_counts_for_reciprocal_gold() -> None:
    text = "Kenya and Uganda met on Monday."
    kenya, uganda = _span(text, "Kenya"), _span(text, "Uganda")
    gold = SentenceGold("r", text, None, 1, (kenya, uganda), (kenya, uganda))
    events = (PredEvent("040", 17, source=kenya, target=uganda),
              PredEvent("040", 17, source=uganda, target=kenya))  # fmt: skip
    assert score_penta([Case(gold, events)]).metrics["target_any"] == Counts(2, 0, 0)

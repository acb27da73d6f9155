"""Metrics and matching on tiny hand-made inputs with known answers."""

from __future__ import annotations

import pytest

from brinkwatch.evaluate.matching import coverage, match, mutual_coverage, span_tokens, tokens
from brinkwatch.evaluate.metrics import (
    NONE,
    Counts,
    accuracy,
    confusions,
    macro_f1,
    multiset_counts,
    per_label,
    worst,
)


def test_counts_give_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().f1 == 0.0  # nothing to find, nothing found: 0, not a division error


def test_multiset_counts_match_equal_labels_one_to_one() -> None:
    # two gold "19", one predicted "19": one match, one miss; the "04" is a false hit
    assert multiset_counts(["19", "19"], ["19", "04"]) == Counts(tp=1, fp=1, fn=1)


def test_per_label_and_macro_f1() -> None:
    pairs = [("a", "a"), ("a", "b"), ("b", "b"), ("b", NONE)]
    table = per_label(pairs)
    assert table["a"] == Counts(tp=1, fp=0, fn=1)
    assert table["b"] == Counts(tp=1, fp=1, fn=1)
    assert NONE not in table
    assert macro_f1(table).value == pytest.approx((2 / 3 + 0.5) / 2)
    # a class with gold items and no hits pulls the macro mean down
    assert macro_f1(table, ["a", "b", "c"]).value == pytest.approx((2 / 3 + 0.5) / 3)


def test_accuracy_counts_none_as_wrong() -> None:
    acc = accuracy([("1", "1"), ("2", NONE), ("3", "4")])
    assert (acc.correct, acc.total) == (1, 3)


def test_worst_confusions_skip_the_diagonal_and_sort_by_count() -> None:
    cells = confusions([("1", "1")] * 5 + [("1", "2")] * 2 + [("3", NONE)] * 3)
    assert [(c.gold, c.predicted, c.count) for c in worst(cells)] == [("3", NONE, 3), ("1", "2", 2)]


def test_tokens_overlap_by_character_ranges() -> None:
    text = "The Iraqi army, backed by jets, attacked."
    assert len(tokens(text, 0, 14)) == 3  # The Iraqi army
    assert tokens(text, 5, 9) == tokens(text, 4, 9)  # a cut word still counts as its token
    gold, pred = tokens(text, 0, 14), tokens(text, 4, 30)
    assert coverage(gold, pred) == pytest.approx(2 / 3)
    assert mutual_coverage(gold, pred) == pytest.approx(2 / len(pred))
    assert span_tokens(text, [(0, 3), (10, 14)]) == tokens(text, 0, 3) | tokens(text, 10, 14)


def test_match_is_one_to_one_and_best_first() -> None:
    gold, pred = ["ab", "a"], ["a", "ab"]

    def score(g: str, p: str) -> float:
        return len(set(g) & set(p)) / len(set(g) | set(p))

    pairs = match(gold, pred, score)
    assert [(p.gold, p.predicted) for p in pairs] == [(0, 1), (1, 0)]
    assert match(["x"], ["y"], score) == []  # a zero score never matches

"""Counts and the figures derived from them: precision, recall, F1, accuracy, macro-F1, confusions.

Every figure keeps its counts, so a report can say "0.50 (3 of 6)" and a reader can check it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

NONE = "none"  # the label of "no prediction" (or "no gold") in confusion tables


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives of one matching."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        return _ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn)

    def values(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}

    def to_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **self.values()}


@dataclass(frozen=True, slots=True)
class Ratio:
    """A share: `correct` of `total` (accuracy)."""

    correct: int
    total: int

    @property
    def value(self) -> float:
        return _ratio(self.correct, self.total)

    def values(self) -> dict[str, float]:
        return {"accuracy": self.value}

    def to_dict(self) -> dict[str, float | int]:
        return {"correct": self.correct, "total": self.total, "accuracy": self.value}


@dataclass(frozen=True, slots=True)
class Mean:
    """An unweighted mean of per-category figures (macro-F1), with how many categories."""

    value: float
    categories: int

    def values(self) -> dict[str, float]:
        return {"macro_f1": self.value}

    def to_dict(self) -> dict[str, float | int]:
        return {"macro_f1": self.value, "categories": self.categories}


Metric = Counts | Ratio | Mean


def multiset_counts(gold: Iterable[str], predicted: Iterable[str]) -> Counts:
    """One-to-one matching of equal labels: tp is the size of the multiset intersection."""
    g, p = Counter(gold), Counter(predicted)
    tp = sum((g & p).values())
    return Counts(tp, sum(p.values()) - tp, sum(g.values()) - tp)


def per_label(pairs: Iterable[tuple[str, str]], labels: Iterable[str] = ()) -> dict[str, Counts]:
    """Per-label counts of a single-label classification from (gold, predicted) pairs.

    `NONE` on either side is no label: it adds a miss or a spurious prediction, never a category.
    """
    table: dict[str, Counts] = {label: Counts() for label in labels}
    for gold, pred in pairs:
        if gold == pred and gold != NONE:
            table[gold] = table.get(gold, Counts()) + Counts(tp=1)
            continue
        if gold != NONE:
            table[gold] = table.get(gold, Counts()) + Counts(fn=1)
        if pred != NONE:
            table[pred] = table.get(pred, Counts()) + Counts(fp=1)
    return dict(sorted(table.items()))


def macro_f1(table: Mapping[str, Counts], labels: Iterable[str] | None = None) -> Mean:
    """Unweighted mean F1 over `labels` (default: those with gold items)."""
    chosen = list(labels) if labels is not None else [k for k, c in table.items() if c.tp + c.fn]
    if not chosen:
        return Mean(0.0, 0)
    return Mean(sum(table.get(k, Counts()).f1 for k in chosen) / len(chosen), len(chosen))


def accuracy(pairs: Iterable[tuple[str, str]]) -> Ratio:
    pairs = list(pairs)
    return Ratio(sum(1 for g, p in pairs if g == p and g != NONE), len(pairs))


@dataclass(frozen=True, slots=True)
class Confusion:
    """How often gold label `gold` came out as `predicted`."""

    gold: str
    predicted: str
    count: int

    def to_dict(self) -> dict[str, str | int]:
        return {"gold": self.gold, "predicted": self.predicted, "count": self.count}


def confusions(pairs: Iterable[tuple[str, str]]) -> tuple[Confusion, ...]:
    """Every (gold, predicted) cell, most frequent first; the diagonal included."""
    cells = Counter(pairs)
    ordered = sorted(cells.items(), key=lambda kv: (-kv[1], kv[0]))
    return tuple(Confusion(g, p, n) for (g, p), n in ordered)


def worst(table: Iterable[Confusion], n: int = 10) -> tuple[Confusion, ...]:
    """The `n` most frequent off-diagonal cells: the mistakes most worth fixing."""
    return tuple(c for c in table if c.gold != c.predicted)[:n]
